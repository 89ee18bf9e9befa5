import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
let dir: string;

before(async () => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-lsp-completion-')), 'myapp');
  fs.mkdirSync(dir);
  server = await startServer({ rootUri: fileUri(dir) });
});
after(async () => {
  await server.stop();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

let counter = 0;
/** Opens a fresh file with `|` as the cursor and asks for completion there. */
async function complete(textWithCursor: string): Promise<CompletionItem[]> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  const file = path.join(dir, `compose.c${++counter}.yaml`);
  const uri = fileUri(file);
  server.open(uri, text);
  const reply = await server.request<CompletionList | CompletionItem[]>('textDocument/completion', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  });
  server.close(uri);
  return Array.isArray(reply) ? reply : reply.items;
}

test('depends_on completes the other services over stdio', async () => {
  const items = await complete('services:\n  web:\n    image: nginx\n    depends_on:\n      - |\n  db:\n    image: postgres\n  cache:\n    image: redis\n');
  assert.deepEqual(items.map((i) => i.label).sort(), ['cache', 'db']);
  const db = items.find((i) => i.label === 'db')!;
  assert.deepEqual(db.textEdit && 'range' in db.textEdit ? db.textEdit.range : undefined, { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } });
});

test('restart values over stdio', async () => {
  const items = await complete('services:\n  web:\n    restart: |\n');
  for (const value of ['no', 'always', 'on-failure', 'unless-stopped']) assert.ok(items.some((i) => i.label === value), value);
});

test('keys in a service over stdio: filtered, with docs and snippets', async () => {
  const items = await complete('services:\n  web:\n    image: nginx\n    he|\n');
  const healthcheck = items.find((i) => i.label === 'healthcheck');
  assert.ok(healthcheck, items.map((i) => i.label).join(','));
  assert.ok(!items.some((i) => i.label === 'image'));
  assert.equal(healthcheck.insertTextFormat, 2, 'a snippet: the client said it supports them');
  assert.match(healthcheck.textEdit && 'newText' in healthcheck.textEdit ? healthcheck.textEdit.newText : '', /^healthcheck:\n  test: /);
  assert.equal(typeof healthcheck.documentation === 'object' && healthcheck.documentation.kind, 'markdown');
});
