// Runs inside the extension host (see harness/extensionHost.ts): the language
// features of the packaged extension, through VS Code's own command API, as
// any other extension or the editor itself would ask for them.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Writes a Compose file into the (throw-away) workspace and opens it. */
async function composeFile(relativePath: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceFile(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'dockercompose');
  return document;
}

function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `"${needle}" is not in ${document.uri.path}`);
  return document.positionAt(index + offset);
}

/** Asks until `accept` holds: the language server may still be starting. */
async function eventually<T>(ask: () => Thenable<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await ask();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    last = await ask();
  }
  assert.ok(accept(last), `${what}: got ${JSON.stringify(last, null, 1)?.slice(0, 2000)}`);
  return last;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const MYAPP = `services:
  web:
    image: busybox
    depends_on:
      - db
  db:
    image: postgres
    ports:
      - "8001:5432"
    
`;

describe('language features through the VS Code API', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension('dockhand.dockhand')!.activate();
    document = await composeFile('host-language/compose.yaml', MYAPP);
  });

  it('completes service keys on an empty line in a service', async () => {
    const position = new vscode.Position(9, 4);
    const list = await eventually(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position),
      (l) => l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'healthcheck'),
      'completion at services.db',
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['restart', 'environment', 'volumes', 'networks']) assert.ok(labels.includes(key), `${key} missing from ${labels.join(', ')}`);
    // Keys of the top level are not keys of a service.
    assert.ok(!labels.includes('services'), 'services offered inside a service');
  });

  it('explains a port mapping on hover: host port and container port', async () => {
    const position = positionOf(document, '8001:5432', 2);
    const hovers = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
      (h) => /8001/.test(hoverText(h)) && /5432/.test(hoverText(h)),
      'hover on "8001:5432"',
    );
    const text = hoverText(hovers);
    assert.match(text, /HOST_PORT `8001`/);
    assert.match(text, /CONTAINER_PORT `5432`/);
    assert.match(text, /db:5432/);
  });

  it('goes from a depends_on entry to the service definition', async () => {
    const use = positionOf(document, '- db', 2);
    const locations = await eventually(
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, use),
      (l) => l.length > 0,
      'definition of db',
    );
    const target = locations[0];
    const range = 'targetRange' in target ? target.targetSelectionRange ?? target.targetRange : target.range;
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    assert.equal(uri.toString(), document.uri.toString());
    assert.equal(range.start.line, positionOf(document, '  db:').line);
  });

  it('reports an undefined network as a dockhand error on the network name', async () => {
    const mistakes = await vscode.workspace.openTextDocument(workspaceFile('mistakes/compose.yaml'));
    await vscode.window.showTextDocument(mistakes);
    const diagnostics = await eventually(
      async () => vscode.languages.getDiagnostics(mistakes.uri),
      (all) => all.some((d) => d.code === 'undefined-network'),
      'diagnostics of mistakes/compose.yaml',
    );
    const network = diagnostics.find((d) => d.code === 'undefined-network')!;
    assert.equal(network.source, 'dockhand');
    assert.equal(network.severity, vscode.DiagnosticSeverity.Error);
    assert.match(network.message, /frontend/);
    assert.equal(mistakes.getText(network.range), 'frontend');
    const codes = diagnostics.filter((d) => d.source === 'dockhand').map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['obsolete-version', 'undefined-network', 'undefined-service', 'unknown-key']);
  });

  it("points a port clash at the other service's mapping as a link (related information), not by a line in the message", async () => {
    const document = await composeFile('clash/compose.yaml', 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  api:\n    image: nginx\n    ports:\n      - "8080:81"\n');
    const clashes = await eventually(
      async () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'port-conflict'),
      (list) => list.length === 2,
      'the two port clashes',
    );
    const atWeb = clashes.find((d) => d.range.start.line === 3)!;
    assert.ok(atWeb, JSON.stringify(clashes));
    assert.doesNotMatch(atWeb.message, /See line|line \d/);
    const [other] = atWeb.relatedInformation ?? [];
    assert.ok(other, 'VS Code received related information: its client says it shows it');
    assert.equal(other.location.uri.toString(), document.uri.toString());
    assert.equal(document.getText(other.location.range), '"8080:81"');
    assert.equal(other.message, 'Service "api" publishes host port 8080/tcp here');
  });

  it('follows the disk without an edit: a missing secret file made, a stage added to the Dockerfile, an env file mended, clear their findings', async () => {
    const folder = workspaceFile('on-disk');
    // What VS Code's own file watcher reports under the folder: the language client forwards the same events,
    // so a failure below says whether VS Code saw the change at all.
    const seen: string[] = [];
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const note = (kind: string) => (uri: vscode.Uri) => seen.push(`${kind} ${uri.path.slice(folder.path.length + 1)}`);
    watcher.onDidCreate(note('created'));
    watcher.onDidChange(note('changed'));
    watcher.onDidDelete(note('deleted'));
    const step = async (what: string, accept: (codes: string[]) => boolean, ask: () => string[]) => {
      await eventually(async () => ask(), accept, what).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}; VS Code's watcher reported: ${JSON.stringify(seen)}`);
      });
    };
    try {
      // on-disk/app/Dockerfile (stage build only) and on-disk/app.env (a refused line) are in the workspace
      // from the start (extension-host.test.ts); the test changes them, and makes the secret's folder and file,
      // behind VS Code's back, as a terminal or a build would: the file watcher has to see it.
      const document = await composeFile(
        'on-disk/compose.yaml',
        'services:\n  web:\n    build:\n      context: ./app\n      target: prod\n    env_file: app.env\n    secrets: [token]\nsecrets:\n  token:\n    file: ./keys/token.txt\n',
      );
      const codes = () => vscode.languages.getDiagnostics(document.uri).map((d) => String(d.code)).sort();
      await step('findings before the files are made', (c) => c.join() === 'invalid-env-file,missing-secret-file,unknown-build-target', codes);
      // The env file, never opened, has the refused line's finding of its own: opening it shows where.
      const envUri = vscode.Uri.joinPath(folder, 'app.env');
      const [inEnvFile] = await eventually(async () => vscode.languages.getDiagnostics(envUri), (list) => list.length === 1, 'the finding in app.env');
      assert.equal(inEnvFile!.code, 'invalid-env-file');
      assert.equal(inEnvFile!.range.start.line, 0);
      assert.match(inEnvFile!.message, /invalid template "\$\{1PORT\}"/);
      mkdirSync(vscode.Uri.joinPath(folder, 'keys').fsPath);
      writeFileSync(vscode.Uri.joinPath(folder, 'keys', 'token.txt').fsPath, 's3cret\n');
      await step('findings once the secret file is made', (c) => c.join() === 'invalid-env-file,unknown-build-target', codes);
      writeFileSync(vscode.Uri.joinPath(folder, 'app', 'Dockerfile').fsPath, 'FROM busybox AS build\nFROM build AS prod\n');
      await step('findings once the Dockerfile has the stage', (c) => c.join() === 'invalid-env-file', codes);
      writeFileSync(vscode.Uri.joinPath(folder, 'app.env').fsPath, 'PORT=${PORT:-8080}\n');
      await step('findings once the env file is mended', (c) => c.length === 0, codes);
      await eventually(async () => vscode.languages.getDiagnostics(envUri), (list) => list.length === 0, 'no finding left in app.env');
      assert.equal(document.isDirty, false, 'no edit was made');
    } finally {
      watcher.dispose();
    }
  });

  it('counts an env file and a Dockerfile as the editor holds them, before the save; reverted, as the disk holds them', async () => {
    const folder = workspaceFile('typed-beside');
    mkdirSync(vscode.Uri.joinPath(folder, 'app').fsPath, { recursive: true });
    const envUri = vscode.Uri.joinPath(folder, 'app.env');
    const dockerfileUri = vscode.Uri.joinPath(folder, 'app', 'Dockerfile');
    writeFileSync(envUri.fsPath, 'PORT=${1PORT}\n');
    writeFileSync(dockerfileUri.fsPath, 'FROM busybox AS build\n');
    const document = await composeFile('typed-beside/compose.yaml', 'services:\n  web:\n    build:\n      context: ./app\n      target: prod\n    env_file: app.env\n');
    const codes = () => vscode.languages.getDiagnostics(document.uri).map((d) => String(d.code)).sort().join();
    await eventually(async () => codes(), (c) => c === 'invalid-env-file,unknown-build-target', 'findings from the files on disk');
    /** Opens `uri`, replaces its text in the editor (not saved). */
    const typeInto = async (uri: vscode.Uri, text: string) => {
      const opened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const whole = new vscode.Range(0, 0, opened.document.lineCount, 0);
      assert.ok(await opened.edit((edit) => edit.replace(whole, text)));
      assert.equal(opened.document.isDirty, true);
    };
    await typeInto(envUri, 'PORT=${PORT:-8080}\n');
    await eventually(async () => codes(), (c) => c === 'unknown-build-target', 'findings once app.env is mended in the editor');
    await eventually(async () => vscode.languages.getDiagnostics(envUri), (list) => list.length === 0, 'no finding left in the edited app.env');
    await typeInto(dockerfileUri, 'FROM busybox AS build\nFROM build AS prod\n');
    await eventually(async () => codes(), (c) => c === '', 'findings once the Dockerfile has the stage in the editor');
    assert.equal(readFileSync(envUri.fsPath, 'utf8'), 'PORT=${1PORT}\n', 'nothing was saved');
    // Both closed unsaved: the disk's text counts again.
    for (const uri of [dockerfileUri, envUri]) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await eventually(async () => codes(), (c) => c === 'invalid-env-file,unknown-build-target', 'findings from the disk again once both are closed unsaved');
  });

  it('counts an env file named otherwise (env_file: settings.conf) as the editor holds it, once the server has read it', async () => {
    const folder = workspaceFile('typed-named');
    mkdirSync(folder.fsPath, { recursive: true });
    const settingsUri = vscode.Uri.joinPath(folder, 'settings.conf');
    writeFileSync(settingsUri.fsPath, 'PORT=${1PORT}\n');
    const document = await composeFile('typed-named/compose.yaml', 'services:\n  web:\n    image: busybox\n    env_file: settings.conf\n');
    const codes = () => vscode.languages.getDiagnostics(document.uri).map((d) => String(d.code)).sort().join();
    await eventually(async () => codes(), (c) => c === 'invalid-env-file', 'the finding from settings.conf on disk');
    const opened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(settingsUri));
    assert.ok(await opened.edit((edit) => edit.replace(new vscode.Range(0, 0, opened.document.lineCount, 0), 'PORT=${PORT:-8080}\n')));
    await eventually(async () => codes(), (c) => c === '', 'no finding once settings.conf is mended in the editor, unsaved');
    assert.equal(readFileSync(settingsUri.fsPath, 'utf8'), 'PORT=${1PORT}\n', 'nothing was saved');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await eventually(async () => codes(), (c) => c === 'invalid-env-file', 'the disk counts again once it is closed unsaved');
  });

  it("gives each service Up and Logs lenses whose commands are made only when VS Code shows them", async () => {
    const document = await composeFile('lenses/compose.yaml', 'services:\n  web:\n    image: busybox\n  db:\n    image: postgres\n');
    const webLine = positionOf(document, '  web:').line;
    const onWeb = (lenses: vscode.CodeLens[]) => lenses.filter((l) => l.range.start.line === webLine);
    // Unresolved (no count to resolve): a file of thousands of services sends VS Code only places.
    const placed = await eventually(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
      (lenses) => onWeb(lenses).length >= 2,
      'lenses of lenses/compose.yaml',
    );
    assert.deepEqual(onWeb(placed).map((l) => l.command?.title), onWeb(placed).map(() => undefined));
    // Resolved, as when they come into view: each says what it runs, for that service.
    const shown = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const commands = onWeb(shown).map((l) => l.command!);
    assert.deepEqual(commands.slice(0, 2).map((c) => [c.title, c.command, c.arguments?.[1]]), [
      ['$(play) Up', 'dockhand.composeUp', ['web']],
      ['$(output) Logs', 'dockhand.composeLogs', ['web']],
    ]);
    assert.equal(String(commands[0]!.arguments?.[0]), document.uri.toString());
    // The third says what the engine knows of the service, or why it cannot say.
    assert.match(commands[2]?.title ?? '', /not created|running|exited|engine not reachable/);
  });

  it('draws no lens for each service in a file of more services than the limit, and says so with a lens that picks services to run', async () => {
    const count = 1001; // MOST_SERVICES_WITH_LENSES + 1 (client/src/composeCommands/codelens.ts)
    const services = Array.from({ length: count }, (_, i) => `  svc-${i}:\n    image: busybox\n`).join('');
    const document = await composeFile('many/compose.yaml', `services:\n${services}`);
    const lenses = await eventually(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100),
      (l) => l.some((lens) => lens.command?.command === 'dockhand.composeUpSelect'),
      'lenses of many/compose.yaml',
      60_000,
    );
    const servicesLine = positionOf(document, 'services:').line;
    assert.deepEqual(lenses.filter((l) => l.range.start.line !== servicesLine).map((l) => l.command?.title), []);
    const pick = lenses.find((l) => l.command?.command === 'dockhand.composeUpSelect')!;
    assert.match(pick.command!.title, /1,001 services/);
    assert.equal(String(pick.command!.arguments?.[0]), document.uri.toString());
  });
});
