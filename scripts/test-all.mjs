// `npm test`: builds once, then runs every tier in turn. A tier that fails
// (or cannot run) fails the whole run; the others still run so one report
// shows everything. The last line sums the tests of all tiers.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

const tiers = (process.env.DOCKHAND_TIERS ?? 'unit,lsp,corpus,fuzz,docker,e2e').split(',');

// The e2e tier runs last and needs code-server, whose first install builds native modules for two to three
// minutes on one core. On a fresh clone it is installed beside the other tiers (which run their test files on
// the other core), and the e2e tier waits for it. Should that install fail, the e2e tier installs it again
// itself and reports why.
const codeServerReady = tiers.includes('e2e') ? installCodeServerAside() : undefined;

function installCodeServerAside() {
  const log = join('.cache', 'code-server-install.log');
  mkdirSync('.cache', { recursive: true });
  const out = openSync(log, 'w');
  const started = Date.now();
  const child = spawn(process.execPath, ['scripts/code-server.mjs'], { stdio: ['ignore', out, out] });
  // A run that ends early (the build failed) leaves no install going on behind it; a half install is redone.
  process.on('exit', () => {
    if (child.exitCode === null) child.kill();
  });
  return new Promise((resolve) => {
    child.on('error', () => resolve(`could not start the install (${log})`));
    child.on('close', (code) => {
      closeSync(out);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      resolve(code === 0 ? `ready (${seconds} s beside the other tiers)` : `its install beside the other tiers failed after ${seconds} s, exit ${code} (${log}); the e2e tier installs it again`);
    });
  });
}

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Build failed: no tier can run.');
  process.exit(1);
}

/** A check that is not a test tier (types, lint): one pass or one failure in the summary. */
function runCheck(name, args, failure) {
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  const ok = run.status === 0;
  if (!ok) console.error(failure);
  return { tier: name, code: run.status ?? 1, pass: ok ? 1 : 0, fail: ok ? 0 : 1, skipped: [], seconds: (Date.now() - started) / 1000 };
}

// Strict types and the layer boundaries are part of the build's promise: a type
// error or a lint error fails the run like a failed test.
const checks = [
  runCheck('types', ['node_modules/typescript/lib/tsc.js', '-b'], 'Typecheck failed (tsc -b): see the errors above.'),
  runCheck('lint', ['scripts/lint/run.mjs'], 'Lint failed (npm run lint): see the errors above.'),
];

function runTier(tier) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['scripts/run-tier.mjs', tier], {
      env: { ...process.env, DOCKHAND_SKIP_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pass = 0;
    let fail = 0;
    const skipped = [];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // Node's spec reporter ends with "ℹ pass N" / "ℹ fail N" / "ℹ cancelled N". A test cancelled because its
        // suite or file ran out of time did not pass: it counts as failed.
        const m = /^\s*(?:ℹ|#)\s+(pass|fail|cancelled)\s+(\d+)\s*$/.exec(line);
        if (m?.[1] === 'pass') pass += Number(m[2]);
        else if (m?.[1] === 'fail' || m?.[1] === 'cancelled') fail += Number(m[2]);
        // A suite whose data is missing is one skipped test with the reason (test/support/externalData.ts).
        const skip = /^﹣ (.*?) \([\d.]+m?s\) # (.*)$/.exec(line);
        if (skip) skipped.push(`${skip[1]}: ${skip[2]}`);
      }
    });
    child.on('close', (code) => resolve({ tier, code, pass, fail, skipped, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = [...checks];
for (const tier of tiers) {
  if (tier === 'e2e' && codeServerReady) console.log(`\n[code-server] ${await codeServerReady}`);
  console.log(`\n===== tier: ${tier} =====`);
  results.push(await runTier(tier));
}

console.log('\n===== summary =====');
let pass = 0;
let fail = 0;
let failedTiers = 0;
const skipped = [];
for (const r of results) {
  const ok = r.code === 0;
  if (!ok) failedTiers++;
  pass += r.pass;
  fail += r.fail;
  skipped.push(...r.skipped.map((line) => `(${r.tier}) ${line}`));
  const skips = r.skipped.length ? `, ${r.skipped.length} skipped` : '';
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.tier.padEnd(7)} ${r.pass} passed, ${r.fail} failed${skips} (${r.seconds.toFixed(0)} s)${ok ? '' : `, exit ${r.code}`}`);
}
if (skipped.length) console.log(`skipped (not run, and why):\n  ${skipped.join('\n  ')}`);
// A tier that died without reporting a failed test still fails the run.
if (failedTiers > 0 && fail === 0) fail = failedTiers;
console.log(`tests: ${pass} passed, ${fail} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
process.exit(failedTiers > 0 ? 1 : 0);
