import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';

let server: LspSession;

const images: [string, string | undefined][] = [
  ['nginx', 'https://hub.docker.com/_/nginx'],
  ['nginx:1.25-alpine', 'https://hub.docker.com/_/nginx'],
  ['library/postgres:16', 'https://hub.docker.com/_/postgres'],
  ['docker.io/library/redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'https://hub.docker.com/_/redis'],
  ['bitnami/redis:7.2', 'https://hub.docker.com/r/bitnami/redis'],
  ['ghcr.io/home-assistant/home-assistant:stable', 'https://ghcr.io/home-assistant/home-assistant'],
  ['quay.io/keycloak/keycloak:26.0', 'https://quay.io/repository/keycloak/keycloak'],
  ['mcr.microsoft.com/dotnet/aspnet:8.0', 'https://mcr.microsoft.com/en-us/artifact/mar/dotnet/aspnet'],
  ['gcr.io/distroless/static-debian12', 'https://console.cloud.google.com/gcr/images/distroless/global/static-debian12'],
  ['public.ecr.aws/nginx/nginx:stable', 'https://gallery.ecr.aws/nginx/nginx'],
  ['${APP_IMAGE}', 'https://hub.docker.com/r/acme/shop'],
  ['node:${NODE_TAG:-22}', 'https://hub.docker.com/_/node'],
  ['registry.example.com:5000/team/app:1', undefined],
  ['localhost:5000/app', undefined],
  ['${UNSET_REGISTRY}/app', undefined],
  ['Not An Image', undefined],
];

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after, { '.env': 'APP_IMAGE=acme/shop:2.1\n' });
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir) });
});

test('image: values link to their registry page; private and unknown registries and unset variables get none', async () => {
  const text = 'services:\n' + images.map(([image], i) => `  s${i}:\n    image: "${image}"\n`).join('');
  const file = fx.path('compose.yaml');
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  server.open(uri, text);
  const links = await server.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  images.forEach(([image, expected], i) => {
    const line = 2 + i * 2;
    const link = links.find((l) => l.range.start.line === line);
    assert.equal(link?.target, expected, `${image}: ${JSON.stringify(link)}`);
    if (link) {
      // The link covers the value inside the quotes.
      assert.equal(link.range.start.character, '    image: "'.length);
      assert.equal(link.range.end.character, '    image: "'.length + image.length);
      assert.match(link.tooltip ?? '', /^Open \S+ on /);
    }
  });
  assert.match(links.find((l) => l.range.start.line === 2 + 2 * 10)!.tooltip!, /acme\/shop:2\.1 on Docker Hub/, 'the tooltip names the image after interpolation');
});
