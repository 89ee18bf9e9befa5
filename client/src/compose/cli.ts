// Finding Compose: the `dockhand.composeCommand` setting if set, else the v2
// plugin (`docker compose`), else the standalone `docker-compose` (v1 or v2).
// Each candidate must answer `version`; the answer is cached per setting+env
// by the caller (detection spawns processes).
// Plain Node: no `vscode` import.
import { runProcess } from './runner';

export interface ComposeCommand {
  /** The program to spawn: `docker` or a docker-compose path. */
  command: string;
  /** Arguments before Compose's own: ['compose'] for the plugin, [] for standalone. */
  baseArgs: string[];
  /** As printed by `version`, e.g. "v2.27.0" or "1.29.2". */
  version: string;
  /** Major version: v1 differs in container names, `ps` flags and multiple env files. */
  major: number;
  /** How it was found, for messages. */
  source: 'setting' | 'docker compose' | 'docker-compose';
}

export class ComposeNotFoundError extends Error {
  readonly kind = 'compose-missing';
}

export const INSTALL_COMPOSE_HINT =
  'Install Docker Compose: on Debian/Ubuntu `apt-get install docker-compose-plugin` (Docker\'s repository) or ' +
  '`apt-get install docker-compose` (Debian\'s), elsewhere see https://docs.docker.com/compose/install/ — ' +
  'or set dockhand.composeCommand to the program to use.';

/** "docker compose" -> ['docker', 'compose']: split on spaces, as an argv, never through a shell. Quotes group. */
export function splitCommandSetting(value: string): string[] {
  const parts: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) parts.push(m[1] ?? m[2] ?? m[3]);
  return parts;
}

/** The version number in `docker compose version` / `docker-compose version` output. */
export function parseComposeVersion(output: string): string | undefined {
  const m = /version\s+v?(\d+\.\d+(?:\.\d+)?[\w.+-]*)/i.exec(output) ?? /\bv?(\d+\.\d+\.\d+[\w.+-]*)/.exec(output);
  return m?.[1];
}

/** Whether a Compose `version` ("2.26.1", "v2.27.0-desktop.1") is `since` or later; an unreadable version is taken as recent. */
export function versionAtLeast(version: string, since: readonly [number, number]): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major !== since[0] ? major > since[0] : minor >= since[1];
}

async function probe(command: string, baseArgs: string[], env?: Record<string, string>): Promise<{ version?: string; reason: string }> {
  const r = await runProcess(command, [...baseArgs, 'version'], { env, timeoutMs: 20_000 });
  if (r.spawnError) return { reason: r.spawnError.code === 'ENOENT' ? `${command} was not found` : `${command}: ${r.spawnError.message}` };
  if (r.code !== 0) return { reason: `\`${[command, ...baseArgs].join(' ')} version\` failed: ${r.output.trim().split('\n')[0] ?? ''}` };
  const version = parseComposeVersion(r.output);
  return version ? { version, reason: '' } : { reason: `\`${[command, ...baseArgs].join(' ')} version\` printed no version` };
}

function major(version: string): number {
  return Number(version.split('.')[0]) || 0;
}

export async function detectCompose(setting?: string, env?: Record<string, string>): Promise<ComposeCommand> {
  const configured = setting ? splitCommandSetting(setting) : [];
  if (configured.length > 0) {
    const [command, ...baseArgs] = configured;
    const found = await probe(command, baseArgs, env);
    if (!found.version) {
      throw new ComposeNotFoundError(
        `The Compose command "${setting}" from the setting dockhand.composeCommand does not work (${found.reason}). ` +
          'Fix the setting (e.g. "docker compose" or "/usr/bin/docker-compose") or clear it to let Dockhand find Compose.',
      );
    }
    return { command, baseArgs, version: found.version, major: major(found.version), source: 'setting' };
  }
  const plugin = await probe('docker', ['compose'], env);
  if (plugin.version) return { command: 'docker', baseArgs: ['compose'], version: plugin.version, major: major(plugin.version), source: 'docker compose' };
  const standalone = await probe('docker-compose', [], env);
  if (standalone.version) {
    return { command: 'docker-compose', baseArgs: [], version: standalone.version, major: major(standalone.version), source: 'docker-compose' };
  }
  throw new ComposeNotFoundError(`Docker Compose was not found: neither \`docker compose\` nor \`docker-compose\` answers. ${INSTALL_COMPOSE_HINT}`);
}
