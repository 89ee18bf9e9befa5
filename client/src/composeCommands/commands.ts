// Compose and stack commands, the merged-config document and the CodeLens:
// registration only; each handler lives in its own module.
import * as vscode from 'vscode';
import { composeDown, composeLogs, composeUp, composeUpSelect, composeWatch, simpleAction } from './actions';
import { ComposeCodeLensProvider } from './codelens';
import { MergedConfigProvider } from './configDocument';
import { registerGuides } from './guide';
import { resetComposeDetection } from '../compose/session';
import { deployStack, removeStack, showStackServices } from './stackCommands';

export function registerComposeCommands(context: vscode.ExtensionContext): void {
  registerGuides(context);
  const register = (id: string, handler: Parameters<typeof vscode.commands.registerCommand>[1]) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register('dockhand.composeUp', composeUp);
  register('dockhand.composeUpSelect', composeUpSelect);
  register('dockhand.composeDown', composeDown);
  register('dockhand.composeRestart', simpleAction('restart'));
  register('dockhand.composeStop', simpleAction('stop'));
  register('dockhand.composeStart', simpleAction('start'));
  register('dockhand.composePull', simpleAction('pull'));
  register('dockhand.composeBuild', simpleAction('build'));
  register('dockhand.composePs', simpleAction('ps'));
  register('dockhand.composeLogs', composeLogs);
  register('dockhand.composeWatch', composeWatch);
  register('dockhand.deployStack', deployStack);
  register('dockhand.removeStack', removeStack);
  register('dockhand.stackServices', (name?: unknown) => showStackServices(typeof name === 'string' ? name : undefined));
  new MergedConfigProvider().register(context);

  const lenses = new ComposeCodeLensProvider();
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider({ language: 'dockercompose', scheme: 'file' }, lenses),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockhand.composeCommand') || e.affectsConfiguration('dockhand.dockerHost')) resetComposeDetection();
      if (e.affectsConfiguration('dockhand')) lenses.refreshSoon(0);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refreshSoon(0)),
  );
}
