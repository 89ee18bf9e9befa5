import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
let dir: string;
let base: string;
let override: string;

const BASE = [
  'services:',
  '  web:',
  '    image: nginx:${NGINX_TAG}',
  '    command: ["--port", "${PORT:-8080}"]',
  '    environment:',
  '      MODE: $MODE',
  '      REGION: ${REGION-eu}',
  '    restart: always',
  '    ports:',
  '      - "80:80"',
  '    labels:',
  '      team: web',
  '  db:',
  '    image: postgres:16',
  'networks:',
  '  back:',
  '  outside:',
  '    external: true',
  '    name: shared_net',
  'volumes:',
  '  data:',
].join('\n') + '\n';

const OVERRIDE = [
  'services:',
  '  web:',
  '    image: nginx:1.27-alpine',
  '    restart: always',
  '    ports: !reset []',
  '    labels:',
  '      team: platform',
  '  db:',
  '    image: postgres:17',
].join('\n') + '\n';

before(async () => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-lsp-hints-')), 'shop');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, '.env'), 'NGINX_TAG=1.25.3\nMODE=\n');
  base = path.join(dir, 'compose.yaml');
  override = path.join(dir, 'compose.override.yaml');
  fs.writeFileSync(base, BASE);
  fs.writeFileSync(override, OVERRIDE);
  server = await startServer({ rootUri: fileUri(dir), env: { REGION: 'us' } });
  server.open(fileUri(base), BASE);
});
after(async () => {
  await server.stop();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

async function hints(uri: string, fromLine = 0, toLine = 100): Promise<InlayHint[]> {
  return server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: fromLine, character: 0 }, end: { line: toLine, character: 0 } } });
}

const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
// Markdown for a client that renders it (this one says so for hovers).
const tooltip = (h: InlayHint) => (typeof h.tooltip === 'object' && h.tooltip.kind === 'markdown' ? h.tooltip.value : undefined);
const at = (list: InlayHint[], line: number) => list.filter((h) => h.position.line === line).map((h) => `${h.position.character}:${label(h)}`);

test('after a variable: its value and source, or unset with the default that applies', async () => {
  const list = await hints(fileUri(base));
  // This line also says what the override sets: the variable's hint is short there (see the next test).
  assert.deepEqual(at(list, 2).filter((h) => h.includes('=')), [`${'    image: nginx:${NGINX_TAG}'.length}:= 1.25.3`]);
  assert.match(tooltip(list.find((h) => h.position.line === 2 && label(h).startsWith('='))!) ?? '', /NGINX_TAG is `1\.25\.3`, from \.env, line 1/);
  assert.deepEqual(at(list, 3), [`${'    command: ["--port", "${PORT:-8080}'.length}:unset → 8080 (default)`]);
  assert.deepEqual(at(list, 5), [`${'      MODE: $MODE'.length}:= "" (.env)`]);
  assert.deepEqual(at(list, 6), [`${'      REGION: ${REGION-eu}'.length}:= us (environment)`]);
});

test('in the base file: the value an override replaces, and the key it resets', async () => {
  const list = await hints(fileUri(base));
  // Two hints on one line in VS Code's 43 characters: the value that wins first, the file by its short name; the tooltips say it all.
  const column = '    image: nginx:${NGINX_TAG}'.length;
  assert.deepEqual(at(list, 2), [`${column}:→ nginx:1.27-alpine (override)`, `${column}:= 1.25.3`]);
  assert.equal(tooltip(list.find((h) => h.position.line === 2)!), 'compose.override.yaml sets `image` to `nginx:1.27-alpine`; that value wins.');
  assert.deepEqual(at(list, 7), [], 'the same value again is no override');
  assert.deepEqual(at(list, 8), [`${'    ports:'.length}:reset by compose.override.yaml`]);
  assert.deepEqual(at(list, 11), [`${'      team: web'.length}:→ platform (compose.override.yaml)`]);
  assert.deepEqual(at(list, 13), [`${'    image: postgres:16'.length}:→ postgres:17 (compose.override.yaml)`]);
  // The override itself is the last word: nothing to say there about replacements.
  server.open(fileUri(override), OVERRIDE);
  assert.deepEqual((await hints(fileUri(override))).map(label), []);
});

test('only the requested range is answered', async () => {
  const list = await hints(fileUri(base), 12, 14);
  assert.deepEqual(list.map((h) => h.position.line), [13]);
});

test('each kind can be switched off; Docker names of networks and volumes when switched on', async () => {
  const configure = (inlayHints: Record<string, boolean>) =>
    server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { inlayHints } } });
  await configure({ variables: false, resourceNames: true });
  const list = await hints(fileUri(base));
  assert.ok(!list.some((h) => /^(=|unset)/.test(label(h))), list.map(label).join(' | '));
  assert.deepEqual(at(list, 15), [`${'  back:'.length}:shop_back`]);
  assert.deepEqual(at(list, 16), [`${'  outside:'.length}:shared_net`]);
  assert.deepEqual(at(list, 20), [`${'  data:'.length}:shop_data`]);
  // Compose commands run with --project-name (dockhand.compose.projectName): the names Docker gives follow it.
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { inlayHints: { resourceNames: true }, compose: { projectName: 'staging' } } } });
  const renamed = await hints(fileUri(base));
  assert.deepEqual(at(renamed, 15), [`${'  back:'.length}:staging_back`]);
  assert.deepEqual(at(renamed, 16), [`${'  outside:'.length}:shared_net`], 'an external network keeps its name');
  await configure({ overrides: false });
  const withoutOverrides = (await hints(fileUri(base))).map(label);
  assert.ok(!withoutOverrides.some((l) => /compose\.override\.yaml/.test(l)), withoutOverrides.join(' | '));
  assert.ok(withoutOverrides.some((l) => l.startsWith('= 1.25.3')), 'variables are back on');
  await configure({});
});
