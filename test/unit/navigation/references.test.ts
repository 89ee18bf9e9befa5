// References and highlight beyond the table (navigationTable.test.ts): counts
// over a project's files, a name asked at its first character, included and
// extends files, highlight's order. Places asked at are $0..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { documentHighlights } from '../../../server/src/features/highlight';
import { references } from '../../../server/src/features/references';
import { fixture } from '../../support/fixture';

test('references of a service defined in compose.yaml and the override: both definitions and every use', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    depends_on: [$1db]
    links: ["db:database"]
    volumes_from: ["db:ro", "container:db"]
  db:
    image: postgres
  tool:
    network_mode: service:db
    extends: db
#- compose.override.yaml
services:
  $2db:
    ports: ["5432:5432"]
  admin:
    depends_on:
      db: {condition: service_healthy}
`);
  const all = fx.describe(references(fx.at(1), true));
  assert.deepEqual(all, [
    'compose.yaml:5:db',
    'compose.override.yaml:1:db',
    'compose.yaml:2:db',
    'compose.yaml:3:db',
    'compose.yaml:4:db',
    'compose.yaml:8:db',
    'compose.yaml:9:db',
    'compose.override.yaml:5:db',
  ]);
  const usesOnly = fx.describe(references(fx.at(2), false));
  assert.equal(usesOnly.length, 6);
  assert.ok(!usesOnly.includes('compose.yaml:5:db'));
});

// Volumes and secrets in short and long form are cases of the table; so is an anchor redefined.
test('a network from its definition\'s first character, among volumes and secrets', (t) => {
  const fx = fixture(t, `services:
  web:
    networks: [front]
    volumes: ["data:/d", {type: volume, source: data, target: /e}]
    secrets: [{source: tok, target: t}]
  api:
    networks:
      front: {aliases: [x]}
    secrets: [tok]
networks:
  $1front: {}
volumes:
  data: {}
secrets:
  tok: {file: ./t}`);
  assert.deepEqual(fx.describe(references(fx.at(1), true)), [
    'compose.yaml:10:front', 'compose.yaml:2:front', 'compose.yaml:7:front',
  ]);
});

test('from an included file, the including project\'s uses are found', (t) => {
  const fx = fixture(t, `#- compose.yaml
include:
  - path: ./db/compose.yaml
services:
  web:
    depends_on: [db]

#- db/compose.yaml
services:
  $0db:
    image: postgres
`);
  assert.deepEqual(fx.describe(references(fx.atCursor(), true)), ['db/compose.yaml:1:db', 'compose.yaml:4:db']);
});

test('an extends target knows who extends it, and keeps its own names apart', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    extends:
      file: common.yaml
      service: base
  $2base:
    image: not-the-same

#- common.yaml
services:
  $1base:
    image: busybox
  other:
    extends: base
`);
  assert.deepEqual(fx.describe(references(fx.at(1), true)), [
    'common.yaml:1:base', 'common.yaml:4:base', 'compose.yaml:4:base',
  ]);
  // The main file's own `base` is a different service.
  assert.deepEqual(fx.describe(references(fx.at(2), true)), ['compose.yaml:5:base']);
});

test('document highlight: this file only, the definition as a write', (t) => {
  const fx = fixture(t, `#- compose.yaml
$2services:
  web:
    depends_on: [db]
  $1db: {}

#- compose.override.yaml
services:
  db:
    image: x
`);
  const highlights = documentHighlights(fx.at(1));
  assert.deepEqual(
    highlights.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
    [[3, 2, DocumentHighlightKind.Write], [2, 17, DocumentHighlightKind.Read]],
  );
  assert.deepEqual(documentHighlights(fx.at(2)), []);
});
