// Navigation over stdio against dist/server.js, as an editor drives it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLink, DocumentSymbol, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
// Registered before the fixture: `after` hooks run in order, so the server stops before its folder goes.
after(async () => {
  await server.stop();
});

// The places asked at are $1..$4 (test/support/fixture.ts).
const fx = fixture(after, `#- compose.yaml
services:
  web:
    image: $4nginx
    build: ./app
    env_file: web.env
    depends_on:
      - d$1b
    links: ["d$3b:database"]
  d$2b:
    image: postgres

#- compose.override.yaml
services:
  db:
    ports: ["5432:5432"]
  admin:
    network_mode: service:db

#- web.env
A=1
`);
const dir = fx.dir;
const main = fx.path('compose.yaml');
const override = fx.path('compose.override.yaml');
const MAIN = fx.text('compose.yaml');
const OVERRIDE = fx.text('compose.override.yaml');

before(async () => {
  fs.mkdirSync(path.join(dir, 'app'));
  server = await startServer({ rootUri: fileUri(dir) });
  // Only the main file is open: the override is read from disk by the server.
  server.open(fileUri(main), MAIN);
});

const textDocument = () => ({ uri: fileUri(main) });

test('F12 on a depends_on entry goes to the service key', async () => {
  const locations = await server.request<Location[]>('textDocument/definition', { textDocument: textDocument(), position: fx.position(1) });
  assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line, l.range.start.character, l.range.end.character]), [
    [fileUri(main), 8, 2, 4],
    [fileUri(override), 1, 2, 4],
  ]);
});

test('references span both files', async () => {
  const locations = await server.request<Location[]>('textDocument/references', {
    textDocument: textDocument(),
    position: fx.position(2),
    context: { includeDeclaration: false },
  });
  assert.deepEqual(locations.map((l) => `${path.basename(l.uri)}:${l.range.start.line}:${l.range.start.character}`), [
    'compose.yaml:6:8',
    'compose.yaml:7:13',
    'compose.override.yaml:4:26',
  ]);
});

test('rename edits both files, only the name part, and refuses a bad name with a message', async () => {
  const at = fx.position(3);
  const prepared = await server.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: textDocument(), position: at });
  assert.equal(prepared.placeholder, 'db');

  const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: textDocument(), position: at, newName: 'pg' });
  const apply = (file: string, text: string) =>
    TextDocument.applyEdits(TextDocument.create(fileUri(file), 'x', 0, text), (edit.changes?.[fileUri(file)] ?? []) as TextEdit[]);
  assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [fileUri(override), fileUri(main)].sort());
  assert.equal(apply(main, MAIN), MAIN.replace('- db', '- pg').replace('"db:database"', '"pg:database"').replace('  db:', '  pg:'));
  assert.equal(apply(override, OVERRIDE), 'services:\n  pg:\n    ports: ["5432:5432"]\n  admin:\n    network_mode: service:pg\n');

  await assert.rejects(
    server.request('textDocument/rename', { textDocument: textDocument(), position: at, newName: 'no spaces allowed' }),
    (e: Error) => /not a valid service name/.test(e.message),
  );
  const nothing = await server.request('textDocument/prepareRename', { textDocument: textDocument(), position: fx.position(4) });
  assert.equal(nothing, null);
});

test('document symbols give a nested outline', async () => {
  const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: textDocument() });
  assert.deepEqual(symbols.map((s) => s.name), ['services']);
  const services = symbols[0].children ?? [];
  assert.deepEqual(services.map((s) => `${s.name}:${s.detail}`), ['web:nginx', 'db:postgres']);
  assert.deepEqual(services[0].children?.map((c) => c.name), ['image', 'build', 'env_file', 'depends_on', 'links']);
});

test('document links point at the env file and the build folder', async () => {
  const links = await server.request<DocumentLink[]>('textDocument/documentLink', { textDocument: textDocument() });
  assert.deepEqual(links.filter((l) => l.target?.startsWith('file:')).map((l) => [l.range.start.line, l.target]).sort(), [
    [3, fileUri(path.join(dir, 'app'))],
    [4, fileUri(path.join(dir, 'web.env'))],
  ]);
});

test('highlight and folding answer too', async () => {
  const highlights = await server.request<unknown[]>('textDocument/documentHighlight', { textDocument: textDocument(), position: fx.position(1) });
  assert.equal(highlights.length, 3);
  const folds = await server.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: textDocument() });
  assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 9));
  assert.ok(folds.some((f) => f.startLine === 5 && f.endLine === 6));
  assert.deepEqual(server.log.filter((line) => /failed/.test(line)), []);
});

test('workspace symbols find services of the open files\' projects, the override\'s too', async () => {
  const symbols = await server.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'adm' });
  assert.deepEqual(symbols.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [['admin', fileUri(override), 3]]);
});
