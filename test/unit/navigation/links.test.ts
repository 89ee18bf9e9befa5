import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DocumentLink } from 'vscode-languageserver';
import { documentLinks } from '../../../server/src/features/links';
import { uriToPath } from '../../../server/src/model/workspace';
import { fixture, Fixture } from '../../support/fixture';

/** File links only: images link to web pages (test/lsp/imageLinks.test.ts). */
function describe(fx: Fixture, name: string, links: readonly DocumentLink[]): string[] {
  return links.filter((l) => l.target?.startsWith('file:')).map((l) => `${fx.rangeText(name, l.range)} -> ${path.relative(fx.dir, uriToPath(l.target!)) || '.'}`);
}

test('links to the files and folders a compose file names, only when they exist', (t) => {
  const fx = fixture(t, `#- compose.yaml
include:
  - inc/compose.yaml
  - path: [inc/more.yaml, inc/missing.yaml]
services:
  web:
    build: ./app
    env_file: .env.web
    volumes:
      - ./src:/src
      - ./missing:/m
      - data:/data
      - ~/cfg:/cfg:ro
      - {type: bind, source: "./src", target: /s2}
  api:
    build:
      context: app
      dockerfile: Dockerfile.dev
    env_file: [.env.web, {path: .env.api, required: false}, .env.nope]
    extends: {file: common.yaml, service: base}
configs:
  conf: {file: ./conf/app.conf}
secrets:
  tok: {file: "./secrets/token.txt"}
  gone: {file: ./secrets/nope}

#- inc/compose.yaml
services: {}

#- inc/more.yaml
services: {}

#- app/Dockerfile.dev
FROM scratch

#- .env.web
A=1

#- .env.api
B=1

#- common.yaml
services:
  base: {image: x}

#- src/main.c
#- conf/app.conf
#- secrets/token.txt
#- home/cfg/x`);
  const home = process.env.HOME;
  process.env.HOME = fx.path('home');
  try {
    const links = documentLinks(fx.request('compose.yaml'));
    assert.deepEqual(describe(fx, 'compose.yaml', links), [
      './app -> app',
      '.env.web -> .env.web',
      './src -> src',
      '~/cfg -> home/cfg',
      './src -> src',
      'app -> app',
      'Dockerfile.dev -> app/Dockerfile.dev',
      '.env.web -> .env.web',
      '.env.api -> .env.api',
      'common.yaml -> common.yaml',
      'inc/compose.yaml -> inc/compose.yaml',
      'inc/more.yaml -> inc/more.yaml',
      './conf/app.conf -> conf/app.conf',
      './secrets/token.txt -> secrets/token.txt',
    ]);
  } finally {
    process.env.HOME = home;
  }
});

test('paths resolve against the project directory: the main file\'s folder for overrides, project_directory for includes', (t) => {
  const fx = fixture(t, `#- compose.yaml
include:
  - path: parts/db.yaml
    project_directory: data
services:
  web: {image: x}

#- compose.override.yaml
services:
  web:
    env_file: web.env

#- parts/db.yaml
services:
  db:
    env_file: db.env

#- data/db.env
#- parts/db.env
#- web.env`);
  assert.deepEqual(describe(fx, 'compose.override.yaml', documentLinks(fx.request('compose.override.yaml'))), ['web.env -> web.env']);
  // The include entry's project_directory (data/) wins over the included file's own folder.
  assert.deepEqual(describe(fx, 'parts/db.yaml', documentLinks(fx.request('parts/db.yaml'))), ['db.env -> data/db.env']);
  const main = fx.request('compose.yaml');
  assert.deepEqual(describe(fx, 'compose.yaml', documentLinks(main)), ['parts/db.yaml -> parts/db.yaml']);
});

test('variables in paths are substituted from .env; unset ones give no link', (t) => {
  const fx = fixture(t, `#- .env
CTX=ctxdir

#- compose.yaml
services:
  a:
    build: \${CTX}
  b:
    build: \${UNSET_DIR}

#- ctxdir/Dockerfile`);
  assert.deepEqual(describe(fx, 'compose.yaml', documentLinks(fx.request('compose.yaml'))), ['${CTX} -> ctxdir']);
});

test('what a service names is kept with it: after services move or a variable changes, the links are a fresh server\'s', (t) => {
  const fx = fixture(t, `#- .env
CTX=app

#- compose.yaml
services:
  web:
    build: \${CTX}
    image: nginx:1.25
    volumes: ["./src:/src", "./later:/later"]
  db:
    image: "postgres:16"
    env_file: db.env

#- app/Dockerfile
#- other/Dockerfile
#- src/main.c
#- db.env`);
  const fresh = (name = 'compose.yaml') => fx.restarted().documentLinks(fx.uri(name));
  const links = () => fx.service.documentLinks(fx.uri('compose.yaml'));
  const text = fx.text('compose.yaml');
  fx.open('compose.yaml', text);
  assert.deepEqual(describe(fx, 'compose.yaml', links()), ['${CTX} -> app', './src -> src', 'db.env -> db.env']);
  // Two services written above: the kept ones move down, their links with them.
  fx.open('compose.yaml', text.replace('services:\n', 'services:\n  new:\n    build: ./other\n  cache:\n    image: redis\n'));
  assert.deepEqual(links(), fresh());
  assert.deepEqual(describe(fx, 'compose.yaml', links()), ['./other -> other', '${CTX} -> app', './src -> src', 'db.env -> db.env']);
  assert.equal(links().filter((l) => l.target?.startsWith('https:')).length, 3, 'redis, nginx and postgres link to Docker Hub');
  // The variable a kept service's path reads changes: the path is resolved again.
  fx.write('.env', 'CTX=other\n');
  fx.service.filesChanged();
  assert.deepEqual(describe(fx, 'compose.yaml', links()), ['./other -> other', '${CTX} -> other', './src -> src', 'db.env -> db.env']);
  assert.deepEqual(links(), fresh());
});
