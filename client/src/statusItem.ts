// A status bar item that shows Dockhand is active on a Compose file.
import * as vscode from 'vscode';
import { isComposeDocument } from './composeFiles';

export function registerStatusItem(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('dockhand.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Dockhand';
  item.text = '$(layers) Dockhand';
  item.tooltip = 'Dockhand understands this Compose file';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (editor && isComposeDocument(editor.document)) item.show();
    else item.hide();
  };
  context.subscriptions.push(item, vscode.window.onDidChangeActiveTextEditor(update));
  update();
}
