// Runs a program in a VS Code terminal through a Pseudoterminal: the output
// streams with its colours, the user can read it afterwards, and closing the
// terminal (or cancelling the progress notification) kills the program.
import * as vscode from 'vscode';
import { displayCommand } from '../compose/argv';
import { watchForQuiet } from '../docker/logsNotice';
import { runProcess, type RunOptions, type RunResult } from '../compose/runner';

export interface TerminalRun {
  terminal: vscode.Terminal;
  result: Promise<RunResult>;
  /** Kills the program (SIGTERM, then SIGKILL). */
  cancel(): void;
}

export interface TerminalRunOptions {
  name: string;
  cwd: string;
  env?: Record<string, string>;
  /** Show a cancellable progress notification with this title while it runs. */
  progressTitle?: string;
  /** What the program follows (`logs --follow`, `watch`): said under the command line, and, when `quiet` is given, that nothing came yet when it stays quiet. */
  following?: { intro: string; quiet?: string };
  /** Run from the caller's own runner instead of spawning `command args` (e.g. the compose session). */
  run?: (options: Pick<RunOptions, 'onOutput' | 'signal'>) => Promise<RunResult>;
}

const CRLF = (text: string) => text.replace(/\r?\n/g, '\r\n');

export function runInTerminal(command: string, args: string[], options: TerminalRunOptions): TerminalRun {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const controller = new AbortController();
  let finished = false;
  let resolveResult!: (result: RunResult) => void;
  const result = new Promise<RunResult>((r) => (resolveResult = r));
  // Output that arrives before VS Code opens the terminal is kept and flushed on open.
  let opened = false;
  const pending: string[] = [];
  const emit = (text: string) => (opened ? write.fire(text) : pending.push(text));

  const start = async () => {
    emit(`\x1b[2m${CRLF(`$ ${displayCommand(command, args)}\n(in ${options.cwd})\n`)}\x1b[0m`);
    const following = options.following;
    if (following) emit(`\x1b[2m${following.intro}\x1b[0m\r\n`);
    const quietText = following?.quiet;
    const quiet = quietText === undefined ? undefined : watchForQuiet(() => emit(`\x1b[2m${quietText}\x1b[0m\r\n`));
    const onOutput = (text: string) => {
      quiet?.seen();
      emit(CRLF(text));
    };
    const run = options.run
      ? options.run({ onOutput, signal: controller.signal })
      : runProcess(command, args, { cwd: options.cwd, env: options.env, onOutput, signal: controller.signal });
    const r = await run;
    quiet?.stop();
    finished = true;
    if (r.spawnError) emit(CRLF(`\n${command}: ${r.spawnError.message}\n`));
    const status = r.cancelled ? 'cancelled' : r.code === 0 ? 'done' : `failed (exit ${r.code ?? r.signal})`;
    emit(`\r\n\x1b[${r.code === 0 ? '32' : '31'}m[${status}]\x1b[0m press any key to close this terminal\r\n`);
    resolveResult(r);
  };

  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      opened = true;
      for (const text of pending.splice(0)) write.fire(text);
    },
    close: () => {
      // The user closed the terminal: stop the program with it.
      if (!finished) controller.abort();
    },
    handleInput: (data) => {
      if (finished) close.fire();
      else if (data === '\x03') controller.abort(); // Ctrl+C
    },
  };
  const terminal = vscode.window.createTerminal({ name: options.name, pty, iconPath: new vscode.ThemeIcon('layers') });
  terminal.show(true);
  void start();

  if (options.progressTitle) {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: options.progressTitle, cancellable: true },
      async (_progress, token) => {
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          await result;
        } finally {
          subscription.dispose();
        }
      },
    );
  }
  return { terminal, result, cancel: () => controller.abort() };
}
