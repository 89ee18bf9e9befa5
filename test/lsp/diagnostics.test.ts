// Diagnostics and their quick fixes over stdio, with the real dist/server.js.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after);
const dir = fx.dir;

before(async () => {
  // As VS Code does, the client says it shows related information.
  server = await startServer({ rootUri: fileUri(dir), relatedInformation: true, initializationOptions: { diagnostics: { rules: { 'deprecated-key': 'off' } } } });
});

const TEXT = ['version: "3.8"', 'services:', '  web:', '    image: nginx', '    networks: [front]', 'networks:', '  back: {}', ''].join('\n');

test('an undefined network is published with its code, range and source; its quick fix, applied, clears it', async () => {
  const file = fx.path('compose.yaml');
  fs.writeFileSync(file, TEXT);
  const uri = fileUri(file);
  server.open(uri, TEXT);
  const diagnostics = await server.diagnostics(uri);
  const undefinedNetwork = diagnostics.find((d) => d.code === 'undefined-network');
  assert.ok(undefinedNetwork, JSON.stringify(diagnostics));
  assert.equal(undefinedNetwork.source, 'dockhand');
  assert.equal(undefinedNetwork.severity, 1);
  assert.deepEqual(undefinedNetwork.range, { start: { line: 4, character: 15 }, end: { line: 4, character: 20 } });

  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: undefinedNetwork.range,
    context: { diagnostics: [undefinedNetwork], only: ['quickfix'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.kind, 'quickfix');
  assert.match(actions[0]!.title, /Declare network 'front'/);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockercompose', 1, TEXT), actions[0]!.edit!.changes![uri]!);
  assert.equal(fixed, TEXT.replace('  back: {}\n', '  back: {}\n  front: {}\n'));
  server.change(uri, fixed);
  const after = await server.diagnostics(uri);
  assert.deepEqual(after.filter((d) => d.code === 'undefined-network'), []);
  assert.deepEqual(after.map((d) => d.code), ['obsolete-version']);
});

test("a port clash points at the other service's mapping: as related information where the client shows it, as a line in the message where it does not", async (t) => {
  const text = ['services:', '  web:', '    image: nginx', '    ports: ["8080:80"]', '  api:', '    image: nginx', '    ports:', '      - "8080:81"', ''].join('\n');
  const file = fx.path('clash/compose.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  server.open(uri, text);
  const clashes = (await server.diagnostics(uri)).filter((d) => d.code === 'port-conflict');
  assert.deepEqual(clashes.map((d) => [d.range.start.line, d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message])]), [
    [3, [[uri, 7, 'Service "api" publishes host port 8080/tcp here']]],
    [7, [[uri, 3, 'Service "web" publishes host port 8080/tcp here']]],
  ]);
  assert.doesNotMatch(String(clashes[0]!.message), /line/);
  server.close(uri);
  // A client that says nothing of related information: the other mapping's line is in the message.
  const plain = await startServer({ rootUri: fileUri(path.dirname(file)) });
  t.after(() => plain.stop());
  plain.open(uri, text);
  const folded = (await plain.diagnostics(uri)).filter((d) => d.code === 'port-conflict');
  assert.deepEqual(folded.map((d) => d.relatedInformation), [undefined, undefined]);
  assert.match(String(folded[0]!.message), /^Host port 8080\/tcp is also published by service "api": .* See line 8\.$/);
  assert.match(String(folded[1]!.message), / See line 4\.$/);
});

test('the version hint is tagged Unnecessary, and its fix removes the line', async () => {
  const file = path.join(dir, 'other', 'compose.yaml');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, TEXT);
  const uri = fileUri(file);
  server.open(uri, TEXT);
  const hint = (await server.diagnostics(uri)).find((d) => d.code === 'obsolete-version') as Diagnostic;
  assert.equal(hint.severity, 4);
  assert.deepEqual(hint.tags, [1]);
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: hint.range, context: { diagnostics: [hint] } });
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockercompose', 1, TEXT), actions[0]!.edit!.changes![uri]!);
  assert.ok(!fixed.includes('version'));
});

