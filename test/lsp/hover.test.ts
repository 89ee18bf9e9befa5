import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
let dir: string;
let uri: string;
const text = [
  'services:',
  '  web:',
  '    image: nginx',
  '    depends_on: [db]',
  '  db:',
  '    image: postgres:${PG_TAG}',
  '    ports:',
  '      - "8001:5432"',
].join('\n');

before(async () => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-lsp-hover-')), 'myapp');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, '.env'), 'PG_TAG=16\n');
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, text);
  uri = fileUri(file);
  server = await startServer({ rootUri: fileUri(dir) });
  server.open(uri, text);
});
after(async () => {
  await server.stop();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

async function hoverAt(line: number, character: number): Promise<Hover | null> {
  return server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

test('a port mapping in words over stdio: HOST_PORT, CONTAINER_PORT, db:5432, localhost:8001', async () => {
  const hover = (await hoverAt(7, 11))!;
  const content = hover.contents as MarkupContent;
  assert.equal(content.kind, 'markdown');
  assert.match(content.value, /HOST_PORT `8001`/);
  assert.match(content.value, /CONTAINER_PORT `5432`/);
  assert.match(content.value, /`db:5432`/);
  assert.match(content.value, /`localhost:8001`/);
  assert.match(content.value, /`myapp_default`/);
  assert.deepEqual(hover.range, { start: { line: 7, character: 8 }, end: { line: 7, character: 19 } });
});

test('a service reference over stdio', async () => {
  const value = ((await hoverAt(3, 18))!.contents as MarkupContent).value;
  assert.match(value, /\*\*Service\*\* `db`/);
  assert.match(value, /Image: `postgres:16`/);
});

test('a key and a variable over stdio', async () => {
  assert.match(((await hoverAt(2, 5))!.contents as MarkupContent).value, /\*\*image\*\*/);
  assert.match(((await hoverAt(5, 24))!.contents as MarkupContent).value, /Value: `16`, from `\.env`, line 1/);
});

test('the service hover names containers the way the Compose the client found does (dockhand/composeVersion)', async () => {
  const serviceHover = async () => ((await hoverAt(1, 3))!.contents as MarkupContent).value;
  // Before the client says: both namings.
  const unknown = await serviceHover();
  assert.match(unknown, /`myapp-web-1` with Compose v2, `myapp_web_1` with v1/);
  server.connection.sendNotification('dockhand/composeVersion', { major: 1, version: '1.29.2' });
  assert.match(await serviceHover(), /Containers: `myapp_web_1`, `_2`\.\.\./);
  server.connection.sendNotification('dockhand/composeVersion', { major: 2, version: '2.27.0' });
  const v2 = await serviceHover();
  assert.match(v2, /Containers: `myapp-web-1`, `-2`\.\.\./);
  assert.doesNotMatch(v2, /myapp_web_1/);
});

test('container and network names follow the project name Compose commands are given (dockhand.compose.projectName)', async () => {
  const configure = (projectName: string) =>
    server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { compose: { projectName } } } });
  const serviceHover = async () => ((await hoverAt(1, 3))!.contents as MarkupContent).value;
  await configure('Staging');
  const named = await serviceHover();
  assert.match(named, /`staging-web-1`/);
  assert.match(named, /`staging_default`/);
  assert.doesNotMatch(named, /myapp/);
  // Cleared: the folder's name again.
  await configure('');
  assert.match(await serviceHover(), /`myapp-web-1`/);
});
