// `dockhand check --compose`: also asks Compose itself (`config -q`) about
// each project checked, so CI gets both verdicts and sees where they differ.
// Compose is found as the user runs it: `docker compose`, else
// `docker-compose`. Argv arrays only, never a shell.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface ComposeProgram {
  readonly command: string;
  readonly baseArgs: readonly string[];
  readonly version: string;
}

export interface ComposeVerdict {
  /** The project's files, in the order given to Compose. */
  readonly files: readonly string[];
  readonly loads: boolean;
  /** Compose's message when it refuses the project. */
  readonly message: string;
}

function versionOf(command: string, baseArgs: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(command, [...baseArgs, 'version', '--short'], { encoding: 'utf8', env, timeout: 30_000 });
  return r.status === 0 ? /v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(r.stdout)?.[1] : undefined;
}

/** `docker compose` if it answers, else `docker-compose`, else undefined. */
export function findCompose(env: NodeJS.ProcessEnv = process.env): ComposeProgram | undefined {
  for (const [command, baseArgs] of [['docker', ['compose']], ['docker-compose', []]] as const) {
    const version = versionOf(command, baseArgs, env);
    if (version) return { command, baseArgs, version };
  }
  return undefined;
}

/** Whether Compose loads these files together, run in the first file's folder as `docker compose -f ... config -q` would be. */
export function composeVerdict(program: ComposeProgram, files: readonly string[], env: NodeJS.ProcessEnv = process.env): ComposeVerdict {
  const cwd = path.dirname(files[0]!);
  const args = [...program.baseArgs, ...files.flatMap((f) => ['-f', f]), 'config', '-q'];
  const r = spawnSync(program.command, args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
  const message = (r.stderr || r.stdout || (r.error ? String(r.error.message) : '')).trim();
  // Compose's warnings (obsolete `version`, unset variables) come before the error: the last line says why it refused.
  return { files, loads: r.status === 0, message: r.status === 0 ? '' : message.split('\n').filter(Boolean).pop() ?? `exit ${r.status ?? r.signal}` };
}
