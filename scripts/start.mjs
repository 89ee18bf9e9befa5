// `npm start`: Dockhand in a real VS Code (code-server) on examples/.
// Builds and packages the extension, installs code-server into .cache/ the
// first time, installs the .vsix, serves VS Code on 127.0.0.1 at a free port
// (no password: loopback only) and prints the address. Ctrl+C stops the whole
// process group it started.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ensureCodeServer, freeLoopbackPort, serveArgs } from './code-server.mjs';
import { repoRoot } from './node24.mjs';
import { packageExtension } from './package.mjs';

// DOCKHAND_START_DIR: the e2e test of `npm start` keeps its state apart from yours.
const stateDir = process.env.DOCKHAND_START_DIR ?? join(repoRoot, '.cache', 'start');
const dataDir = join(stateDir, 'data');
const extensionsDir = join(stateDir, 'extensions');
// resolve(): an absolute folder stays as given; a relative one is taken from where npm start was run.
const folder = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : join(repoRoot, 'examples');

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.slice(0, 3).join(' ')}... exited with ${code}`))));
  });
}

async function main() {
  if (!existsSync(folder)) throw new Error(`${folder} does not exist: pass a folder to open, or run from the repository.`);
  console.log('[start] building and packaging Dockhand ...');
  const vsix = await packageExtension({ quiet: true });
  const { node, entry } = await ensureCodeServer();
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` };
  // Its own config file: code-server would otherwise write ~/.config/code-server/config.yaml.
  const common = ['--config', join(stateDir, 'config.yaml'), '--user-data-dir', dataDir, '--extensions-dir', extensionsDir];

  await mkdir(join(dataDir, 'User'), { recursive: true });
  const settings = join(dataDir, 'User', 'settings.json');
  // First run only: later runs keep whatever the user changed.
  if (!existsSync(settings)) {
    await writeFile(settings, `${JSON.stringify({ 'workbench.startupEditor': 'readme', 'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true }, null, 2)}\n`);
  }
  console.log(`[start] installing ${vsix.slice(repoRoot.length + 1)} into code-server ...`);
  await run(node, [entry, ...common, '--force', '--install-extension', vsix], env);

  const port = await freeLoopbackPort();
  const child = spawn(
    node,
    [
      entry,
      ...common,
      ...serveArgs(port),
      '--disable-workspace-trust',
      folder,
    ],
    // detached: a new session and process group (setsid), so Ctrl+C can stop
    // code-server and everything it forked (extension hosts, language servers).
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${signal}: stopping code-server ...`);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      process.exit(0);
    }, 3000).unref();
  };
  process.on('SIGINT', () => stop('Ctrl+C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[start] code-server exited (code ${code}, signal ${signal}).`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
    process.exit(stopping ? 0 : code ?? 1);
  });

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (stopping) return;
  console.log(`\n[start] Dockhand is running in VS Code at\n\n    ${url}\n\n[start] open it in a browser; Ctrl+C stops it (code-server's process group is ${child.pid}).\n`);
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
