// One Compose run from start to end, without VS Code: find Compose, check the
// engine answers, build the argv, run it in the project's folder with the
// engine's environment, and explain a failure. The VS Code commands and the
// docker-tier tests both drive Compose through here.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { composeProjectFiles } from '../../../common/src/composeFiles';
import { describeHost, dockerEnv, resolveDockerHost, type ResolvedDockerHost } from '../docker/connection';
import { dockerClient } from '../docker/engine';
import { composeArgv, type ComposeAction, type ComposeProject } from './argv';
import { detectCompose, type ComposeCommand, ComposeNotFoundError } from './cli';
import { classifyEngineError, composeMissingFault, type Fault } from './faults';
import { runProcess, type RunResult } from './runner';
import { explainFailure, type ServicePorts } from './troubleshoot';

export interface ComposeSettings {
  /** dockhand.composeCommand */
  composeCommand?: string;
  /** dockhand.dockerHost */
  dockerHost?: string;
}

export interface Prepared {
  compose: ComposeCommand;
  host: ResolvedDockerHost;
  env: Record<string, string>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; fault: Fault };

const detected = new Map<string, Promise<ComposeCommand>>();

/** Forget the cached Compose detection (after the setting changes). */
export function resetComposeDetection(): void {
  detected.clear();
}

/** Finds Compose (cached per setting, host and PATH) and the engine's environment. */
export async function prepareCompose(settings: ComposeSettings = {}): Promise<Outcome<Prepared>> {
  const host = await resolveDockerHost(settings.dockerHost);
  const env = dockerEnv(host);
  const key = JSON.stringify([settings.composeCommand ?? '', env.PATH ?? '', host.host]);
  let found = detected.get(key);
  if (!found) {
    found = detectCompose(settings.composeCommand, env);
    detected.set(key, found);
    found.catch(() => detected.delete(key)); // Try again next time: the user may install it meanwhile.
  }
  try {
    return { ok: true, value: { compose: await found, host, env } };
  } catch (error) {
    if (error instanceof ComposeNotFoundError) return { ok: false, fault: composeMissingFault(error.message) };
    throw error;
  }
}

/** Pings the engine; a fault saying what to do when it does not answer. */
export async function checkEngine(host: ResolvedDockerHost, timeoutMs = 5000): Promise<Fault | undefined> {
  try {
    const docker = dockerClient(host, { timeoutMs });
    await docker.ping();
    return undefined;
  } catch (error) {
    return classifyEngineError(error, { host: describeHost(host), hostSource: host.source });
  }
}

/**
 * The project's files when the language server cannot say, by the server's
 * own rule (common/composeFiles): COMPOSE_FILE if it lists the file, else the
 * main file with its overrides. Only file names are looked at; the client
 * never parses Compose files.
 */
export function fallbackProject(file: string, env: Record<string, string | undefined> = process.env): ComposeProject {
  const files = composeProjectFiles(file, existsSync, env);
  return { files, workingDirectory: dirname(files[0]) };
}

export interface RunComposeOptions {
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  ansi?: 'always' | 'never';
  /** For naming services in "port already allocated". */
  services?: ServicePorts[];
  projectName?: string;
  /** Skip the engine ping (e.g. `config` needs no engine). */
  skipEngineCheck?: boolean;
  /** A run nobody waits on (the check on save): at a lower priority (runner.ts). */
  background?: boolean;
}

export interface ComposeRun {
  command: string;
  args: string[];
  cwd: string;
  result: RunResult;
  /** Why it failed, when it failed and we can tell. */
  fault?: Fault;
}

/** Runs one Compose action; engine and Compose problems come back as faults, never as exceptions. */
export async function runCompose(
  prepared: Prepared,
  project: ComposeProject,
  action: ComposeAction,
  options: RunComposeOptions = {},
): Promise<Outcome<ComposeRun>> {
  const context = { host: describeHost(prepared.host), hostSource: prepared.host.source };
  if (!options.skipEngineCheck && action.name !== 'config') {
    const fault = await checkEngine(prepared.host);
    if (fault) return { ok: false, fault };
  }
  const args = composeArgv(prepared.compose, project, action, { ansi: options.ansi });
  const cwd = project.workingDirectory;
  const result = await runProcess(prepared.compose.command, args, {
    cwd,
    env: prepared.env,
    onOutput: options.onOutput,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    background: options.background,
  });
  if (result.spawnError) {
    const what = result.spawnError.code === 'ENOENT' ? 'was not found' : `could not start (${result.spawnError.code ?? result.spawnError.message})`;
    return {
      ok: false,
      fault: composeMissingFault(`The Compose program "${prepared.compose.command}" ${what}. Install Docker Compose or fix dockhand.composeCommand.`),
    };
  }
  const run: ComposeRun = { command: prepared.compose.command, args, cwd, result };
  if (result.code !== 0 && !result.cancelled) {
    run.fault = explainFailure(result.output, { ...context, services: options.services, projectName: options.projectName }) ?? {
      kind: 'failed',
      message: `Compose ${action.name} failed (exit ${result.code ?? result.signal}).`,
      advice: 'See the terminal for Compose\'s output.',
    };
  }
  return { ok: true, value: run };
}
