// Container actions from the Compose view: logs (followed, with timestamps,
// in a terminal that stops the stream when closed), a shell (the engine's exec
// API with a TTY, no host shell), both ending calmly when the container goes
// away; start/stop/restart/remove (remove confirmed),
// inspect (read-only JSON), open a published port in the browser.
import * as vscode from 'vscode';
import { browserUrl, containerAction, followLogs, inspectContainer, type ContainerAction } from '../docker/containers';
import { followingLine, noOutputYetLine, watchForQuiet } from '../docker/logsNotice';
import { openShell, type ShellSession } from '../docker/shell';
import type { ContainerView, PortMapping } from '../docker/projects';
import type { ComposeNode } from './composeTree';
import { showEngineError, type EngineSession } from './engineSession';
import type { ReadonlyJsonProvider } from './readonlyJson';

type ContainerRef = { id: string; name: string; ports?: PortMapping[] };

/** A tree node, a ContainerView, or an id string (commands run from tests or other commands). */
function containerOf(arg: unknown): ContainerRef | undefined {
  if (typeof arg === 'string') return { id: arg, name: arg.slice(0, 12) };
  const node = arg as ComposeNode | ContainerView | undefined;
  if (!node || typeof node !== 'object') return undefined;
  if ('kind' in node && (node.kind === 'container' || node.kind === 'port')) return node.container;
  if ('id' in node && 'name' in node) return node as ContainerView;
  return undefined;
}

async function pickContainer(session: EngineSession, arg: unknown, running?: boolean): Promise<ContainerRef | undefined> {
  const given = containerOf(arg);
  if (given) return given;
  const { docker } = await session.engine();
  const list = await docker.listContainers({ all: !running, filters: { label: ['com.docker.compose.project'] } });
  const picked = await vscode.window.showQuickPick(
    list.map((c) => ({ label: (c.Names[0] ?? c.Id).replace(/^\//, ''), description: `${c.State} · ${c.Image}`, id: c.Id })),
    { placeHolder: 'Pick a container' },
  );
  return picked && { id: picked.id, name: picked.label };
}

const dim = (text: string) => `\x1b[2m${text}\x1b[0m\r\n`;

/** How many past lines a Logs terminal shows before following. */
const LOG_BACKLOG = 500;

/**
 * A terminal that follows a container's logs and stops following when closed.
 * It says what it is doing (an empty log is otherwise a blinking cursor) and
 * ends with a quiet line of its own when the container stops: no exit code,
 * so VS Code shows no error.
 */
function logsTerminal(session: EngineSession, container: ContainerRef): vscode.Terminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<void>();
  let stop: (() => void) | undefined;
  let quiet: ReturnType<typeof watchForQuiet> | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: async () => {
      write.fire(dim(followingLine(container.name, LOG_BACKLOG)));
      quiet = watchForQuiet(() => write.fire(dim(noOutputYetLine('the container'))));
      try {
        const { docker } = await session.engine();
        stop = await followLogs(
          docker,
          container.id,
          (text, stream) => {
            quiet?.seen();
            const lines = text.replace(/\r?\n/g, '\r\n');
            write.fire(stream === 'stderr' ? `\x1b[31m${lines}\x1b[0m` : lines);
          },
          { tail: LOG_BACKLOG, onEnd: () => write.fire(`\r\n${dim(`[${container.name} stopped: no more logs. This terminal can be closed.]`)}`) },
        );
      } catch (error) {
        quiet?.stop();
        write.fire(`\x1b[31m${await session.explain(error)}\x1b[0m\r\n`);
      }
    },
    close: () => {
      quiet?.stop();
      stop?.();
      write.dispose();
      close.dispose();
    },
  };
  return vscode.window.createTerminal({ name: `Logs: ${container.name}`, pty, iconPath: new vscode.ThemeIcon('output') });
}

/**
 * A shell in the container (docker/shell.ts). `exit` closes the terminal as
 * any shell would. When the container goes away (Compose Down, a stop) or the
 * shell fails, it says so calmly and waits for a key: no exit code reaches
 * VS Code, so no "terminated with exit code 137" error appears.
 */
function shellTerminal(session: EngineSession, container: ContainerRef): vscode.Terminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<void>();
  let shell: ShellSession | undefined;
  let ended = false;
  let size: vscode.TerminalDimensions | undefined;
  const finish = (line: string) => {
    ended = true;
    write.fire(`\r\n${dim(`[${line} Press any key to close this terminal.]`)}`);
  };
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: async (initial) => {
      size = initial ?? size;
      try {
        const { docker } = await session.engine();
        shell = await openShell(docker, container.id, { columns: size?.columns, rows: size?.rows, onOutput: (text) => write.fire(text) });
      } catch (error) {
        finish(`Could not open a shell in ${container.name}: ${await session.explain(error)}`);
        return;
      }
      const end = await shell.ended;
      if (ended) return;
      if (end.reason === 'exited' && end.exitCode === 0) close.fire();
      else if (end.reason === 'container-gone') finish(`${container.name} stopped, so its shell ended.`);
      else finish(`The shell in ${container.name} ended (exit code ${end.exitCode}).`);
    },
    handleInput: (data) => {
      if (ended) close.fire();
      else shell?.write(data);
    },
    setDimensions: (dimensions) => {
      size = dimensions;
      shell?.resize(dimensions.columns, dimensions.rows);
    },
    close: () => {
      ended = true;
      shell?.close();
      write.dispose();
      close.dispose();
    },
  };
  return vscode.window.createTerminal({ name: `Shell: ${container.name}`, pty, iconPath: new vscode.ThemeIcon('terminal') });
}

