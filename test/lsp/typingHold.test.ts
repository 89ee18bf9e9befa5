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

test('an undefined dependency stays published while a key is typed in another service, key by key', async () => {
  const uri = fileUri(fx.path('names/compose.yaml'));
  const undefinedAt = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'undefined-service' && d.range.start.line === 3);
  server.open(uri, 'services:\n  web:\n    image: nginx\n    depends_on: [dbx]\n  db:\n    image: postgres\n');
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1 && undefinedAt(p.params)));
  // `    hostn:` typed on the empty line 6 as VS Code sends it: the indentation, then a key at a time, each
  // after the diagnostics of the one before are published (a typist slower than the server: none is coalesced).
  const keys = ['    ', 'h', 'o', 's', 't', 'n', ':'];
  let column = 0;
  for (const [i, key] of keys.entries()) {
    const version = i + 2;
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 6, character: column }, end: { line: 6, character: column } }, text: key }],
    });
    column += key.length;
    const shown = await until(() => published.find((p) => p.params.uri === uri && p.params.version === version));
    // Versions 3..7 hold a word with no colon: a syntax error, which used to hide every name verdict.
    assert.ok(undefinedAt(shown.params), `after ${JSON.stringify(key)} (version ${version}): ${JSON.stringify(shown.params.diagnostics.map((d) => d.code))}`);
  }
});
