// Runs one child process from an argv array (never a shell string), streaming
// its output and collecting it for troubleshooting afterwards. Cancelling the
// signal kills the child: SIGTERM first, SIGKILL if it lingers.
// Plain Node: no `vscode` import.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Called with each chunk of stdout/stderr as it arrives (for a terminal). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
  /** Kill the child after this long (ms); undefined: no limit (e.g. `logs -f`). */
  timeoutMs?: number;
  /** Text written to the child's stdin, then closed. */
  input?: string;
  /**
   * A run nobody waits on: the child gets a lower scheduling priority (nice 10), so the editor and the
   * language server go first on a busy machine. Where the system refuses, it runs as usual.
   */
  background?: boolean;
}

/** The niceness of a background run: below the editor's, still well above idle. */
export const BACKGROUND_NICENESS = 10;

export interface RunResult {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they came: what a user saw. */
  output: string;
  cancelled: boolean;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

/** Keep this much output at most in memory; `logs -f` can run for hours. */
const MAX_KEPT = 1_000_000;

function keep(buffer: string, chunk: string): string {
  const joined = buffer + chunk;
  return joined.length > MAX_KEPT ? joined.slice(joined.length - MAX_KEPT) : joined;
}

export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const result: RunResult = { code: null, signal: null, stdout: '', stderr: '', output: '', cancelled: false, timedOut: false };
    if (options.signal?.aborted) {
      resolve({ ...result, cancelled: true });
      return;
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    if (options.background && child.pid !== undefined) {
      try {
        setPriority(child.pid, BACKGROUND_NICENESS);
      } catch {
        // Not allowed here (or the child is gone already): it runs at the usual priority.
      }
    }
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      killTimer.unref();
    };
    const onAbort = () => {
      result.cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = options.timeoutMs
      ? setTimeout(() => {
          result.timedOut = true;
          stop();
        }, options.timeoutMs)
      : undefined;
    const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      const text = data.toString('utf8');
      result[stream] = keep(result[stream], text);
      result.output = keep(result.output, text);
      options.onOutput?.(text, stream);
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    if (options.input !== undefined) child.stdin?.end(options.input);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      if (timeout) clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      result.spawnError = error;
      finish();
    });
    child.on('close', (code, signal) => {
      result.code = code;
      result.signal = signal;
      finish();
    });
  });
}
