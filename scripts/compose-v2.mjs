// Provisions Docker Compose v2 for the tests without touching the system:
// Debian's `docker-compose` package from the suite `trixie` (2.26.1, one static
// Go binary that works on bookworm), fetched with a private apt state under
// .cache/compose-v2 (its own source list naming the mirror this machine's own
// apt sources use, its own lists and package cache), unpacked with dpkg-deb.
// The system's apt lists are never changed.
//   node scripts/compose-v2.mjs            -> prints the binary's path and version
//   node scripts/compose-v2.mjs --plugin   -> also makes `docker compose` work
//   import { ensureComposeV2, ensureComposePlugin } ...
// Idempotent (a binary already unpacked is used as is, apt is not asked
// again) and safe when several test processes call it at once (a lock dir;
// the binary appears by an atomic rename).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SUITE = 'trixie';
const PACKAGE = 'docker-compose';
const DEFAULT_MIRROR = { uri: 'http://deb.debian.org/debian', signedBy: '/usr/share/keyrings/debian-archive-keyring.gpg' };

function log(message) {
  if (process.env.DOCKHAND_ENGINE_QUIET !== '1') process.stderr.write(`[compose-v2] ${message}\n`);
}

/** Where everything lives: .cache/compose-v2 (a link to the shared cache in a worktree). */
export function composeV2Dir() {
  return join(repoRoot, '.cache', 'compose-v2');
}

/** `docker-compose version` of a binary: "2.26.1", or undefined when it does not run. */
export function composeVersionOf(binary, env = process.env) {
  const r = spawnSync(binary, ['version', '--short'], { encoding: 'utf8', timeout: 30_000, env });
  if (r.status !== 0) return undefined;
  return /v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(r.stdout)?.[1];
}

/**
 * The Debian mirror this machine's apt already uses, read from
 * /etc/apt/sources.list and sources.list.d (one-line and deb822 formats): the
 * first `deb` source of the release's main suite (not -security, -updates or
 * a third-party repository). Falls back to deb.debian.org.
 */
export function machineDebianMirror(etcApt = '/etc/apt') {
  const candidates = [];
  const files = [];
  if (existsSync(join(etcApt, 'sources.list'))) files.push(join(etcApt, 'sources.list'));
  const partsDir = join(etcApt, 'sources.list.d');
  if (existsSync(partsDir)) {
    for (const name of readdirSync(partsDir).sort()) if (/\.(list|sources)$/.test(name)) files.push(join(partsDir, name));
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (name) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim();
        if (!/^Types:.*\bdeb\b/im.test(stanza) || /^Enabled:\s*no/im.test(stanza)) continue;
        const suites = (field('Suites') ?? '').split(/\s+/);
        for (const uri of (field('URIs') ?? '').split(/\s+/).filter(Boolean)) candidates.push({ uri, suites, signedBy: field('Signed-By') });
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^\s*deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)/.exec(line);
        if (!m) continue;
        const signedBy = /signed-by=(\S+)/.exec(m[1] ?? '')?.[1];
        candidates.push({ uri: m[2], suites: [m[3]], signedBy });
      }
    }
  }
  const main = candidates.find((c) => c.suites.some((s) => /^[a-z]+$/.test(s) && s !== 'nodistro') && /\/debian\/?$/.test(c.uri));
  if (!main) return DEFAULT_MIRROR;
  const signedBy = main.signedBy && !main.signedBy.includes('\n') && existsSync(main.signedBy) ? main.signedBy : DEFAULT_MIRROR.signedBy;
  return { uri: main.uri.replace(/\/$/, ''), signedBy };
}

function aptOptions(dir) {
  return [
    '-o', `Dir::Etc::SourceList=${join(dir, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${join(dir, 'lists')}`,
    '-o', `Dir::Cache=${join(dir, 'apt-cache')}`,
    // apt's download sandbox user cannot write into root's folders; this state is ours alone.
    '-o', 'APT::Sandbox::User=root',
  ];
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.filter((a) => a !== '-o' && !a.startsWith('Dir::') && !a.startsWith('APT::')).join(' ')}`);
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000, ...options });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
  }
  return r.stdout;
}

/** Unpacked binaries, newest Debian version first: .cache/compose-v2/bin/<version>/docker-compose. */
function unpackedBinaries(dir) {
  const binDir = join(dir, 'bin');
  if (!existsSync(binDir)) return [];
  return readdirSync(binDir)
    .filter((v) => existsSync(join(binDir, v, 'docker-compose')))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    .map((v) => join(binDir, v, 'docker-compose'));
}

/** A cross-process lock (mkdir is atomic); a lock older than 10 minutes is taken as stale. */
export async function withLock(lock, fn) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmdirSync(lock);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock} (another provisioning run?)`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(lock);
  }
}

