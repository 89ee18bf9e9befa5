// `npm run lint`: ESLint over the whole repository with eslint.config.mjs.
// The lint tools have their own package.json and lockfile here (typescript-
// eslint needs the TypeScript 6 API; the project builds with TypeScript 7, and
// one node_modules cannot hold both under the name `typescript`), installed
// from the lockfile on first use. Results are cached, so a second run only
// lints what changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const stamp = join(here, 'node_modules', '.installed-lock');
const lock = readFileSync(join(here, 'package-lock.json'), 'utf8');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Install (again) when missing or when the lockfile changed since the install.
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('lint: could not install the lint tools (npm ci in scripts/lint).');
    process.exit(1);
  }
  writeFileSync(stamp, lock);
}

const eslint = spawnSync(
  process.execPath,
  [join(here, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--cache', '--cache-location', join(root, '.tsbuild', 'eslintcache'), ...process.argv.slice(2), '.'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(eslint.status ?? 1);