export function registerContainerCommands(context: vscode.ExtensionContext, session: EngineSession, json: ReadonlyJsonProvider): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('dockhand.containerLogs', async (arg) => {
    const container = await pickContainer(session, arg);
    if (!container) return;
    logsTerminal(session, container).show();
  });

  register('dockhand.containerShell', async (arg) => {
    const container = await pickContainer(session, arg, true);
    if (!container) return;
    shellTerminal(session, container).show();
  });

  const action = (verb: ContainerAction, past: string) => async (arg: unknown) => {
    const container = await pickContainer(session, arg);
    if (!container) return;
    if (verb === 'remove') {
      const answer = await vscode.window.showWarningMessage(
        `Remove container ${container.name}? A running container is stopped first. Its named volumes are kept.`,
        { modal: true },
        'Remove',
      );
      if (answer !== 'Remove') return;
    }
    try {
      const { docker } = await session.engine();
      await vscode.window.withProgress({ location: { viewId: 'dockhand.compose' } }, () => containerAction(docker, container.id, verb));
      vscode.window.setStatusBarMessage(`$(check) ${container.name} ${past}`, 3000);
      session.refresh();
    } catch (error) {
      await showEngineError(session, `Could not ${verb} ${container.name}`, error);
    }
  };
  register('dockhand.containerStart', action('start', 'started'));
  register('dockhand.containerStop', action('stop', 'stopped'));
  register('dockhand.containerRestart', action('restart', 'restarted'));
  register('dockhand.containerRemove', action('remove', 'removed'));

  register('dockhand.containerInspect', async (arg) => {
    const container = await pickContainer(session, arg);
    if (!container) return;
    try {
      const { docker } = await session.engine();
      await json.show('container', container.name, await inspectContainer(docker, container.id));
    } catch (error) {
      await showEngineError(session, `Could not inspect ${container.name}`, error);
    }
  });

  register('dockhand.openPortInBrowser', async (arg) => {
    const node = arg as ComposeNode | undefined;
    let ports: PortMapping[];
    if (node && typeof node === 'object' && 'kind' in node && node.kind === 'port') ports = [node.port];
    else ports = (containerOf(arg)?.ports ?? []).filter((p) => p.hostPort);
    if (ports.length === 0) {
      void vscode.window.showInformationMessage('This container publishes no port on the host (add one under `ports:` in the compose file).');
      return;
    }
    let port = ports[0];
    if (ports.length > 1) {
      const picked = await vscode.window.showQuickPick(
        ports.map((p) => ({ label: `${p.hostPort} → ${p.containerPort}/${p.protocol}`, port: p })),
        { placeHolder: 'Which port?' },
      );
      if (!picked) return;
      port = picked.port;
    }
    const url = browserUrl(port);
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
  });
}