function fetchAndUnpack(dir) {
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version')) {
    throw new Error('Compose v2 is fetched from Debian\'s packages, which needs a Debian machine. Install Docker Compose v2 (https://docs.docker.com/compose/install/) instead.');
  }
  for (const tool of ['apt-get', 'dpkg-deb']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) throw new Error(`${tool} is missing: Compose v2 cannot be fetched from Debian's packages here.`);
  }
  const mirror = machineDebianMirror();
  mkdirSync(join(dir, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(dir, 'apt-cache', 'archives', 'partial'), { recursive: true });
  writeFileSync(join(dir, 'sources.list'), `deb [signed-by=${mirror.signedBy}] ${mirror.uri} ${SUITE} main\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', [...aptOptions(dir), 'update'], { env });
  const work = mkdtempSync(join(dir, 'download-'));
  try {
    run('apt-get', [...aptOptions(dir), 'download', PACKAGE], { env, cwd: work });
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${PACKAGE} left no .deb in ${work}`);
    const debVersion = run('dpkg-deb', ['-f', join(work, deb), 'Version']).trim();
    run('dpkg-deb', ['-x', join(work, deb), join(work, 'root')]);
    const unpacked = ['usr/libexec/docker/cli-plugins/docker-compose', 'usr/bin/docker-compose']
      .map((p) => join(work, 'root', p))
      .find((p) => existsSync(p) && !lstatSync(p).isSymbolicLink());
    if (!unpacked) throw new Error(`${deb} holds no docker-compose binary`);
    const target = join(dir, 'bin', debVersion);
    mkdirSync(target, { recursive: true });
    const staged = join(target, `.docker-compose-${process.pid}`);
    renameSync(unpacked, staged);
    renameSync(staged, join(target, 'docker-compose'));
    return join(target, 'docker-compose');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Compose v2's standalone binary: `DOCKHAND_COMPOSE_V2` if set, else one
 * already unpacked under .cache, else fetched now. Resolves { path, version }.
 */
export async function ensureComposeV2() {
  const configured = process.env.DOCKHAND_COMPOSE_V2;
  if (configured) {
    const version = composeVersionOf(configured);
    if (!version?.startsWith('2.')) throw new Error(`DOCKHAND_COMPOSE_V2=${configured} is not a working Compose v2 (version: ${version ?? 'none'})`);
    return { path: configured, version };
  }
  const dir = composeV2Dir();
  const ready = () => {
    for (const path of unpackedBinaries(dir)) {
      const version = composeVersionOf(path);
      if (version) return { path, version };
    }
    return undefined;
  };
  const found = ready();
  if (found) return found;
  mkdirSync(dir, { recursive: true });
  return withLock(join(dir, '.lock'), async () => {
    const again = ready();
    if (again) return again;
    const path = fetchAndUnpack(dir);
    const version = composeVersionOf(path);
    if (!version) throw new Error(`${path} was unpacked but does not run`);
    log(`Compose ${version} at ${path}`);
    return { path, version };
  });
}

/**
 * Makes `docker compose` answer with Compose v2: when the docker CLI has no
 * compose plugin yet, links ~/.docker/cli-plugins/docker-compose to the binary
 * from ensureComposeV2(). A plugin that is already there (Docker's, or a
 * user's) is left alone. Resolves { version } of `docker compose`.
 */
export async function ensureComposePlugin() {
  const existing = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8', timeout: 30_000 });
  if (existing.status === 0) return { version: existing.stdout.trim().replace(/^v/, ''), installed: false };
  if (existing.error?.code === 'ENOENT') throw new Error('The docker CLI is missing, so `docker compose` cannot work: apt-get install docker.io.');
  const { path } = await ensureComposeV2();
  const pluginDir = join(process.env.DOCKER_CONFIG || join(homedir(), '.docker'), 'cli-plugins');
  const plugin = join(pluginDir, 'docker-compose');
  mkdirSync(pluginDir, { recursive: true });
  let stale = false;
  try {
    stale = lstatSync(plugin).isSymbolicLink() && !existsSync(readlinkSync(plugin));
  } catch {
    /* no plugin file */
  }
  if (stale) unlinkSync(plugin);
  if (!existsSync(plugin)) {
    const temp = `${plugin}.${process.pid}`;
    // The real path: a worktree's .cache is a link that may go away before the shared cache does.
    symlinkSync(realpathSync(path), temp);
    renameSync(temp, plugin);
    log(`linked ${plugin} -> ${path}`);
  }
  const after = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8', timeout: 30_000 });
  if (after.status !== 0) throw new Error(`\`docker compose version\` still fails after linking ${plugin}: ${(after.stderr || after.stdout).trim()}`);
  return { version: after.stdout.trim().replace(/^v/, ''), installed: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const main = async () => {
    const { path, version } = await ensureComposeV2();
    console.log(`${path} ${version}`);
    if (process.argv.includes('--plugin')) console.log(`docker compose ${(await ensureComposePlugin()).version}`);
  };
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
