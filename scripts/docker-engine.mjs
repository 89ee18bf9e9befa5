// Makes sure a Docker engine answers for the docker and e2e test tiers.
//   node scripts/docker-engine.mjs        -> prints the engine's host
//   import { ensureDockerEngine } ...     -> { host }
// If an engine already answers (DOCKER_HOST, else the local socket) it is used
// as is. Otherwise, as root on Debian: install docker.io, docker-compose (v1,
// Debian's 1.29) and busybox-static when missing, start dockerd in the
// background (it stays up after the tests; CI ends every process), wait for
// it, and import a static busybox as the test image. Elsewhere it fails saying
// what to install. Compose v2 (`docker compose`) comes from compose-v2.mjs.
// Idempotent, and safe when two test processes call it at once (a lock dir).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeVersionOf, ensureComposePlugin, withLock } from './compose-v2.mjs';

export const TEST_IMAGE = 'dockhand-test/busybox:latest';
const DEFAULT_HOST = 'unix:///var/run/docker.sock';
const PACKAGES = { 'docker.io': 'dockerd', 'docker-compose': 'docker-compose', 'busybox-static': null };
const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

function log(message) {
  if (process.env.DOCKHAND_ENGINE_QUIET !== '1') process.stderr.write(`[docker-engine] ${message}\n`);
}

/** GET /_ping on a unix or tcp host; resolves true when the engine answers OK. */
export function pingEngine(host, timeoutMs = 3000) {
  return new Promise((resolvePing) => {
    let options;
    if (host.startsWith('unix://')) options = { socketPath: host.slice('unix://'.length), path: '/_ping' };
    else if (host.startsWith('tcp://') || host.startsWith('http://')) {
      const url = new URL(host.replace(/^tcp:/, 'http:'));
      options = { host: url.hostname, port: Number(url.port) || 2375, path: '/_ping' };
    } else {
      // ssh:// or TLS hosts: let the docker CLI decide.
      const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: timeoutMs * 3 });
      resolvePing(r.status === 0);
      return;
    }
    const req = request({ ...options, method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolvePing(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolvePing(false));
    req.end();
  });
}

function which(command) {
  for (const dir of (process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const path = join(dir, command);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      /* not in this dir */
    }
  }
  return undefined;
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
  }
  return r.stdout;
}

function isDebianRoot() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') && Boolean(which('apt-get'));
}

function instructions(host, why) {
  return (
    `No Docker engine answers at ${host} (${why}). The docker test tier needs one.\n` +
    'Either start one and point DOCKER_HOST at it, or run the tests as root on Debian/Ubuntu, where\n' +
    'scripts/docker-engine.mjs installs docker.io, docker-compose and busybox-static and starts dockerd itself.\n' +
    'By hand: apt-get install docker.io docker-compose busybox-static && dockerd &'
  );
}

function missingPackages() {
  return Object.keys(PACKAGES).filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f', '${Status}', pkg], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

function installPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env, timeout: 600_000 });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeout: 1_200_000 });
}

function startDockerd() {
  const dir = join(repoRoot, '.cache');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'dockerd.log');
  const out = openSync(logFile, 'a');
  const dockerd = which('dockerd') ?? '/usr/sbin/dockerd';
  log(`starting ${dockerd} (log: ${logFile})`);
  // setsid: its own session, so it outlives the test run and no terminal signal reaches it.
  const child = spawn('setsid', [dockerd, '--host', DEFAULT_HOST], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  return logFile;
}

async function waitForEngine(host, seconds, logFile) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await pingEngine(host)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`dockerd did not answer at ${host} within ${seconds} s.${tail ? `\nLast lines of ${logFile}:\n${tail}` : ''}`);
}

