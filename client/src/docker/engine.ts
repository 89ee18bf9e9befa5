// The one door to the Docker engine for the views: a dockerode client for the
// host resolved by connection.ts, plus the few calls the views make, typed.
// Plain Node (no `vscode`), so the docker test tier drives exactly this code.
import Docker from 'dockerode';
import { dockerodeOptions, describeHost, resolveDockerHost, type ResolvedDockerHost } from './connection';

export type { Docker };

export interface Engine {
  docker: Docker;
  host: ResolvedDockerHost;
}

/** Connects (lazily: dockerode opens sockets per request) to the engine the CLI would use. */
export async function connectEngine(hostSetting?: string): Promise<Engine> {
  const host = await resolveDockerHost(hostSetting);
  return { docker: new Docker(dockerodeOptions(host)), host };
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

/** True when the failure means "no engine there" rather than "the engine said no". */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH';
}

/** A message a user can act on for an engine failure. */
export function explainEngineError(error: unknown, engine: Engine): string {
  const where = `${describeHost(engine.host)} (${engine.host.source})`;
  const code = (error as { code?: string })?.code;
  if (code === 'EACCES') {
    return `Permission denied on the Docker socket ${where}: add your user to the "docker" group (then log in again), or set dockhand.dockerHost.`;
  }
  if (isUnreachable(error)) {
    return `Cannot reach the Docker engine at ${where}: is it running? Start it, or set DOCKER_HOST or dockhand.dockerHost.`;
  }
  return engineMessage(error);
}

/** The engine's API version as numbers, e.g. [1, 41]; used where behaviour changed between versions. */
export async function apiVersion(docker: Docker): Promise<[number, number]> {
  const version = await docker.version();
  const [major, minor] = String(version.ApiVersion ?? '1.41').split('.').map(Number);
  return [major || 1, minor || 0];
}
