// An interactive shell in a container through the engine's exec API with a
// TTY the engine allocates (no docker CLI, no host shell): bash when the image
// has it, else sh. The caller (a VS Code Pseudoterminal) feeds keystrokes and
// sizes in and gets the output; `ended` says how it ended, so a container that
// went away (Compose Down, a stop) can be told apart from the user's `exit`.
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { statusOf } from './engine';

export const SHELL_COMMAND = ['sh', '-c', 'command -v bash >/dev/null && exec bash || exec sh'];

export type ShellEnd = { reason: 'exited'; exitCode: number } | { reason: 'container-gone' };

export interface ShellSession {
  write(data: string): void;
  resize(columns: number, rows: number): void;
  /** Ends the session from our side (the terminal was closed). */
  close(): void;
  readonly ended: Promise<ShellEnd>;
}

async function containerRunning(docker: Docker, id: string): Promise<boolean> {
  try {
    return (await docker.getContainer(id).inspect()).State.Running;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

export async function openShell(
  docker: Docker,
  id: string,
  options: { columns?: number; rows?: number; onOutput: (text: string) => void },
): Promise<ShellSession> {
  const exec = await docker.getContainer(id).exec({
    Cmd: SHELL_COMMAND,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color'],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
  const resizeTo = (columns: number, rows: number) => exec.resize({ w: columns, h: rows }).then(
    () => undefined,
    () => undefined,
  );
  const resize = (columns: number, rows: number) => void resizeTo(columns, rows);
  stream.on('data', (chunk: Buffer) => options.onOutput(chunk.toString('utf8')));
  const ended = new Promise<ShellEnd>((resolve) => {
    let settled = false;
    const settle = async () => {
      if (settled) return;
      settled = true;
      const exitCode = await exec
        .inspect()
        .then((i) => i.ExitCode)
        .catch(() => null);
      // A stopping container kills its execs a moment before it reports "not running".
      const killed = exitCode === null || exitCode >= 128;
      for (let i = 0; i < (killed ? 20 : 1); i++) {
        if (!(await containerRunning(docker, id).catch(() => false))) return resolve({ reason: 'container-gone' });
        if (killed) await new Promise((r) => setTimeout(r, 100));
      }
      resolve({ reason: 'exited', exitCode: exitCode ?? 0 });
    };
    stream.on('end', () => void settle());
    stream.on('close', () => void settle());
    stream.on('error', () => void settle());
  });
  // The first size is in place before anyone types: a command typed at once (`stty size`, a full-screen
  // program) would otherwise see the TTY's size before the resize (0 x 0) now and then.
  if (options.columns && options.rows) await resizeTo(options.columns, options.rows);
  return {
    write: (data) => {
      if (!stream.destroyed) stream.write(data);
    },
    resize,
    close: () => stream.destroy(),
    ended,
  };
}
