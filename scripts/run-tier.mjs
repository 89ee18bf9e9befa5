// Runs one test tier: every test/<tier>/**/*.test.ts under Node's test runner
// (TypeScript through tsx). Tiers that talk to dist/ build first.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const tier = process.argv[2];
const extra = process.argv.slice(3);
if (!tier) {
  console.error('usage: node scripts/run-tier.mjs <unit|lsp|corpus|fuzz|docker|e2e> [node --test options]');
  process.exit(2);
}

function findTests(dir) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found.sort();
}

const files = findTests(join('test', tier));
if (files.length === 0) {
  console.error(`No tests found under test/${tier}: a tier that cannot run fails.`);
  process.exit(1);
}
if (tier !== 'unit' && !process.env.DOCKHAND_SKIP_BUILD) {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// How many test files run at once. Node's default is one fewer than the cores: one file at a time on
// this two-core machine, with the other core idle while a file waits on its server or on Compose.
// - unit, corpus, fuzz: two, one per core (unit 93 -> 64 s, fuzz 125 -> 84 s, corpus with Compose's verdicts
//   cached 50 -> 38 s here; on a clean clone those verdicts fill both cores, and the corpus tier takes as long).
// - lsp: three; its files mostly wait on the servers they start and on the diagnostics' debounce (69 -> 26 s
//   at four; three leaves room for code-server's install, which runs beside these tiers on a fresh clone).
// - docker, e2e: one at a time: they start engines' containers, code-server and Chromium, and type with
//   timed pauses that a busy core would stretch.
const concurrency = { unit: 2, lsp: 3, corpus: 2, fuzz: 2 }[tier] ?? 1;
const concurrencyOption = [`--test-concurrency=${concurrency}`];
// Node's runner waits forever by default: a hung test must fail, not stall CI. With each file in a process of its
// own, this bounds each file as a whole (a suite's own timeout bounds the suite as a whole, too): a file whose
// tests grow towards it is split, as the docker tier's verdicts were (compose- and engine-verdicts).
const timeoutMs = { unit: 60_000, lsp: 60_000, corpus: 300_000, fuzz: 600_000, docker: 600_000, e2e: 1_200_000 }[tier] ?? 120_000;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${timeoutMs}`, ...concurrencyOption, ...extra, ...files],
  { stdio: 'inherit', env: { ...process.env, DOCKHAND_SKIP_BUILD: '1' } },
);
process.exit(result.status ?? 1);
