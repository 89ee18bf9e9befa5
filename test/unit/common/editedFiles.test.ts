// Which files the client sends the server the editor's text of (client/src/editedFiles.ts): the env files and
// Dockerfiles projects name, and nothing else a workspace holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isReadBesideCompose } from '../../../common/src/editedFiles';

test('env files and Dockerfiles by the names projects give them', () => {
  for (const name of ['.env', '.env.local', '.env.production', 'web.env', 'Dockerfile', 'Dockerfile.dev', 'app.Dockerfile', 'app.dockerfile', 'Containerfile']) {
    assert.equal(isReadBesideCompose(name), true, name);
  }
});

test('by language where the name says nothing: an env file or Dockerfile the editor knows as one', () => {
  assert.equal(isReadBesideCompose('settings.conf', 'dotenv'), true);
  assert.equal(isReadBesideCompose('build-image', 'dockerfile'), true);
});

test('not the other files of a workspace', () => {
  for (const name of ['environment.ts', 'envoy.yaml', '.envrc', 'Dockerfiles.md', 'main.go', 'compose.yaml', 'env']) {
    assert.equal(isReadBesideCompose(name, 'plaintext'), false, name);
  }
});
