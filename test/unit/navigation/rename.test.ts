// Rename beyond the table (navigationTable.test.ts): prepareRename, the name
// part of each use, quoted keys, refusals. Places asked at are $0..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { prepareRename, rename } from '../../../server/src/features/rename';
import { fixture } from '../../support/fixture';

test('rename a service in every file of the project, only the name part of each use', (t) => {
  const fx = fixture(t, `#- compose.yaml
include: [extra.yaml]
services:
  web:
    depends_on: [db]
    links: ["db:database", db]
    network_mode: "service:db"
    volumes_from: [db:ro, "container:db"]
  db:
    image: postgres

#- compose.override.yaml
services:
  d$0b:
    ports: ["5432:5432"]

#- extra.yaml
services:
  tool:
    depends_on:
      db: {condition: service_started}
    ipc: service:db
`);
  const prepared = prepareRename(fx.atCursor());
  assert.equal(prepared?.placeholder, 'db');
  assert.equal(fx.rangeText('compose.override.yaml', prepared!.range), 'db');

  const edit = rename(fx.atCursor(), 'database');
  assert.ok(edit);
  const after = fx.apply(edit);
  assert.equal(after['compose.yaml'], [
    'include: [extra.yaml]',
    'services:',
    '  web:',
    '    depends_on: [database]',
    '    links: ["database:database", database]',
    '    network_mode: "service:database"',
    '    volumes_from: [database:ro, "container:db"]',
    '  database:',
    '    image: postgres',
  ].join('\n') + '\n');
  assert.equal(after['compose.override.yaml'], 'services:\n  database:\n    ports: ["5432:5432"]\n');
  assert.equal(after['extra.yaml'], 'services:\n  tool:\n    depends_on:\n      database: {condition: service_started}\n    ipc: service:database\n');
});

test('a volume or network keeps its explicit name: only the key and the uses change', (t) => {
  const fx = fixture(t, 'services:\n  db:\n    volumes: ["pgdata:/var/lib/postgresql/data"]\nvolumes:\n  p$0gdata:\n    name: pgdata\n');
  const after = fx.apply(rename(fx.atCursor(), 'dbdata')!);
  assert.equal(after['compose.yaml'], 'services:\n  db:\n    volumes: ["dbdata:/var/lib/postgresql/data"]\nvolumes:\n  dbdata:\n    name: pgdata\n');
});

test('anchors rename with their aliases; a quoted key keeps its quotes', (t) => {
  const fx = fixture(t, 'x-a: &common\n  restart: always\nservices:\n  "w$2eb":\n    <<: *c$1ommon\n  api:\n    depends_on: ["web"]\n');
  const anchors = fx.apply(rename(fx.at(1), 'defaults')!);
  assert.equal(anchors['compose.yaml'], 'x-a: &defaults\n  restart: always\nservices:\n  "web":\n    <<: *defaults\n  api:\n    depends_on: ["web"]\n');
  const quoted = fx.apply(rename(fx.at(2), 'front')!);
  assert.equal(quoted['compose.yaml'], 'x-a: &common\n  restart: always\nservices:\n  "front":\n    <<: *common\n  api:\n    depends_on: ["front"]\n');
});

test('refusals say why: bad names, taken names, external resources, nothing to rename', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    $3depends_on: [$1db]\n    networks: [o$2utside]\n  db: {}\nnetworks:\n  outside:\n    $4external: true\n');
  const req = fx.at(1);
  assert.throws(() => rename(req, 'my db'), (e: unknown) => e instanceof ResponseError && /not a valid service name/.test(e.message));
  assert.throws(() => rename(req, '123'), (e: unknown) => e instanceof ResponseError && /number or boolean/.test(e.message));
  assert.throws(() => rename(req, 'web'), (e: unknown) => e instanceof ResponseError && /already exists/.test(e.message));
  assert.throws(
    () => prepareRename(fx.at(2)),
    (e: unknown) => e instanceof ResponseError && /external/.test(e.message) && /name: outside/.test(e.message),
  );
  assert.equal(prepareRename(fx.at(3)), null);
  assert.equal(rename(fx.at(4), 'x'), null);
  assert.deepEqual(fx.apply(rename(req, 'db')!), { 'compose.yaml': fx.text('compose.yaml') }, 'renaming to the same name changes nothing');
});

test('rename in a file reached through extends.file edits that file and the extends entry', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    extends: {file: base.yaml, service: b$0ase}

#- base.yaml
services:
  base:
    image: busybox
`);
  const after = fx.apply(rename(fx.atCursor(), 'template')!);
  assert.equal(after['compose.yaml'], 'services:\n  web:\n    extends: {file: base.yaml, service: template}\n');
  assert.equal(after['base.yaml'], 'services:\n  template:\n    image: busybox\n');
});
