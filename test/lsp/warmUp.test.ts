// The warm-up over stdio (server/src/warmUp.ts): once the first file's
// diagnostics are out and the server has been idle a moment, it types into
// a practice file of its own. The editor must see nothing of that file,
// and it happens once per server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
const published: PublishDiagnosticsParams[] = [];

after(async () => {
  await server.stop();
});
const fx = fixture(after);

before(async () => {
  server = await startServer({ rootUri: fileUri(fx.dir) });
  server.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
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

const warmedUp = () => server.log.filter((line) => line.includes('warmed up the edit path'));

test('after the first diagnostics the server warms up once, publishing nothing but the editor\'s files', async () => {
  const first = fileUri(fx.path('compose.yaml'));
  server.open(first, 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n');
  await until(() => published.find((p) => p.uri === first));
  await until(() => warmedUp()[0]);
  const hover = await server.request<{ contents: unknown } | null>('textDocument/hover', {
    textDocument: { uri: first },
    position: { line: 3, character: 15 },
  });
  assert.ok(hover, 'requests are answered after the warm-up');

  const second = fileUri(fx.path('other/compose.yaml'));
  server.open(second, 'services:\n  db:\n    image: postgres\n');
  await until(() => published.find((p) => p.uri === second));
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(warmedUp().length, 1, 'once per server');
  assert.deepEqual([...new Set(published.map((p) => p.uri))].sort(), [first, second].sort(), 'only the editor\'s files get diagnostics');
  assert.deepEqual(server.log.filter((line) => /warm-up failed/.test(line)), []);
});