/** A rootfs tar of the static busybox: /bin/busybox, a symlink per applet, and the usual empty dirs. */
async function busyboxTar() {
  const { pack } = await import('tar-stream');
  const busybox = readFileSync('/bin/busybox');
  const applets = run('/bin/busybox', ['--list']).split('\n').filter((a) => a && a !== 'busybox');
  const tar = pack();
  const mtime = new Date(0);
  for (const dir of ['bin', 'etc', 'tmp', 'var', 'var/www', 'root', 'proc', 'sys', 'dev', 'data']) {
    tar.entry({ name: `${dir}/`, type: 'directory', mode: dir === 'tmp' ? 0o1777 : 0o755, mtime });
  }
  tar.entry({ name: 'bin/busybox', mode: 0o755, mtime }, busybox);
  for (const applet of applets) tar.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox', mtime });
  tar.entry({ name: 'etc/passwd', mode: 0o644, mtime }, 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  tar.entry({ name: 'etc/group', mode: 0o644, mtime }, 'root:x:0:\nnogroup:x:65534:\n');
  tar.entry({ name: 'var/www/index.html', mode: 0o644, mtime }, 'dockhand test\n');
  tar.finalize();
  return tar;
}

async function ensureTestImage() {
  const inspect = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', TEST_IMAGE], { encoding: 'utf8' });
  if (inspect.status === 0) return;
  if (!existsSync('/bin/busybox')) {
    throw new Error(`The test image ${TEST_IMAGE} is missing and /bin/busybox is not there to make it: apt-get install busybox-static.`);
  }
  log(`importing ${TEST_IMAGE} from /bin/busybox`);
  const tar = await busyboxTar();
  await new Promise((resolveImport, rejectImport) => {
    const child = spawn(
      'docker',
      ['import', '--change', 'ENV PATH=/bin', '--change', 'CMD ["sh"]', '--change', 'WORKDIR /var/www', '-', TEST_IMAGE],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rejectImport);
    child.on('close', (code) => (code === 0 ? resolveImport() : rejectImport(new Error(`docker import failed (exit ${code}): ${stderr.trim()}`))));
    tar.pipe(child.stdin);
  });
}

export async function ensureDockerEngine() {
  const host = process.env.DOCKER_HOST || DEFAULT_HOST;
  return withLock(join(tmpdir(), 'dockhand-docker-engine.lock'), async () => {
    if (!(await pingEngine(host))) {
      if (process.env.DOCKER_HOST && process.env.DOCKER_HOST !== DEFAULT_HOST) {
        throw new Error(instructions(host, 'DOCKER_HOST is set, so no local engine is started'));
      }
      if (!isDebianRoot()) throw new Error(instructions(host, 'not root on Debian, so none can be installed and started here'));
      installPackages();
      const logFile = startDockerd();
      await waitForEngine(host, 90, logFile);
      log('dockerd is up');
    } else if (isDebianRoot()) {
      // An engine answers, but the tests also need docker-compose and busybox-static.
      installPackages();
    }
    if (!which('docker')) throw new Error('The docker CLI is missing: apt-get install docker.io (or install Docker from docker.com).');
    await ensureTestImage();
    const compose = await composeVersions();
    return { host, compose };
  });
}

/**
 * The Compose versions the tests run against: v2 as `docker compose` (made to
 * work by compose-v2.mjs when the CLI has no plugin) and v1 where Debian's
 * `docker-compose` 1.x is installed. { v2: "2.26.1", v1?: "1.29.2" }.
 */
export async function composeVersions() {
  const { version: v2 } = await ensureComposePlugin();
  const standalone = which('docker-compose');
  const standaloneVersion = standalone ? composeVersionOf(standalone) : undefined;
  return { v2, ...(standaloneVersion?.startsWith('1.') ? { v1: standaloneVersion, v1Path: standalone } : {}) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureDockerEngine().then(
    ({ host, compose }) => {
      console.log(host);
      log(`Compose v2 ${compose.v2}${compose.v1 ? `, v1 ${compose.v1}` : ' (no v1 installed)'}`);
    },
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
