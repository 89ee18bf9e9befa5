// Activation only: start the language client, then hand the context to the
// command and view modules. Everything else lives in those modules.
import * as vscode from 'vscode';
import { startLanguageClient, stopLanguageClient } from './languageClient';
import { registerComposeCommands } from './compose/commands';
import { registerDockerViews } from './views/register';
import { registerStatusItem } from './statusItem';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerStatusItem(context);
  await startLanguageClient(context);
  registerComposeCommands(context);
  registerDockerViews(context);
}

export async function deactivate(): Promise<void> {
  await stopLanguageClient();
}
