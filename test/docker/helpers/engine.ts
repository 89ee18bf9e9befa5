// Shared by every docker-tier test: a real engine (provisioned once per process
// by scripts/docker-engine.mjs), a dockerode client for it, temp Compose
// projects, and cleanup by Compose's project label.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type Docker from 'dockerode';
// @ts-ignore: plain ESM script without types; its exports are documented there.
import { ensureDockerEngine, TEST_IMAGE as IMAGE } from '../../../scripts/docker-engine.mjs';
import { resolveDockerHostSync } from '../../../client/src/docker/connection';
import { dockerClient } from '../../../client/src/docker/engine';
import { processRuns } from '../../../common/src/processes';

export const repoRoot = resolve(__dirname, '..', '..', '..');
/** A static busybox imported locally (no registry here): has sh, sleep, httpd, nc. */
export const TEST_IMAGE: string = IMAGE;

let ready: Promise<{ host: string }> | undefined;

/** Provisions (or finds) the engine once per test process, and clears what killed runs left. Call it in `before`. */
export function ensureEngine(): Promise<{ host: string }> {
  ready ??= (ensureDockerEngine() as Promise<{ host: string }>).then(async (found) => {
    const removed = await removeLeftoverTestProjects().catch(() => []);
    if (removed.length) console.log(`# removed ${removed.length} project(s) left on the engine by killed test runs: ${removed.join(', ')}`);
    return found;
  });
  return ready;
}

/** dockerode for the same engine the CLI uses (DOCKER_HOST or the local socket). */
export function engine(): Docker {
  return dockerClient(resolveDockerHostSync());
}

/** A name no other test run uses: Compose project names must be lowercase [a-z0-9_-]. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`.toLowerCase();
}

export interface TempProject {
  dir: string;
  file(name: string): string;
  cleanup(): void;
}

/** Writes files (relative path -> text) into a fresh temp folder. */
export function tempProject(files: Record<string, string>, prefix = 'dockhand-docker-'): TempProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the docker CLI with an argv array; never throws, the caller asserts. */
export function dockerCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}) {
  const r = spawnSync('docker', args, { encoding: 'utf8', cwd: options.cwd, timeout: options.timeoutMs ?? 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Containers of a Compose project (running or not), found by Compose's own label. */
export async function projectContainers(project: string): Promise<Docker.ContainerInfo[]> {
  return engine().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
}

/** Removes whatever a test's Compose project left behind: containers, networks, volumes. */
export async function removeProject(project: string): Promise<void> {
  const docker = engine();
  const label = { label: [`com.docker.compose.project=${project}`] };
  for (const c of await docker.listContainers({ all: true, filters: label })) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  }
  for (const n of await docker.listNetworks({ filters: label })) {
    await docker.getNetwork(n.Id).remove().catch(() => undefined);
  }
  const volumes = (await docker.listVolumes({ filters: label })).Volumes ?? [];
  for (const v of volumes) await docker.getVolume(v.Name).remove({ force: true }).catch(() => undefined);
}

/** A project name made by uniqueName with a `dh` prefix: `<prefix>-<pid of the test process>-<time>-<n>`. */
const TEST_PROJECT = /^dh[a-z0-9-]*?-(\d+)-([0-9a-z]+)-\d+$/;
/**
 * Older than any test file may run (the e2e tier's per-file limit is 20 minutes): a run on another
 * machine or in another process namespace sharing this engine cannot be told apart by its pid.
 */
const LEFTOVER_AGE_MS = 30 * 60_000;


/**
 * Removes the Compose projects of test runs that were killed before their
 * `after` ran: a CI run stopped midway left its project, and the next run's
 * Compose view listed it beside (and above) the project under test. Only
 * projects named by uniqueName, made over half an hour ago, whose test
 * process is gone; returns their names. (The e2e suites find their rows
 * under their own project anyway: a user's engine holds other projects.)
 */
export async function removeLeftoverTestProjects(): Promise<string[]> {
  const docker = engine();
  const label = { label: ['com.docker.compose.project'] };
  const names = new Set<string>();
  for (const c of await docker.listContainers({ all: true, filters: label })) names.add(c.Labels['com.docker.compose.project']);
  for (const n of await docker.listNetworks({ filters: label })) names.add(n.Labels?.['com.docker.compose.project'] ?? '');
  for (const v of (await docker.listVolumes({ filters: label })).Volumes ?? []) names.add(v.Labels?.['com.docker.compose.project'] ?? '');
  const leftovers = [...names].filter((name) => {
    const parts = TEST_PROJECT.exec(name);
    if (!parts) return false;
    const [pid, made] = [Number(parts[1]), parseInt(parts[2], 36)];
    return pid !== process.pid && Date.now() - made > LEFTOVER_AGE_MS && !processRuns(pid);
  });
  for (const name of leftovers) await removeProject(name);
  return leftovers;
}

/**
 * Removes what remains of the projects this test process made, at the end of a file that ran `up`s meant to
 * fail. When `up` fails on one service (a name or port taken), the CLI exits while the engine may still be
 * creating another service's container, after the test's removeProject looked: such a container stayed
 * ("Created"), and the next e2e run's Compose view listed its project beside the one under test. Seconds
 * later, at the file's end, the engine has finished; a sweep that found any container looks once more.
 */
export async function removeOwnProjects(): Promise<string[]> {
  const docker = engine();
  const label = { label: ['com.docker.compose.project'] };
  const removed = new Set<string>();
  for (let sweep = 0; sweep < 2; sweep++) {
    const own = new Set<string>();
    for (const c of await docker.listContainers({ all: true, filters: label })) own.add(c.Labels['com.docker.compose.project']);
    for (const n of await docker.listNetworks({ filters: label })) own.add(n.Labels?.['com.docker.compose.project'] ?? '');
    const mine = [...own].filter((name) => Number(TEST_PROJECT.exec(name)?.[1]) === process.pid);
    for (const name of mine) {
      await removeProject(name);
      removed.add(name);
    }
    if (mine.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return [...removed];
}

export interface ComposeUnderTest {
  /** "v2" or "v1", for test names. */
  readonly label: string;
  /** The dockhand.composeCommand setting that selects it. */
  readonly setting: string;
}

/**
 * The Compose programs the Compose tests run against: v2 as `docker compose`
 * (scripts/compose-v2.mjs makes it answer, in ensureEngine), and Debian's v1
 * `docker-compose` 1.x where it is installed (docker-engine.mjs installs it on
 * Debian; the tier's first file has provisioned the engine before later files
 * load). Decided when a test file loads, so each gets its own suite.
 */
export function composeUnderTest(): ComposeUnderTest[] {
  const list: ComposeUnderTest[] = [{ label: 'v2', setting: 'docker compose' }];
  const v1 = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8', timeout: 30_000 });
  if (v1.status === 0 && /^1\./.test(v1.stdout.trim())) list.push({ label: 'v1', setting: 'docker-compose' });
  return list;
}