test('a missing env file: the fixes that make it are offered to a client that creates files, as a create without overwrite, and the file made clears the error', async (t) => {
  const file = fx.path('env-fix/compose.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = ['services:', '  web:', '    image: nginx', '    env_file: .env.local', ''].join('\n');
  fs.writeFileSync(file, text);
  fs.writeFileSync(fx.path('env-fix/.env.local.example'), 'DB_HOST=db\n');
  const uri = fileUri(file);
  const ask = async (session: LspSession) => {
    session.open(uri, text);
    const missing = (await session.diagnostics(uri)).find((d) => d.code === 'missing-env-file') as Diagnostic;
    assert.ok(missing, 'missing-env-file');
    return session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
  };
  // This file's server is started as a client that creates no files.
  assert.deepEqual((await ask(server)).map((a) => a.title), ['Make .env.local optional (required: false): Compose then loads the project without it']);
  const creating = await startServer({ rootUri: fileUri(dir), createFiles: true });
  t.after(() => creating.stop());
  const actions = await ask(creating);
  assert.deepEqual(actions.map((a) => a.title), ['Create .env.local from .env.local.example', 'Create .env.local, empty', 'Make .env.local optional (required: false): Compose then loads the project without it']);
  const made = fileUri(fx.path('env-fix/.env.local'));
  assert.deepEqual(actions[0]!.edit!.documentChanges, [
    { kind: 'create', uri: made },
    { textDocument: { uri: made, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'DB_HOST=db\n' }] },
  ]);
  // What the editor does with it: the file made, which its watcher reports (1: created).
  fs.writeFileSync(fx.path('env-fix/.env.local'), 'DB_HOST=db\n');
  void creating.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: made, type: 1 }] });
  // Published again without an edit; the list shown until then is the old one.
  const cleared = async () => (await creating.diagnostics(uri)).every((d) => d.code !== 'missing-env-file');
  for (const started = Date.now(); !(await cleared()) && Date.now() - started < 10_000; ) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(await cleared(), 'missing-env-file still shown 10 s after the file was made');
});

test('dockhand.diagnostics.rules: from initializationOptions, then from a configuration change', async () => {
  const file = path.join(dir, 'third', 'compose.yaml');
  fs.mkdirSync(path.dirname(file));
  const text = ['services:', '  web:', '    image: nginx', '    networks: [front]', 'networks:', '  front:', '    external:', '      name: real', ''].join('\n');
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  server.open(uri, text);
  // deprecated-key is off from initializationOptions.
  assert.deepEqual((await server.diagnostics(uri)).map((d) => d.code), []);
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { diagnostics: { rules: { 'deprecated-key': 'warning' } } } } });
  server.change(uri, text + '\n');
  const list = await server.diagnostics(uri);
  assert.deepEqual(list.map((d) => [d.code, d.severity]), [['deprecated-key', 2]]);
});

test('a refused env file line is shown in the env file too, and goes when the file is mended or the Compose file closes', async () => {
  const text = ['services:', '  web:', '    image: nginx', '    env_file: web.env', ''].join('\n');
  const { 'compose.yaml': uri, 'web.env': webEnv, '.env': dotEnv } = projectFolder('envs', {
    'compose.yaml': text,
    'web.env': 'A=1\nB=${1X}\n',
    '.env': 'URL=http://${HOST:?set HOST}\n',
  }) as Record<string, string>;
  const inWebEnv = server.diagnostics(webEnv);
  const inDotEnv = server.diagnostics(dotEnv);
  server.open(uri, text);
  const own = await server.diagnostics(uri);
  assert.deepEqual(own.map((d) => d.code).sort(), ['invalid-env-file', 'unset-variable']);

  const [refused, ...moreInWebEnv] = await inWebEnv;
  assert.deepEqual(moreInWebEnv, []);
  assert.equal(refused!.code, 'invalid-env-file');
  assert.equal(refused!.severity, 1);
  assert.deepEqual(refused!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
  assert.match(String(refused!.message), /invalid template "\$\{1X\}": Compose refuses/);
  assert.equal(refused!.relatedInformation?.[0]?.location.uri, uri);
  assert.equal(refused!.relatedInformation?.[0]?.location.range.start.line, 3);
  const [required] = await inDotEnv;
  assert.equal(required!.code, 'unset-variable');
  assert.equal(required!.severity, 2);
  assert.equal(required!.range.start.line, 0);
  assert.match(String(required!.message), /requires HOST/);

  // Mended on disk, as a terminal would: the watcher's event clears the env file's finding.
  fs.writeFileSync(path.join(dir, 'envs', 'web.env'), 'A=1\nB=$${1X}\n');
  void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: webEnv, type: 2 }] });
  assert.deepEqual(await publishedFor(webEnv, (list) => list.length === 0), []);
  assert.equal((await server.diagnostics(dotEnv)).length, 1, 'the .env finding stays');
  // The Compose file closes: nothing is left said about the .env it read.
  server.close(uri);
  assert.deepEqual(await publishedFor(dotEnv, (list) => list.length === 0), []);
});

