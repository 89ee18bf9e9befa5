// Activation only: start the language client, then hand the context to the
// command and view modules. Everything else lives in those modules.
import * as vscode from 'vscode';
import { languageClient, startLanguageClient, stopLanguageClient } from './languageClient';
import { syncImagePorts } from './imagePortsSync';
import { checkWithComposeOnSave } from './composeOnSave';
import { registerComposeCommands } from './composeCommands/commands';
import { registerDockerViews } from './views/register';
import { registerStatusItem } from './statusItem';
import { registerEnterRules } from './languageConfiguration';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerEnterRules(context);
  registerStatusItem(context);
  await startLanguageClient(context);
  const client = languageClient();
  if (client) {
    syncImagePorts(context, client);
    checkWithComposeOnSave(context, client);
  }
  registerComposeCommands(context);
  registerDockerViews(context);
}

export async function deactivate(): Promise<void> {
  await stopLanguageClient();
}
