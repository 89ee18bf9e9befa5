// The typing hold over stdio: an edit sent as VS Code sends it (an
// incremental change with a range) holds back the new error on the line
// being typed; after the pause the error is published. The server cannot
// publish it sooner than HOLD_MS after it applied the edit, so the first
// check cannot pass by luck; the second waits as long as it needs to.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { HOLD_MS } from '../../server/src/typingHold';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
const published: { at: number; params: PublishDiagnosticsParams }[] = [];

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after);
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir) });
  server.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push({ at: Date.now(), params });
  });
});

async function until<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('a half-typed key is held while it is typed and published after the pause', async () => {
  const uri = fileUri(fx.path('compose.yaml'));
  server.open(uri, 'services:\n  db:\n    image: postgres\n');
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1));
  // What VS Code sends when `    r` is typed on the empty line 3.
  const sent = Date.now();
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '    r' }],
  });
  const first = await until(() => published.find((p) => p.params.uri === uri && p.params.version === 2));
  assert.deepEqual(first.params.diagnostics, [], 'the error on the typed line is held');
  const shown = await until(() => published.find((p) => p.params.uri === uri && p.params.version === 2 && p.params.diagnostics.length > 0));
  assert.deepEqual(shown.params.diagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 3]]);
  assert.ok(shown.at - sent >= HOLD_MS - 50, `published ${shown.at - sent} ms after the edit`);
});