test('an env file typed in the editor counts before it is saved, once the typing pauses; closed unsaved, the disk counts again', async () => {
  const text = ['services:', '  web:', '    image: nginx', '    env_file: web.env', ''].join('\n');
  const { 'compose.yaml': uri, 'web.env': webEnv } = projectFolder('typed-env', { 'compose.yaml': text, 'web.env': 'A=1\nB=${1X}\n' }) as Record<string, string>;
  const edited = (envText?: string) => void server.connection.sendNotification('dockhand/editedFile', envText === undefined ? { uri: webEnv } : { uri: webEnv, text: envText });
  const refusedIn = (list: Diagnostic[]) => list.filter((d) => d.code === 'invalid-env-file');
  server.open(uri, text);
  assert.equal(refusedIn(await server.diagnostics(uri)).length, 1);
  assert.equal((await publishedFor(webEnv, (list) => list.length === 1)).length, 1);

  // Mended in the editor, not saved: both files' findings go.
  edited('A=1\nB=$${1X}\n');
  assert.deepEqual(await publishedFor(webEnv, (list) => list.length === 0), []);
  assert.deepEqual(refusedIn(await publishedFor(uri, (list) => refusedIn(list).length === 0)), []);

  // Typed on: `C=${` is refused until its `}` comes. Keys 500 ms apart are one burst (the pause is 750 ms): nothing is shown meanwhile.
  edited('A=1\nB=$${1X}\nC=${');
  await new Promise((resolve) => setTimeout(resolve, 500));
  edited('A=1\nB=$${1X}\nC=${A}\n');
  for (const until = Date.now() + 1500; Date.now() < until; ) {
    assert.deepEqual(await server.diagnostics(webEnv), [], 'a half-typed line of the env file flashed a finding');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  // Closed without saving: the disk's refused line is read again.
  edited(undefined);
  const [again] = await publishedFor(webEnv, (list) => list.length === 1);
  assert.equal(again?.range.start.line, 1);
  assert.equal(refusedIn(await publishedFor(uri, (list) => refusedIn(list).length === 1)).length, 1);
  server.close(uri);
});

test('an env file named otherwise is announced to the client once read, and its edited text counts as an env file does', async () => {
  const text = ['services:', '  web:', '    image: nginx', '    env_file:', '      - web.env', '      - settings.conf', ''].join('\n');
  const { 'compose.yaml': uri, 'settings.conf': settings, 'web.env': webEnv } = projectFolder('named-otherwise', {
    'compose.yaml': text,
    'settings.conf': 'A=1\nB=${1X}\n',
    'web.env': 'C=1\n',
  }) as Record<string, string>;
  const announced: string[][] = [];
  server.connection.onNotification('dockhand/readFiles', (p: { uris: string[] }) => void announced.push(p.uris));
  const refusedIn = (list: Diagnostic[]) => list.filter((d) => d.code === 'invalid-env-file');
  server.open(uri, text);
  assert.equal(refusedIn(await server.diagnostics(uri)).length, 1);
  // Sent right after the run's diagnostics: the file the client would not send by its name, not web.env.
  for (const until = Date.now() + 5000; announced.length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
  const last = announced.at(-1) ?? [];
  assert.ok(last.includes(settings), `settings.conf announced (${JSON.stringify(announced)})`);
  assert.ok(!last.includes(webEnv), 'web.env goes by its name: not announced');
  // The client then sends what the editor holds of it: mended, not saved.
  void server.connection.sendNotification('dockhand/editedFile', { uri: settings, text: 'A=1\nB=$${1X}\n' });
  assert.deepEqual(refusedIn(await publishedFor(uri, (list) => refusedIn(list).length === 0)), []);
  // Nothing new read by the next runs: not announced again.
  const count = announced.length;
  server.change(uri, text.replace('nginx', 'nginx:1.27'));
  await publishedFor(uri, (list) => refusedIn(list).length === 0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(announced.length, count);
  server.close(uri);
});

test("the project's .env typed in the editor sets the Compose file's variables before it is saved", async () => {
  const text = ['services:', '  web:', '    image: "nginx:${TAG:?set TAG}"', ''].join('\n');
  const { 'compose.yaml': uri, '.env': dotEnv } = projectFolder('typed-dotenv', { 'compose.yaml': text, '.env': 'OTHER=1\n' }) as Record<string, string>;
  const unset = (list: Diagnostic[]) => list.filter((d) => d.code === 'unset-variable');
  server.open(uri, text);
  assert.equal(unset(await server.diagnostics(uri)).length, 1);
  void server.connection.sendNotification('dockhand/editedFile', { uri: dotEnv, text: 'OTHER=1\nTAG=1.27\n' });
  assert.deepEqual(unset(await publishedFor(uri, (list) => unset(list).length === 0)), []);
  void server.connection.sendNotification('dockhand/editedFile', { uri: dotEnv });
  assert.equal(unset(await publishedFor(uri, (list) => unset(list).length === 1)).length, 1);
  server.close(uri);
});

/** A project folder of its own under the fixture's, holding `files`; the URI of each file by name. */
test('a build folder made and a Dockerfile given a stage on disk, with no watcher event, are found within seconds', async () => {
  const text = ['services:', '  web:', '    build:', '      context: ./web', '      target: prod', '  api:', '    build: ./api/server', ''].join('\n');
  const { 'compose.yaml': uri } = projectFolder('unwatched', { 'compose.yaml': text });
  const folder = path.join(dir, 'unwatched');
  fs.mkdirSync(path.join(folder, 'web'));
  fs.writeFileSync(path.join(folder, 'web', 'Dockerfile'), 'FROM busybox\n');
  server.open(uri, text);
  const codes = (list: Diagnostic[]) => list.map((d) => d.code).sort().join(' ');
  assert.equal(codes(await server.diagnostics(uri)), 'missing-build-context unknown-build-target');
  // As `mkdir -p` in a terminal makes it, whose later changes VS Code's watcher misses; no event is sent at all.
  await new Promise((resolve) => setTimeout(resolve, 2500)); // the server's first look notes what is there
  fs.mkdirSync(path.join(folder, 'api', 'server'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'api', 'server', 'Dockerfile'), 'FROM busybox\n');
  fs.writeFileSync(path.join(folder, 'web', 'Dockerfile'), 'FROM busybox AS prod\n');
  const after = await publishedFor(uri, (list) => list.length === 0);
  assert.equal(codes(after), '', 'both findings go without an edit or an event');
});

function projectFolder(name: string, files: Record<string, string>): Record<string, string> {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  const uris: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, file), text);
    uris[file] = fileUri(path.join(folder, file));
  }
  return uris;
}

/** The diagnostics last published for a file no document is open for, once they satisfy `wanted` (within 10 s). */
async function publishedFor(uri: string, wanted: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = await server.diagnostics(uri);
    if (wanted(list) || Date.now() > deadline) return list;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
