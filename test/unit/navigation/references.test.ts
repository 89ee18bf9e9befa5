import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { documentHighlights } from '../../../server/src/features/highlight';
import { references } from '../../../server/src/features/references';
import { fixture, inline } from '../../support/fixture';

test('references of a service defined in compose.yaml and the override: both definitions and every use', (t) => {
  const fx = fixture(t, {
    'compose.yaml': [
      'services:',
      '  web:',
      '    depends_on: [db]',
      '    links: ["db:database"]',
      '    volumes_from: ["db:ro", "container:db"]',
      '  db:',
      '    image: postgres',
      '  tool:',
      '    network_mode: service:db',
      '    extends: db',
    ].join('\n'),
    'compose.override.yaml': 'services:\n  db:\n    ports: ["5432:5432"]\n  admin:\n    depends_on:\n      db: {condition: service_healthy}\n',
  });
  const all = fx.describe(references(fx.request('compose.yaml', '[db]', 0, 1), true));
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
  const usesOnly = fx.describe(references(fx.request('compose.override.yaml', 'db'), false));
  assert.equal(usesOnly.length, 6);
  assert.ok(!usesOnly.includes('compose.yaml:5:db'));
});

test('networks, volumes, secrets and configs: list, map, short and long forms', (t) => {
  const fx = inline(t, [
    'services:',
    '  web:',
    '    networks: [front]',
    '    volumes: ["data:/d", {type: volume, source: data, target: /e}]',
    '    secrets: [{source: tok, target: t}]',
    '  api:',
    '    networks:',
    '      front: {aliases: [x]}',
    '    secrets: [tok]',
    'networks:',
    '  front: {}',
    'volumes:',
    '  data: {}',
    'secrets:',
    '  tok: {file: ./t}',
  ].join('\n'));
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', 'front: {}'), true)), [
    'compose.yaml:10:front', 'compose.yaml:2:front', 'compose.yaml:7:front',
  ]);
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', 'data:/d', 0, 1), false)), ['compose.yaml:3:data', 'compose.yaml:3:data']);
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', '[tok]', 0, 1), true)), [
    'compose.yaml:14:tok', 'compose.yaml:4:tok', 'compose.yaml:8:tok',
  ]);
});

test('from an included file, the including project\'s uses are found', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'include:\n  - path: ./db/compose.yaml\nservices:\n  web:\n    depends_on: [db]\n',
    'db/compose.yaml': 'services:\n  db:\n    image: postgres\n',
  });
  assert.deepEqual(fx.describe(references(fx.request('db/compose.yaml', 'db:'), true)), ['db/compose.yaml:1:db', 'compose.yaml:4:db']);
});

test('an extends target knows who extends it, and keeps its own names apart', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n  base:\n    image: not-the-same\n',
    'common.yaml': 'services:\n  base:\n    image: busybox\n  other:\n    extends: base\n',
  });
  assert.deepEqual(fx.describe(references(fx.request('common.yaml', 'base:'), true)), [
    'common.yaml:1:base', 'common.yaml:4:base', 'compose.yaml:4:base',
  ]);
  // The main file's own `base` is a different service.
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', 'base:'), true)), ['compose.yaml:5:base']);
});

test('anchors: a redefined anchor splits its aliases', (t) => {
  const fx = inline(t, 'a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: *x\n');
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', '*x', 0, 1), true)), ['compose.yaml:0:x', 'compose.yaml:1:x']);
  assert.deepEqual(fx.describe(references(fx.request('compose.yaml', '&x', 1, 1), false)), ['compose.yaml:3:x', 'compose.yaml:4:x']);
});

test('document highlight: this file only, the definition as a write', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    depends_on: [db]\n  db: {}\n',
    'compose.override.yaml': 'services:\n  db:\n    image: x\n',
  });
  const highlights = documentHighlights(fx.request('compose.yaml', 'db: {}'));
  assert.deepEqual(
    highlights.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
    [[3, 2, DocumentHighlightKind.Write], [2, 17, DocumentHighlightKind.Read]],
  );
  assert.deepEqual(documentHighlights(fx.request('compose.yaml', 'services')), []);
});
