import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
let uri: string;

const COMPOSE = [
  'services:',
  '  app:',
  '    build:',
  '      context: ./app',
  '      target: prod',
  '      args:',
  '        APP_PORT: "3000"',
  '    ports:',
  '      - "8080:8080"',
  '      - "3000:3000"',
  '      - "4000:4000/udp"',
  '  web:',
  '    image: nginx:1.25',
  '    ports:',
  '      - "8081:8080"',
  '      - target: 80',
  '        published: 8082',
  '  plain:',
  '    build: ./plain',
  '    ports: ["9000:9001"]',
].join('\n') + '\n';

const DOCKERFILE = [
  '# escape=\\',
  'ARG BASE=scratch',
  'FROM ${BASE} AS base',
  'EXPOSE 9229',
  '',
  'FROM base AS prod',
  'ARG APP_PORT=8000',
  'ENV PORT=${APP_PORT}',
  '# a comment between continued lines is dropped',
  'EXPOSE ${PORT} \\',
  '       4000/udp',
  '',
  'FROM scratch AS other',
  'EXPOSE 1234',
].join('\n');

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after, { 'app/Dockerfile': DOCKERFILE, 'plain/Dockerfile': 'FROM node:22\nEXPOSE 5000\n', 'compose.yaml': COMPOSE });

before(async () => {
  uri = fileUri(fx.path('compose.yaml'));
  server = await startServer({ rootUri: fileUri(fx.dir) });
  server.open(uri, COMPOSE);
});

const notExposed = (list: Diagnostic[]) => list.filter((d) => d.code === 'port-not-exposed');

test('port-not-exposed from the Dockerfile: target stage, build args over ARG defaults, ENV, inherited stage, continuation lines', async () => {
  const found = notExposed(await server.diagnostics(uri));
  assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), [[8, 14, 18]], JSON.stringify(found));
  assert.equal(found[0]!.severity, 2);
  assert.match(found[0]!.message as string, /3000\/tcp, 4000\/udp, 9229\/tcp/);
  assert.match(found[0]!.message as string, /app\/Dockerfile` \(stage `prod`\)/);
  // `plain` is built FROM node:22, whose EXPOSE nobody told us: silent rather than wrong.
  assert.ok(!found.some((d) => d.range.start.line === 19));
});

test('its quick fixes use an exposed port', async () => {
  const [d] = notExposed(await server.diagnostics(uri));
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d!.range, context: { diagnostics: [d] } });
  const fixes = actions.filter((a) => a.diagnostics?.[0]?.code === 'port-not-exposed');
  assert.deepEqual(fixes.map((a) => a.title), ['Use container port 3000 (exposed by the image)', 'Use container port 9229 (exposed by the image)']);
  assert.deepEqual(fixes[0]!.edit!.changes![uri], [{ range: d!.range, newText: '3000' }]);
});

test('the engine\'s images (dockhand/imagePorts) feed the check, the hover and completion', async () => {
  await server.connection.sendNotification('dockhand/imagePorts', { images: [{ names: ['nginx:1.25', 'docker.io/library/nginx:1.25'], exposedPorts: ['80/tcp'] }] });
  server.change(uri, COMPOSE);
  const found = notExposed(await server.diagnostics(uri));
  assert.deepEqual(found.map((d) => d.range.start.line), [8, 14], JSON.stringify(found));
  const [, web] = found;
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: web!.range, context: { diagnostics: [web] } });
  const fix = actions.find((a) => a.title === 'Use container port 80 (exposed by the image)');
  assert.equal(fix?.isPreferred, true, 'the only exposed port is the preferred fix');

  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 14, character: 12 } });
  assert.match((hover.contents as MarkupContent).value, /`nginx:1\.25` exposes `80\/tcp` \(not CONTAINER_PORT 8080\)/);
  const appHover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 12 } });
  assert.match((appHover.contents as MarkupContent).value, /exposes `3000\/tcp, 4000\/udp, 9229\/tcp` \(CONTAINER_PORT 3000 is one of them\)/);

  const typed = COMPOSE.replace('      - "8081:8080"', '      - "8081:"');
  server.change(uri, typed);
  // As VS Code asks when `:` is typed inside the value.
  const list = await server.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 14, character: '      - "8081:'.length },
    context: { triggerKind: 2, triggerCharacter: ':' },
  });
  const sorted = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.equal(sorted[0]?.label, '80', JSON.stringify(list.items.slice(0, 3)));
  assert.match(sorted[0]!.detail ?? '', /nginx:1\.25/);

  // A port typed in part (`8081:8`, on the way to 8000) comes first as typed, so Enter keeps it.
  server.change(uri, COMPOSE.replace('      - "8081:8080"', '      - "8081:8"'));
  const partial = await server.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 14, character: '      - "8081:8'.length },
    context: { triggerKind: 1 },
  });
  const partialSorted = [...partial.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(partialSorted.slice(0, 2).map((i) => [i.label, i.preselect ?? false]), [['8', true], ['80', false]]);
  assert.deepEqual(partialSorted[0]!.textEdit && 'range' in partialSorted[0]!.textEdit ? [partialSorted[0]!.textEdit.range.start.character, partialSorted[0]!.textEdit.range.end.character, partialSorted[0]!.textEdit.newText] : undefined, [14, 15, '8'], 'it replaces only the typed part of CONTAINER_PORT with itself');

  // An image list without nginx: the engine no longer has it, the warning goes.
  await server.connection.sendNotification('dockhand/imagePorts', { images: [] });
  server.change(uri, COMPOSE);
  assert.deepEqual(notExposed(await server.diagnostics(uri)).map((d) => d.range.start.line), [8]);
});

// `- 8081:` unquoted: YAML reads the item as a mapping with the key `8081`, but the user is typing a port
// mapping; the colon opens the ports to map to, as it does inside quotes (`- "8081:`).
test('an unquoted list item ending in a colon completes CONTAINER_PORT: the engine\'s image, and the Dockerfile', async () => {
  await server.connection.sendNotification('dockhand/imagePorts', { images: [{ names: ['nginx:1.25'], exposedPorts: ['80/tcp'] }] });
  try {
    const colonAt = async (from: string, to: string) => {
      const lines = COMPOSE.replace(from, to).split('\n');
      server.change(uri, lines.join('\n'));
      const list = await server.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line: lines.indexOf(to), character: to.length },
        context: { triggerKind: 2, triggerCharacter: ':' },
      });
      return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    };
    const web = await colonAt('      - "8081:8080"', '      - 8081:');
    assert.deepEqual(web.map((i) => i.label), ['80'], 'nginx:1.25 exposes 80');
    const edit = web[0]!.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.deepEqual([edit.range.start.character, edit.range.end.character, edit.newText], [13, 13, '80'], 'inserted after the colon');
    const app = await colonAt('      - "3000:3000"', '      - 3001:');
    assert.deepEqual(app.map((i) => i.label), ['3000', '4000', '9229'], 'the target stage\'s EXPOSE, through its ARG and ENV');
    // Under ports, `target:` is a key of the long form: the colon after it opens nothing.
    assert.deepEqual(await colonAt('      - "8081:8080"', '      - target:'), []);
  } finally {
    await server.connection.sendNotification('dockhand/imagePorts', { images: [] });
    server.change(uri, COMPOSE);
  }
});
