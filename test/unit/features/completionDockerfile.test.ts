// Completion from the service's Dockerfile: `build.target` offers its stages, `build.args` its ARGs, read
// from the Dockerfile the build names (features/completion/dockerfile.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, insertText, labels } from '../../support/fixture';

const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:\${NODE_VERSION} AS deps
ARG NPM_TOKEN
ARG NODE_VERSION
FROM deps AS Build
ARG GIT_SHA=""
RUN npm run build
FROM nginx:alpine AS runtime
FROM runtime
`;

test('build.target offers the Dockerfile\'s stages as written, in order, with the image each starts from', (t) => {
  const fx = fixture(t, { Dockerfile: DOCKERFILE, 'compose.yaml': '' });
  const items = fx.completion('services:\n  web:\n    build:\n      context: .\n      target: $0\n');
  assert.deepEqual(labels(items), ['deps', 'Build', 'runtime']);
  assert.equal(items.find((i) => i.label === 'Build')!.detail, 'stage, FROM deps');
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    build:\n      context: .\n      target: ru$0\n')), ['runtime']);
});

test('build.args offers the Dockerfile\'s ARGs not given yet, with their defaults: keys in the mapping form, NAME= in the list form', (t) => {
  const fx = fixture(t, { Dockerfile: DOCKERFILE, 'compose.yaml': '' });
  const keys = fx.completion('services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: x\n        $0\n');
  assert.deepEqual(labels(keys), ['NODE_VERSION', 'GIT_SHA']);
  assert.equal(insertText(keys, 'GIT_SHA'), 'GIT_SHA: ');
  assert.equal(keys.find((i) => i.label === 'NODE_VERSION')!.detail, 'ARG of the Dockerfile, default 20');
  assert.equal(keys.find((i) => i.label === 'GIT_SHA')!.detail, 'ARG of the Dockerfile, default ""');
  const listed = fx.completion('services:\n  web:\n    build:\n      context: .\n      args:\n        - GIT_SHA=abc\n        - N$0\n');
  assert.deepEqual(labels(listed), ['NODE_VERSION', 'NPM_TOKEN']);
  assert.equal(insertText(listed, 'NPM_TOKEN'), 'NPM_TOKEN=');
  assert.equal(listed.find((i) => i.label === 'NPM_TOKEN')!.detail, 'ARG of the Dockerfile, no default');
  // Past the `=` it is the value: no names.
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    build:\n      context: .\n      args:\n        - NPM_TOKEN=$0\n')), []);
});

test('the Dockerfile the build names: its own name in a context folder, an inline one, and none when it is not there', (t) => {
  const fx = fixture(t, { 'app/docker/Prod.Dockerfile': 'FROM alpine AS base\nFROM base AS final\n', 'compose.yaml': '' });
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    build:\n      context: ./app\n      dockerfile: docker/Prod.Dockerfile\n      target: $0\n')), ['base', 'final']);
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine AS one\n        ARG X\n      target: $0\n')), ['one']);
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    build:\n      context: ./missing\n      target: $0\n')), []);
  // ./app holds no file named Dockerfile (its Dockerfile is in docker/): nothing to offer.
  assert.deepEqual(labels(fx.completion('services:\n  web:\n    image: x\n    build:\n      context: ./app\n      target: $0\n')), []);
});
