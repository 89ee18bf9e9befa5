// The typing hold over stdio: an edit sent as VS Code sends it (an
// incremental change with a range) holds back the new error on the line
// being typed; after the pause the error is published. The server cannot
// publish it sooner than HOLD_MS after it applied the edit, so the first
// check cannot pass by luck; the second waits as long as it needs to.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { HOLD_MS } from '../../server/src/typingHold';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
const published: { at: number; params: PublishDiagnosticsParams }[] = [];
/** When the server asked the client to fetch inlay hints again. */
const refreshes: number[] = [];

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after);
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir), inlayHintRefresh: true });
  server.connection.onRequest('workspace/inlayHint/refresh', () => {
    refreshes.push(Date.now());
    return null;
  });
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

/**
 * Types `keys` into `uri` at `line`, from `column` on, one didChange each as VS Code sends them (versions
 * 2, 3...), `gapMs` apart: slower than the server's runs, so none is coalesced.
 */
async function typeKeys(uri: string, line: number, column: number, keys: readonly string[], gapMs: number): Promise<void> {
  for (const [i, key] of keys.entries()) {
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column } }, text: key }],
    });
    column += key.length;
    await new Promise((r) => setTimeout(r, gapMs));
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
  const shown = await until(() => published.find((p) => p.params.uri === uri && p.params.version === 2 && p.params.diagnostics.length > 0));
  assert.deepEqual(shown.params.diagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 3]]);
  // Until then the editor kept what it showed: the run at the key found that list again (the error held) and sent nothing.
  assert.deepEqual(published.filter((p) => p.params.uri === uri && p.at < shown.at).map((p) => p.params.version), [1]);
  assert.ok(shown.at - sent >= HOLD_MS - 50, `published ${shown.at - sent} ms after the edit`);
});

test('an undefined dependency stays published while a key is typed in another service, key by key', async () => {
  const uri = fileUri(fx.path('names/compose.yaml'));
  const undefinedAt = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'undefined-service' && d.range.start.line === 3);
  server.open(uri, 'services:\n  web:\n    image: nginx\n    depends_on: [dbx]\n  db:\n    image: postgres\n');
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1 && undefinedAt(p.params)));
  // `    hostn:` typed on the empty line 6 as VS Code sends it: the indentation, then a key at a time, slower than
  // the server's runs (none is coalesced). A run that finds the list shown sends nothing, so every list sent while
  // the word has no colon (a syntax error, which used to hide every name verdict) must still hold the verdict.
  const keys = ['    ', 'h', 'o', 's', 't', 'n', ':'];
  await typeKeys(uri, 6, 0, keys, 250);
  // After the pause, the typed key's own finding is shown with the verdict.
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === keys.length + 1 && p.params.diagnostics.some((d) => d.range.start.line === 6)));
  for (const p of published.filter((p) => p.params.uri === uri)) {
    assert.ok(undefinedAt(p.params), `version ${p.params.version}: ${JSON.stringify(p.params.diagnostics.map((d) => d.code))}`);
  }
});

test('a run that finds the list the editor shows sends nothing while the user types: a key typed in a comment of a file with findings waits for the pause', async () => {
  const uri = fileUri(fx.path('same/compose.yaml'));
  server.open(uri, '# notes\nservices:\n  web:\n    image: nginx\n    depends_on: [dbx]\n');
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1 && p.params.diagnostics.length === 1));
  const sent = Date.now();
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: 's' }],
  });
  // The same list, for version 2, once the user has paused.
  const paused = await until(() => published.find((p) => p.params.uri === uri && p.params.version === 2));
  assert.ok(paused.at - sent >= HOLD_MS - 50, `sent ${paused.at - sent} ms after the edit`);
  assert.deepEqual(paused.params.diagnostics.map((d) => d.code), ['undefined-service']);
  // A change that does change the list: `dbx` defined.
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '  dbx:\n    image: postgres\n' }],
  });
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 3));
  assert.deepEqual(
    published.filter((p) => p.params.uri === uri).map((p) => [p.params.version, p.params.diagnostics.length]),
    [
      [1, 1],
      [2, 1],
      [3, 0],
    ],
  );
});

test("a path typed key by key under `extends:` flashes nothing on its `service:` line; the pause shows what is left", async () => {
  fx.write('paths/base.yaml', 'services:\n  base:\n    image: busybox\n');
  const uri = fileUri(fx.path('paths/compose.yaml'));
  // `file:` is written already: its value is typed after it, each key a path that does not exist yet.
  server.open(uri, 'services:\n  web:\n    extends:\n      file: \n      service: base\n');
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1));
  const keys = [...'base.yaml', ' ', 'x'];
  await typeKeys(uri, 3, '      file: '.length, keys, 150);
  // `base.yaml x` names no file either: after the pause its finding is shown, on the `service:` line.
  const last = keys.length + 1;
  const paused = await until(() => published.find((p) => p.params.uri === uri && p.params.version === last));
  assert.deepEqual(paused.params.diagnostics.map((d) => [d.code, d.range.start.line]), [['extends-file-not-found', 4]]);
  const sentWhileTyping = published.filter((p) => p.params.uri === uri && (p.params.version ?? 0) > 1 && (p.params.version ?? 0) < last);
  for (const p of sentWhileTyping) {
    assert.ok(!p.params.diagnostics.some((d) => d.range.start.line === 4 && d.code === 'extends-file-not-found'), `version ${p.params.version} flashed ${JSON.stringify(p.params.diagnostics.map((d) => d.message))}`);
  }
});

test('the hint of a variable half typed (`${AP`, nothing sets it) waits for the pause, and the editor is asked for the hints again then', async () => {
  fx.write('.env', 'APP_MODE=prod\nAPP_PORT=8080\n');
  const uri = fileUri(fx.path('compose.yaml'));
  const text = 'services:\n  web:\n    image: nginx\n    environment:\n      MODE: ${APP_MODE}\n      LEVEL: ${}\n';
  server.open(uri, text);
  await until(() => published.find((p) => p.params.uri === uri && p.params.version === 1));
  const hintsOn = async (line: number) => {
    const list = await server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    return list.filter((h) => h.position.line === line).map((h) => String(h.label));
  };
  // `AP` typed between the braces VS Code closed, as it sends it; the hints asked at once, as it asks.
  const sent = Date.now();
  const asked = refreshes.length;
  await typeKeys(uri, 5, '      LEVEL: ${'.length, ['A', 'P'], 30);
  assert.deepEqual(await hintsOn(5), [], 'no "unset" while the name is typed');
  assert.deepEqual(await hintsOn(4), ['= prod (.env)'], 'another line keeps its hint');
  const refreshed = await until(() => refreshes.slice(asked)[0]);
  assert.ok(refreshed - sent >= HOLD_MS, `asked again ${refreshed - sent} ms after the first key`);
  assert.deepEqual(await hintsOn(5), ['unset → ""'], 'after the pause the hint says what is so');
});
