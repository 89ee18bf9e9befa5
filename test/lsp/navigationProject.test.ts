// Navigation across include and extends.file over stdio: the server reads the
// files that are not open from disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
// Registered before the fixture: `after` hooks run in order, so the server stops before its folder goes.
after(async () => {
  await server.stop();
});

// The places asked at are $1..$3 (test/support/fixture.ts).
const fx = fixture(after, `#- compose.yaml
include:
  - path: db/compose.yaml
services:
  web:
    extends: {file: common.yaml, service: b$1ase}
    depends_on: [$2db]

#- db/compose.yaml
services:
  d$3b:
    image: postgres

#- common.yaml
services:
  base:
    image: busybox
`);
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir) });
});
const short = (l: Location) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}`;

test('definition of extends.service jumps into the other file; of an included service into the include', async () => {
  server.open(fileUri(path.join(dir, 'compose.yaml')), fx.text('compose.yaml'));
  const textDocument = { uri: fileUri(path.join(dir, 'compose.yaml')) };
  const base = await server.request<Location[]>('textDocument/definition', { textDocument, position: fx.position(1) });
  assert.deepEqual(base.map(short), ['common.yaml:1:2']);
  const db = await server.request<Location[]>('textDocument/definition', { textDocument, position: fx.position(2) });
  assert.deepEqual(db.map(short), ['db/compose.yaml:1:2']);
});

test('from the included file, references and rename reach the including file', async () => {
  const uri = fileUri(path.join(dir, 'db/compose.yaml'));
  server.open(uri, fx.text('db/compose.yaml'));
  const position = fx.position(3);
  const refs = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(short), ['db/compose.yaml:1:2', 'compose.yaml:5:17']);
  const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'postgres' });
  const main = fileUri(path.join(dir, 'compose.yaml'));
  const after = TextDocument.applyEdits(TextDocument.create(main, 'x', 0, fx.text('compose.yaml')), edit.changes![main] as TextEdit[]);
  assert.equal(after, fx.text('compose.yaml').replace('[db]', '[postgres]'));
});
