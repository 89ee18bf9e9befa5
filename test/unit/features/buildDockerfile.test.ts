// The service's Dockerfile where the Compose file names it (features/serviceDockerfile.ts): completion of
// `build.target` (its stages) and `build.args` (its ARGs), go to definition and hover on those names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/features/definition';
import { hover } from '../../../server/src/features/hover';
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

test('go to definition from a target or an ARG opens the Dockerfile at the name that declares it; hover shows that line', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    build:
      context: .
      target: bu$1ild
      args:
        NPM_$2TOKEN: x
  api:
    build:
      context: .
      target: RUNTIME$3
      args:
        - NODE_V$4ERSION=22
        - NODE_VERSION=2$5
#- Dockerfile
${DOCKERFILE.replace('AS Build', 'AS build')}`);
  const at = (n: number) => definition(fx.at(n)).map((l) => `${l.uri.split('/').pop()}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);
  // FROM deps AS build is line 5 (0-based); the name starts at 13.
  assert.deepEqual(at(1), ['Dockerfile:5:13-18']);
  assert.deepEqual(at(2), ['Dockerfile:3:4-13']);
  // The builder compares a target in lower case.
  assert.deepEqual(at(3), ['Dockerfile:8:21-28']);
  // The first declaration of an ARG declared twice; in a list item, only from the name before its `=`.
  assert.deepEqual(at(4), ['Dockerfile:1:4-16']);
  assert.deepEqual(at(5), []);
  const text = (n: number) => {
    const h = hover(fx.at(n));
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  };
  assert.match(text(1), /\*\*Stage\*\* `build` of `Dockerfile`, line 6/);
  assert.match(text(1), /FROM deps AS build/);
  assert.match(text(2), /\*\*ARG\*\* `NPM_TOKEN` of `Dockerfile`, line 4: .*without it the ARG is empty/);
  assert.match(text(4), /\*\*ARG\*\* `NODE_VERSION`.*without it the ARG is `20`/);
});
