// Tells the language server what the engine's images expose: once the engine
// answers, then again (debounced) after every pull, build, tag or removal.
// The server uses it for `port-not-exposed`, the port hover and completion;
// it never talks to Docker itself. Only in a trusted workspace, like every
// other engine call; without an engine nothing is sent and the check stays silent.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImagePortsNotification } from '../../common/src/protocol';
import { connectEngine } from './docker/engine';
import { debounce, watchEngineEvents } from './docker/events';
import { changesImages, engineImagePorts } from './docker/imagePorts';

export function syncImagePorts(context: vscode.ExtensionContext, client: LanguageClient): void {
  let stop: (() => void) | undefined;
  let generation = 0;

  const start = async () => {
    stop?.();
    stop = undefined;
    if (!vscode.workspace.isTrusted) return;
    const mine = ++generation;
    let docker;
    try {
      docker = (await connectEngine(vscode.workspace.getConfiguration('dockhand').get<string>('dockerHost'))).docker;
    } catch {
      return; // no engine configured or reachable: nothing to tell
    }
    if (mine !== generation) return;
    const sendNow = () => {
      engineImagePorts(docker)
        .then((images) => (mine === generation && client.isRunning() ? client.sendNotification(ImagePortsNotification, { images }) : undefined))
        .catch(() => undefined); // the engine went away between events: the next connection sends again
    };
    const send = debounce(sendNow, 500);
    // On (re)connection at once: the first `image:` typed after the window opens should already find the
    // local images. The debounce is for bursts of events (a pull tags several).
    const unwatch = watchEngineEvents(docker, (event) => changesImages(event) && send(), {
      types: ['image'],
      onConnection: (connected) => {
        if (!connected) return;
        send.cancel();
        sendNow();
      },
    });
    stop = () => {
      send.cancel();
      unwatch();
    };
  };

  void start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('dockhand.dockerHost') && void start()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void start()),
    { dispose: () => stop?.() },
  );
}
