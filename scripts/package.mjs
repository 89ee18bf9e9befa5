// `npm run package`: a production build, then `vsce package` (which wants
// Node 22 or newer, so it runs on the Node 24 from .cache/node24). The result
// is dockhand-<version>.vsix in the repository root; .vscodeignore keeps it to
// dist/*.js, syntaxes/, the icon, README, LICENSE and CHANGELOG.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode24, repoRoot } from './node24.mjs';

const require = createRequire(import.meta.url);

function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${[command, ...args].join(' ')} exited with ${code}`)),
    );
  });
}

/** The path of the .vsix `packageExtension()` writes. */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(repoRoot, `${name}-${version}.vsix`);
}

/** Builds for production and packages; resolves to the .vsix path. */
export async function packageExtension({ quiet = false } = {}) {
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'inherit', 'inherit'];
  await run(process.execPath, ['esbuild.mjs', '--production'], { stdio });
  const node = await ensureNode24();
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const out = vsixPath();
  // --no-dependencies: esbuild has bundled every runtime library into dist/.
  await run(node, [vsce, 'package', '--no-dependencies', '--out', out], { stdio });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  packageExtension().then(
    (out) => console.log(`${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`),
    (error) => {
      console.error(`Packaging failed: ${error.message}`);
      process.exit(1);
    },
  );
}
