// Runs inside the extension host (see harness/extensionHost.ts), after
// docker-views.test.ts started the project: the read-only volume file system,
// the live stats panel (streams only while visible), and the warning with a
// quick fix for an external volume that does not exist.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerViewsApi } from '../../../client/src/views/register';

const project = process.env.DOCKHAND_E2E_PROJECT ?? '';
const externalVolume = process.env.DOCKHAND_E2E_EXTERNAL ?? '';
const externalNetwork = process.env.DOCKHAND_E2E_EXTERNAL_NETWORK ?? '';

async function api(): Promise<DockerViewsApi> {
  const extension = vscode.extensions.getExtension('dockhand.dockhand');
  assert.ok(extension);
  await extension.activate();
  const views = await vscode.commands.executeCommand<DockerViewsApi>('dockhand.internal.views');
  assert.ok(views, 'the views API answers');
  return views;
}

/** `what` may say what was seen instead, read when the wait runs out. */
async function until<T>(what: string | (() => string), fn: () => T | false | undefined | Promise<T | false | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

describe('docker views in the extension host', function () {
  this.timeout(120_000);

  it('has the project to look at', () => {
    assert.ok(project, 'DOCKHAND_E2E_PROJECT is set');
  });

  it('reads a volume read-only through dockhand-volume:', async () => {
    await api();
    const root = vscode.Uri.parse(`dockhand-volume://${project}_data/`);
    const entries = await vscode.workspace.fs.readDirectory(root);
    assert.deepEqual(entries.find(([name]) => name === 'hello.txt'), ['hello.txt', vscode.FileType.File]);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(`dockhand-volume://${project}_data/hello.txt`));
    assert.equal(Buffer.from(bytes).toString(), 'from-e2e\n');
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.parse(`dockhand-volume://${project}_data/new.txt`), Buffer.from('x'))),
      /read-only|NoPermissions|readonly/i,
    );
  });

  it('opens logs and a shell in terminals; the shell is the engine\'s exec API in an extension terminal, no host shell', async () => {
    const views = await api();
    const { docker } = await views.session.engine();
    const [container] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
    assert.ok(container, 'the project container runs');
    await vscode.commands.executeCommand('dockhand.containerLogs', container.Id);
    const logs = await until('the logs terminal', () => vscode.window.terminals.find((t) => t.name === `Logs: ${container.Id.slice(0, 12)}`));
    await vscode.commands.executeCommand('dockhand.containerShell', container.Id);
    const shell = await until('the shell terminal', () => vscode.window.terminals.find((t) => t.name.startsWith('Shell: ')));
    const options = shell.creationOptions as vscode.ExtensionTerminalOptions & vscode.TerminalOptions;
    assert.ok(options.pty, 'an extension terminal: its end is ours to word, never an exit-code error');
    assert.equal(options.shellPath, undefined);
    logs.dispose();
    shell.dispose();
  });

  it('Inspect opens the container and the volume as read-only JSON', async () => {
    const views = await api();
    const { docker } = await views.session.engine();
    const [container] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
    await vscode.commands.executeCommand('dockhand.containerInspect', container.Id);
    const editor = await until('the inspect editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'dockhand-inspect' ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.document.languageId, 'json');
    assert.equal((JSON.parse(editor.document.getText()) as { Id: string }).Id, container.Id);
    await vscode.commands.executeCommand('dockhand.volumeInspect', `${project}_data`);
    const volumeEditor = await until('the volume inspect editor', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith(`/volume/${project}_data.json`) ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal((JSON.parse(volumeEditor.document.getText()) as { Name: string }).Name, `${project}_data`);
    // Content-provider documents cannot be saved back anywhere.
    assert.equal(await volumeEditor.document.save(), false);
  });

  it('the stats panel streams while visible, stops when hidden, and shows memory', async () => {
    const views = await api();
    await vscode.commands.executeCommand('dockhand.projectStats', project);
    const panel = await until('the stats panel', () => views.statsPanel(project));
    await until('a stats stream', () => panel.streaming > 0);
    const cards = await until('a card with memory', () => {
      const shown = panel.cards();
      return shown.some((c) => c.memoryHistory.some((m) => m > 0)) ? shown : undefined;
    });
    assert.equal(cards.length, 1);
    assert.match(cards[0].memoryUsed, /\d/);
    assert.equal(cards[0].limits.length, 0, 'the service sets no deploy.resources.limits');
    // Another editor in the same group hides the panel: its streams stop.
    const document = await vscode.workspace.openTextDocument(workspaceFile('compose.yaml'));
    await vscode.window.showTextDocument(document, { viewColumn: panel.panel.viewColumn, preview: false });
    await until('streams to stop when hidden', () => !panel.panel.visible && panel.streaming === 0);
    panel.panel.reveal();
    await until('streams to restart when shown', () => panel.streaming > 0);
    panel.panel.dispose();
    await until('streams to stop on dispose', () => panel.streaming === 0 && !views.statsPanel(project));
  });

  it('warns about a missing external volume, and its quick fix creates it', async () => {
    assert.ok(externalVolume, 'DOCKHAND_E2E_EXTERNAL is set');
    const uri = workspaceFile('ext/compose.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const missing = await until(
      () => `the external-volume-missing warning; the file has: ${vscode.languages.getDiagnostics(uri).map((d) => `${String(d.code)} ${d.message}`).join(' | ') || 'none'}`,
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'external-volume-missing' && d.source === 'dockhand'),
      60_000,
    );
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, new RegExp(externalVolume));
    // The code actions' context reads the editor's markers, which follow the diagnostics a moment later (a
    // republished list replaces them): asked once, right after the warning appeared, it came back empty.
    let offered: string[] = [];
    const fix = await until(
      () => `the "Create volume" quick fix at the warning; offered: ${offered.join(' | ') || 'none'}`,
      async () => {
        const warning = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'external-volume-missing' && d.source === 'dockhand');
        if (!warning) return undefined;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range);
        offered = actions.map((a) => a.title);
        return actions.find((a) => a.title.includes(`Create volume "${externalVolume}"`) && a.command);
      },
    );
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    const views = await api();
    const { docker } = await views.session.engine();
    assert.equal((await docker.getVolume(externalVolume).inspect()).Name, externalVolume);
    await until(
      () => `the warning to go once the volume exists; still there: ${vscode.languages.getDiagnostics(uri).map((d) => `${String(d.code)} ${d.message}`).join(' | ')}`,
      () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'external-volume-missing'),
      30_000,
    );
  });

  it('warns about a missing external network, and its quick fix creates it', async () => {
    assert.ok(externalNetwork, 'DOCKHAND_E2E_EXTERNAL_NETWORK is set');
    const uri = workspaceFile('extnet/compose.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const missing = await until(
      () => `the external-network-missing warning; the file has: ${vscode.languages.getDiagnostics(uri).map((d) => `${String(d.code)} ${d.message}`).join(' | ') || 'none'}`,
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'external-network-missing' && d.source === 'dockhand'),
      60_000,
    );
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, new RegExp(`network ${externalNetwork} declared as external`));
    assert.equal(missing.range.start.line, 5, 'on the network\'s key');
    let offered: string[] = [];
    const fix = await until(
      () => `the "Create network" quick fix at the warning; offered: ${offered.join(' | ') || 'none'}`,
      async () => {
        const warning = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'external-network-missing' && d.source === 'dockhand');
        if (!warning) return undefined;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range);
        offered = actions.map((a) => a.title);
        return actions.find((a) => a.title.includes(`Create network "${externalNetwork}"`) && a.command);
      },
    );
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    const views = await api();
    const { docker } = await views.session.engine();
    assert.equal((await docker.getNetwork(externalNetwork).inspect()).Name, externalNetwork);
    await until(
      () => `the warning to go once the network exists; still there: ${vscode.languages.getDiagnostics(uri).map((d) => `${String(d.code)} ${d.message}`).join(' | ')}`,
      () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'external-network-missing'),
      30_000,
    );
  });
});
