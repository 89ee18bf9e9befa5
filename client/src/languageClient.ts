// Starts the language server (its entry, dist/serverBoot.js, which runs
// dist/server.js) over IPC and connects it to the Compose documents.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { ComposeVersionNotification, type ComposeVersionParams } from '../../common/src/protocol';
import { COMPILE_CACHE_ENV, serverProcessEnvironment } from '../../common/src/serverEnvironment';
import serverV8 from '../../common/src/serverV8Flags.json';
import { composeDocumentSelector } from './composeFiles';
import { forwardEditedFiles } from './editedFiles';
import { prepareCompose } from './compose/session';
import { readComposeSettings } from './composeCommands/settings';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from './restartPolicy';

let client: LanguageClient | undefined;

export function languageClient(): LanguageClient | undefined {
  return client;
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<void> {
  // The server's entry runs dist/server.js with the compiled code an earlier start saved in the extension's own
  // storage (server/src/compileCache.ts): a later start skips compiling what the first file's open compiled.
  const module = context.asAbsolutePath(path.join('dist', 'serverBoot.js'));
  // What the server's environment adds, and why: common/src/serverEnvironment.json (the benchmark starts it with the same).
  const env = { ...serverProcessEnvironment(process.env), ...compileCacheEnv(context) };
  const serverOptions: ServerOptions = {
    // The V8 flags and why: common/src/serverV8Flags.json (the benchmark starts the server with the same).
    run: { module, transport: TransportKind.ipc, options: { execArgv: serverV8.flags, env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...serverV8.flags, '--nolazy', '--inspect=6009'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: composeDocumentSelector().map((filter) =>
      filter.language ? { language: filter.language } : { pattern: String(filter.pattern) },
    ),
    synchronize: {
      configurationSection: 'dockhand',
      // Every file: a Dockerfile, an env file, a secret's or a bind mount's source changes findings too.
      // The server keeps what a project read or looked for, and ignores the rest (Workspace.filesChanged).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*'),
    },
    initializationOptions: { composeFiles: vscode.workspace.getConfiguration('dockhand').get('composeFiles') },
    errorHandler: restartingErrorHandler(new RestartPolicy()),
    initializationFailedHandler: (error) => {
      void vscode.window.showErrorMessage(
        `Dockhand's language server could not start (${error instanceof Error ? error.message : String(error)}). ` +
          'Completion, hover and checks are off; see the "Dockhand Compose Language Server" output, then run "Developer: Reload Window".',
      );
      return false;
    },
  };
  client = new LanguageClient('dockhand', 'Dockhand Compose Language Server', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
  const started = client;
  context.subscriptions.push(forwardEditedFiles(started));
  void announceCompose(started);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void announceCompose(started)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockhand.composeCommand') || e.affectsConfiguration('dockhand.dockerHost')) void announceCompose(started);
    }),
  );
}

/** Tells the server which Compose runs here, so its hovers name containers that Compose's way. */
async function announceCompose(target: LanguageClient): Promise<void> {
  // Finding Compose runs a program (maybe one a workspace setting names): only in a trusted workspace.
  if (!vscode.workspace.isTrusted) return;
  const settings = readComposeSettings();
  const prepared = await prepareCompose({ composeCommand: settings.composeCommand, dockerHost: settings.dockerHost }).catch(() => undefined);
  if (!prepared?.ok) return; // No Compose: the hover gives both namings.
  const params: ComposeVersionParams = { major: prepared.value.compose.major, version: prepared.value.compose.version };
  await target.sendNotification(ComposeVersionNotification, params).catch(() => undefined);
}

/**
 * A crashed server is restarted with a notice, at most MAX_RESTARTS times in
 * RESTART_WINDOW_MS; after that it stays stopped and says how to get it back.
 */
function restartingErrorHandler(policy: RestartPolicy): ErrorHandler {
  return {
    // A few broken messages are survivable; a stream that keeps failing is not.
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const { restart, attempt } = policy.crashed();
      if (restart) {
        void vscode.window.showWarningMessage(
          `Dockhand's language server stopped unexpectedly and was restarted (${attempt} of ${MAX_RESTARTS} restarts allowed in ${RESTART_WINDOW_MS / 60_000} minutes).`,
        );
        return { action: CloseAction.Restart, handled: true };
      }
      void vscode.window.showErrorMessage(
        `Dockhand's language server stopped ${attempt} times in ${RESTART_WINDOW_MS / 60_000} minutes, so it was not restarted again: ` +
          'completion, hover and checks are off. See the "Dockhand Compose Language Server" output for the cause, then run "Developer: Reload Window".',
      );
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export async function stopLanguageClient(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

/**
 * The folder for the server's compiled code: the extension's global storage, which only this user writes (the
 * cache is code the server runs). None where that storage is not a local folder.
 */
function compileCacheEnv(context: vscode.ExtensionContext): Record<string, string> {
  const storage = context.globalStorageUri;
  return storage.scheme === 'file' ? { [COMPILE_CACHE_ENV]: path.join(storage.fsPath, 'compile-cache') } : {};
}
