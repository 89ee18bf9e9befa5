// Which Docker engine Dockhand talks to, decided once for both dockerode and
// the child processes (docker, docker compose) so the two never disagree.
// Precedence follows the docker CLI: an explicit host (our `dockhand.dockerHost`
// setting plays the role of `--host`) > DOCKER_HOST > DOCKER_CONTEXT > the
// current context of the docker config > the local socket.
// Plain Node: no `vscode` import, so the docker test tier can use it directly.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';

export const DEFAULT_DOCKER_HOST = process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';

export interface ResolvedDockerHost {
  /** unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe://... */
  host: string;
  /** Where the host came from, for messages: "setting dockhand.dockerHost", "DOCKER_HOST", "context prod", "default socket". */
  source: string;
  /** The docker context this came from, when it came from one (its TLS material lives there). */
  context?: string;
  /** TLS files (ca.pem, cert.pem, key.pem) for a tcp host, when known. */
  tlsDir?: string;
  /** Whether the TLS peer must be verified. */
  tlsVerify?: boolean;
}

type Env = Record<string, string | undefined>;

function dockerConfigDir(env: Env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

/** The name of the current context from the docker config, or undefined for "default". */
export function currentContextName(env: Env = process.env): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  try {
    const config = JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: string };
    return config.currentContext || undefined;
  } catch {
    return undefined; // No config file (or unreadable): the CLI then uses "default" too.
  }
}

/** The docker endpoint of a named context, read the way the CLI stores it (meta dir keyed by sha256 of the name). */
export function readContextEndpoint(name: string, env: Env = process.env): { host?: string; skipTLSVerify?: boolean; tlsDir?: string } | undefined {
  const id = createHash('sha256').update(name).digest('hex');
  const base = dockerConfigDir(env);
  try {
    const meta = JSON.parse(readFileSync(join(base, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as {
      Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
    };
    const endpoint = meta.Endpoints?.docker;
    if (!endpoint) return undefined;
    const tlsDir = join(base, 'contexts', 'tls', id, 'docker');
    return { host: endpoint.Host, skipTLSVerify: endpoint.SkipTLSVerify, tlsDir: existsSync(tlsDir) ? tlsDir : undefined };
  } catch {
    return undefined;
  }
}

/**
 * The engine to use. `settingValue` is `dockhand.dockerHost` (empty = not set).
 * Async so callers need not change if resolution ever has to ask `docker context inspect`.
 */
export async function resolveDockerHost(settingValue?: string, env: Env = process.env): Promise<ResolvedDockerHost> {
  return resolveDockerHostSync(settingValue, env);
}

export function resolveDockerHostSync(settingValue?: string, env: Env = process.env): ResolvedDockerHost {
  const setting = settingValue?.trim();
  if (setting) return { host: setting, source: 'setting dockhand.dockerHost' };
  if (env.DOCKER_HOST) {
    return {
      host: env.DOCKER_HOST,
      source: 'DOCKER_HOST',
      tlsVerify: Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0'),
      tlsDir: env.DOCKER_CERT_PATH || (env.DOCKER_TLS_VERIFY ? dockerConfigDir(env) : undefined),
    };
  }
  const context = currentContextName(env);
  if (context && context !== 'default') {
    const endpoint = readContextEndpoint(context, env);
    if (endpoint?.host) {
      return {
        host: endpoint.host,
        source: `docker context "${context}"`,
        context,
        tlsDir: endpoint.tlsDir,
        tlsVerify: endpoint.tlsDir ? !endpoint.skipTLSVerify : undefined,
      };
    }
    // A context the CLI cannot find either: the CLI will fail with its own message;
    // we fall back to the default socket and say where the choice came from.
    return { host: DEFAULT_DOCKER_HOST, source: `default socket (docker context "${context}" not found)` };
  }
  return { host: DEFAULT_DOCKER_HOST, source: 'default socket' };
}

/**
 * The environment for child processes (docker, docker compose) so they reach the
 * same engine as dockerode. Only an explicit setting changes anything: DOCKER_HOST,
 * DOCKER_CONTEXT and the current context are already what the CLI reads itself.
 */
export function dockerEnv(resolved: ResolvedDockerHost, base: Env = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  if (resolved.source === 'setting dockhand.dockerHost') {
    env.DOCKER_HOST = resolved.host;
    // The CLI refuses (or warns) when both are set; the setting wins.
    delete env.DOCKER_CONTEXT;
  }
  return env;
}

/** dockerode's options for a resolved host (unix socket, npipe, tcp with optional TLS, ssh). */
export function dockerodeOptions(resolved: ResolvedDockerHost): DockerOptions {
  const host = resolved.host;
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('npipe://')) return { socketPath: host.slice('npipe://'.length).replace(/\//g, '\\') };
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`"${host}" (from ${resolved.source}) is not a Docker host address: use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.`);
  }
  if (url.protocol === 'ssh:') {
    return { protocol: 'ssh', host: url.hostname, port: url.port || 22, username: url.username || undefined };
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const tls = url.protocol === 'https:' || Boolean(resolved.tlsDir);
    const options: DockerOptions = {
      protocol: tls ? 'https' : 'http',
      host: url.hostname,
      port: url.port || (tls ? 2376 : 2375),
    };
    if (tls && resolved.tlsDir) {
      const read = (file: string) => {
        const path = join(resolved.tlsDir!, file);
        return existsSync(path) ? readFileSync(path) : undefined;
      };
      options.ca = read('ca.pem');
      options.cert = read('cert.pem');
      options.key = read('key.pem');
    }
    return options;
  }
  throw new Error(`Unsupported Docker host scheme "${url.protocol}" in "${host}" (from ${resolved.source}): use unix://, tcp:// or ssh://.`);
}

/** A short human form for messages: the socket path or host:port. */
export function describeHost(resolved: ResolvedDockerHost): string {
  return resolved.host.startsWith('unix://') ? resolved.host.slice('unix://'.length) : resolved.host;
}
