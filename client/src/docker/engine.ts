// The one door to the Docker engine: every dockerode client is built here, for
// the host connection.ts resolved, and every engine error is sorted here
// (no engine there, permission denied, or the engine said no). Plain Node (no
// `vscode`), so the docker test tier drives exactly this code.
import Docker from 'dockerode';
import { dockerodeOptions, describeHost, resolveDockerHost, type ResolvedDockerHost } from './connection';

export type { Docker };

export interface Engine {
  docker: Docker;
  host: ResolvedDockerHost;
}

export interface ClientOptions {
  /** Per request, in ms; none for a client that holds a stream open (events, stats, logs). */
  timeoutMs?: number;
}

/** A dockerode client for a resolved host: the only place one is built. */
export function dockerClient(host: ResolvedDockerHost, options: ClientOptions = {}): Docker {
  return new Docker({ ...dockerodeOptions(host), ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}) });
}

/** Connects (lazily: dockerode opens sockets per request) to the engine the CLI would use. */
export async function connectEngine(hostSetting?: string, options: ClientOptions = {}): Promise<Engine> {
  const host = await resolveDockerHost(hostSetting);
  return { docker: dockerClient(host, options), host };
}

/** An engine around an existing dockerode client (tests, or a host already resolved). */
export function engineFor(docker: Docker, host: ResolvedDockerHost = { host: 'unix:///var/run/docker.sock', source: 'given' }): Engine {
  return { docker, host };
}

/** The HTTP status dockerode attaches to API errors, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The engine's own message of an API error (dockerode wraps it in "(HTTP code 409) ..."). */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: string } })?.json;
  if (json && typeof json.message === 'string') return json.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** Socket errors that mean "no engine there" (as opposed to an answer from it). */
const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', 'EAI_AGAIN']);
const PERMISSION_CODES = new Set(['EACCES', 'EPERM']);

/**
 * Why a call to the engine failed: the socket refused us (`permission`), no
 * engine answered (`unreachable`, with the socket error's code), or the engine
 * answered with an error (`api`). The one classifier for the views and Compose.
 */
export type EngineFailure = { kind: 'permission' } | { kind: 'unreachable'; code: string } | { kind: 'api' };

export function engineFailure(error: unknown): EngineFailure {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && PERMISSION_CODES.has(code)) return { kind: 'permission' };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', code };
  return { kind: 'api' };
}

/** A message a user can act on for an engine failure. */
export function explainEngineError(error: unknown, engine: Engine): string {
  const where = `${describeHost(engine.host)} (${engine.host.source})`;
  switch (engineFailure(error).kind) {
    case 'permission':
      return `Permission denied on the Docker socket ${where}: add your user to the "docker" group (then log in again), or set dockhand.dockerHost.`;
    case 'unreachable':
      return `Cannot reach the Docker engine at ${where}: is it running? Start it, or set DOCKER_HOST or dockhand.dockerHost.`;
    case 'api':
      return engineMessage(error);
  }
}

/** The engine's API version as numbers, e.g. [1, 41]; used where behaviour changed between versions. */
export async function apiVersion(docker: Docker): Promise<[number, number]> {
  const version = await docker.version();
  const [major, minor] = String(version.ApiVersion ?? '1.41').split('.').map(Number);
  return [major || 1, minor || 0];
}
