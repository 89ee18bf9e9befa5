import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;
// Registered before the fixture: `after` hooks run in order, so the server stops before its folder goes.
after(async () => {
  await server.stop();
});
// The places hovered are $1..$5 (test/support/fixture.ts); the folder is named myapp.
const fx = fixture(after, `#- .env
PG_TAG=16

#- compose.yaml
services:
  w$5eb:
    i$3mage: nginx
    depends_on: [d$2b]
  db:
    image: postgres:\${PG$4_TAG}
    ports:
      - "80$101:5432"`);
const uri = fileUri(fx.path('compose.yaml'));

before(async () => {
  server = await startServer({ rootUri: fileUri(fx.dir) });
  server.open(uri, fx.text('compose.yaml'));
});

async function hoverAt(n: number): Promise<Hover | null> {
  return server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: fx.position(n) });
}

test('a port mapping in words over stdio: HOST_PORT, CONTAINER_PORT, db:5432, localhost:8001', async () => {
  const hover = (await hoverAt(1))!;
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
  const value = ((await hoverAt(2))!.contents as MarkupContent).value;
  assert.match(value, /\*\*Service\*\* `db`/);
  assert.match(value, /Image: `postgres:16`/);
});

test('a key and a variable over stdio', async () => {
  assert.match(((await hoverAt(3))!.contents as MarkupContent).value, /\*\*image\*\*/);
  assert.match(((await hoverAt(4))!.contents as MarkupContent).value, /Value: `16`, from `\.env`, line 1/);
});

test('the service hover names containers the way the Compose the client found does (dockhand/composeVersion)', async () => {
  const serviceHover = async () => ((await hoverAt(5))!.contents as MarkupContent).value;
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
  const serviceHover = async () => ((await hoverAt(5))!.contents as MarkupContent).value;
  await configure('Staging');
  const named = await serviceHover();
  assert.match(named, /`staging-web-1`/);
  assert.match(named, /`staging_default`/);
  assert.doesNotMatch(named, /myapp/);
  // Cleared: the folder's name again.
  await configure('');
  assert.match(await serviceHover(), /`myapp-web-1`/);
});
