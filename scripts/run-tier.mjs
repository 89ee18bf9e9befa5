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
// Tiers that start real processes (engines, editors) run their files one at a time.
const serial = ['docker', 'e2e'].includes(tier) ? ['--test-concurrency=1'] : [];
// Node's runner waits forever by default: a hung test must fail, not stall CI.
const timeoutMs = { unit: 60_000, lsp: 60_000, corpus: 300_000, fuzz: 600_000, docker: 600_000, e2e: 1_200_000 }[tier] ?? 120_000;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${timeoutMs}`, ...serial, ...extra, ...files],
  { stdio: 'inherit', env: { ...process.env, DOCKHAND_SKIP_BUILD: '1' } },
);
process.exit(result.status ?? 1);
