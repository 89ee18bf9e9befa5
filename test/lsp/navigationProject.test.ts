// Navigation across include and extends.file over stdio: the server reads the
// files that are not open from disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
let dir: string;
const FILES: Record<string, string> = {
  'compose.yaml': 'include:\n  - path: db/compose.yaml\nservices:\n  web:\n    extends: {file: common.yaml, service: base}\n    depends_on: [db]\n',
  'db/compose.yaml': 'services:\n  db:\n    image: postgres\n',
  'common.yaml': 'services:\n  base:\n    image: busybox\n',
};

before(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-lsp-navproj-')));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  server = await startServer({ rootUri: fileUri(dir) });
});

after(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = (name: string, needle: string, delta: number) =>
  TextDocument.create('file:///x', 'x', 0, FILES[name]).positionAt(FILES[name].indexOf(needle) + delta);
const short = (l: Location) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}`;

test('definition of extends.service jumps into the other file; of an included service into the include', async () => {
  server.open(fileUri(path.join(dir, 'compose.yaml')), FILES['compose.yaml']);
  const textDocument = { uri: fileUri(path.join(dir, 'compose.yaml')) };
  const base = await server.request<Location[]>('textDocument/definition', { textDocument, position: at('compose.yaml', 'service: base', 10) });
  assert.deepEqual(base.map(short), ['common.yaml:1:2']);
  const db = await server.request<Location[]>('textDocument/definition', { textDocument, position: at('compose.yaml', '[db]', 1) });
  assert.deepEqual(db.map(short), ['db/compose.yaml:1:2']);
});

test('from the included file, references and rename reach the including file', async () => {
  const uri = fileUri(path.join(dir, 'db/compose.yaml'));
  server.open(uri, FILES['db/compose.yaml']);
  const position = at('db/compose.yaml', 'db:', 1);
  const refs = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(short), ['db/compose.yaml:1:2', 'compose.yaml:5:17']);
  const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'postgres' });
  const main = fileUri(path.join(dir, 'compose.yaml'));
  const after = TextDocument.applyEdits(TextDocument.create(main, 'x', 0, FILES['compose.yaml']), edit.changes![main] as TextEdit[]);
  assert.equal(after, FILES['compose.yaml'].replace('[db]', '[postgres]'));
});
