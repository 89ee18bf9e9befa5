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

export const repoRoot = resolve(__dirname, '..', '..', '..');
/** A static busybox imported locally (no registry here): has sh, sleep, httpd, nc. */
export const TEST_IMAGE: string = IMAGE;

let ready: Promise<{ host: string }> | undefined;

/** Provisions (or finds) the engine once per test process. Call it in `before`. */
export function ensureEngine(): Promise<{ host: string }> {
  ready ??= ensureDockerEngine() as Promise<{ host: string }>;
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
