// Starts dist/server.js over IPC and connects it to the Compose documents.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { composeDocumentSelector } from './composeFiles';

let client: LanguageClient | undefined;

export function languageClient(): LanguageClient | undefined {
  return client;
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: composeDocumentSelector().map((filter) =>
      filter.language ? { language: filter.language } : { pattern: String(filter.pattern) },
    ),
    synchronize: {
      configurationSection: 'dockhand',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*compose*.{yml,yaml},.env}'),
    },
    initializationOptions: { composeFiles: vscode.workspace.getConfiguration('dockhand').get('composeFiles') },
  };
  client = new LanguageClient('dockhand', 'Dockhand Compose Language Server', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

export async function stopLanguageClient(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
