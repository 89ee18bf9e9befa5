// Starts code-server (VS Code 1.139 served to a browser) on loopback with the
// packaged Dockhand installed, for one test file. Everything it writes (HOME,
// XDG_*, TMPDIR, user data, extensions) lives in one run folder that stop()
// removes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureCodeServer, freeLoopbackPort, serveArgs } from '../../../scripts/code-server.mjs';
// @ts-expect-error: plain .mjs build scripts, no type declarations
import { packageExtension, vsixPath } from '../../../scripts/package.mjs';
import { stopGroup, trackGroup } from './processes';
import { repoRoot } from './paths';

export interface CodeServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  /** The run folder: home/, data/, extensions/, tmp/ and whatever a test puts there. */
  readonly runDir: string;
  /** The folder code-server opens (a copy, so tests may change files freely). */
  readonly workspace: string;
  /** Where the packaged extension was unpacked by `--install-extension`. */
  readonly extensionDir: string;
  /** The workbench URL for the workspace, with optional extra query parameters. */
  workbenchUrl(query?: Record<string, string>): string;
  /** The last lines code-server printed, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A folder to copy into the run folder and open; default: examples/. */
  workspace?: string;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /**
   * Keep VS Code's workspace trust on (off by default, so that every folder
   * is trusted): the workbench then asks whether to trust the folder.
   */
  workspaceTrust?: boolean;
  /** User settings (settings.json), on top of the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Give up waiting for code-server after this long (ms). */
  startTimeoutMs?: number;
}

// A plain, predictable workbench: no welcome page, chat or notifications
// covering what the tests look at.
const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 300,
};

let vsixOnce: Promise<string> | undefined;

/**
 * The .vsix of the current sources (`npm run package` makes the same file).
 * Built once per test process, and not at all when the one in the
 * repository root is newer than every source it is made from: each e2e file
 * runs in its own process and packaging takes a while.
 */
export function packagedVsix(): Promise<string> {
  vsixOnce ??= (async () => {
    const vsix = vsixPath() as string;
    if (existsSync(vsix) && statSync(vsix).mtimeMs > newestSourceMtime()) return vsix;
    return (await packageExtension({ quiet: true })) as string;
  })();
  return vsixOnce;
}

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of ['client/src', 'server/src', 'common/src', 'syntaxes', 'images', 'package.json', 'esbuild.mjs', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    visit(join(repoRoot, source));
  }
  return newest;
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    trackGroup(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolveRun(output) : reject(new Error(`${args.slice(1).join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const { node, entry } = (await ensureCodeServer()) as { node: string; entry: string };
  const vsix = await packagedVsix();
  const runDir = await mkdtemp(join(tmpdir(), 'dockhand-e2e-'));
  const dirs = {
    home: join(runDir, 'home'),
    data: join(runDir, 'data'),
    extensions: join(runDir, 'extensions'),
    tmp: join(runDir, 'tmp'),
    xdg: join(runDir, 'xdg'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  await mkdir(join(dirs.data, 'User'), { recursive: true });
  await writeFile(join(dirs.data, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, 'security.workspace.trust.enabled': !!options.workspaceTrust, ...options.settings }, null, 2));
  const workspace = join(runDir, 'workspace');
  await cp(options.workspace ?? join(repoRoot, 'examples'), workspace, { recursive: true });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(node)}:${process.env.PATH ?? ''}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
    TMPDIR: dirs.tmp,
    // HOME is a fresh folder, but the docker CLI keeps its config and plugins (Compose v2 as
    // `docker compose`) under the user's: point it there, as a user's VS Code finds them.
    DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? join(homedir(), '.docker'),
    ...options.env,
  };
  // Variables that would make code-server talk to a parent VS Code instead.
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_')) delete env[name];

  const common = ['--config', join(runDir, 'config.yaml'), '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];
  try {
    await runToEnd(node, [entry, ...common, '--install-extension', vsix], env);
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    throw new Error(`code-server could not install ${vsix}: ${(error as Error).message}`);
  }
  const installed = readdirSync(dirs.extensions).find((name) => name.startsWith('dockhand.dockhand-'));
  if (!installed) {
    await rm(runDir, { recursive: true, force: true });
    throw new Error(`code-server reported success but no dockhand.dockhand-* folder is in ${dirs.extensions}`);
  }

  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(
    node,
    [
      entry,
      ...common,
      ...serveArgs(port),
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--vscode-option', 'enable-smoke-test-driver',
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  trackGroup(child);
  const log: string[] = [];
  const collect = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter(Boolean));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited (code ${code}, signal ${signal})`));

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    runDir,
    workspace,
    extensionDir: join(dirs.extensions, installed),
    workbenchUrl(query = {}) {
      const params = new URLSearchParams({ folder: workspace, ...query });
      return `${url}/?${params.toString()}`;
    },
    logTail: () => log.slice(-40).join('\n'),
    async stop() {
      await stopGroup(child);
      await rm(runDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (exited) {
      await server.stop();
      throw new Error(`code-server ${exited} before it served ${url}. Its output:\n${server.logTail()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${url}/healthz in time. Its output:\n${server.logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return server;
}

/** True when a file exists in the run's installed extension (checks what the .vsix shipped). */
export function shipped(server: CodeServer, relativePath: string): boolean {
  return existsSync(join(server.extensionDir, relativePath));
}
