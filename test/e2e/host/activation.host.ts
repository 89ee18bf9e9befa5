// Runs inside the extension host (see harness/extensionHost.ts): the packaged
// extension activates on a Compose file and its language client starts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dockhand.dockhand';

function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

describe('activation', () => {
  it('gives compose.yaml the dockercompose language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('myapp/compose.yaml'));
    assert.equal(document.languageId, 'dockercompose');
  });

  it('gives compose.override.yaml the dockercompose language too', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('multi-file/compose.override.yaml'));
    assert.equal(document.languageId, 'dockercompose');
  });

  it('activates Dockhand on a Compose file', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('web-swarm/compose.yaml'));
    await vscode.window.showTextDocument(document);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command the manifest contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = ((extension.packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
