import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/features/definition';
import { fixture, inline } from '../../support/fixture';

test('F12 on a depends_on entry goes to the service key; on an alias to its anchor', (t) => {
  const fx = inline(t, 'x-env: &env\n  A: 1\nservices:\n  web:\n    environment: *env\n    depends_on:\n      - db\n  db:\n    image: postgres\n');
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', '- db', 0, 3))), ['compose.yaml:7:db']);
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', '*env', 0, 2))), ['compose.yaml:0:env']);
  assert.deepEqual(definition(fx.request('compose.yaml', 'postgres')), []);
});

test('a service defined in compose.yaml and again in the override: both definitions', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n',
    'compose.override.yaml': 'services:\n  db:\n    ports: ["5432:5432"]\n',
  });
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', '[db]', 0, 1))), ['compose.yaml:4:db', 'compose.override.yaml:1:db']);
  // From the override, the main file's definition is found too.
  assert.deepEqual(fx.describe(definition(fx.request('compose.override.yaml', 'db'))), ['compose.yaml:4:db', 'compose.override.yaml:1:db']);
});

test('include (string and long form with project_directory) and extends.file', (t) => {
  const fx = fixture(t, {
    'compose.yaml': [
      'include:',
      '  - db/compose.yaml',
      '  - path: cache/compose.yaml',
      '    project_directory: cache',
      'services:',
      '  web:',
      '    depends_on: [db, redis]',
      '    extends: {file: common/base.yaml, service: base}',
      '    networks: [shared]',
    ].join('\n'),
    'db/compose.yaml': 'services:\n  db:\n    image: postgres\nnetworks:\n  shared: {}\n',
    'cache/compose.yaml': 'services:\n  redis:\n    image: redis\n',
    'common/base.yaml': 'services:\n  base:\n    image: busybox\n  web:\n    image: other\n',
  });
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', 'db,', 0, 1))), ['db/compose.yaml:1:db']);
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', 'redis', 0, 1))), ['cache/compose.yaml:1:redis']);
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', 'shared', 0, 1))), ['db/compose.yaml:4:shared']);
  // extends with file: the other file's `services.base`, not a same-named service here.
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', 'service: base', 0, 10))), ['common/base.yaml:1:base']);
  // The path itself opens the file.
  const file = definition(fx.request('compose.yaml', 'common/base.yaml', 0, 2));
  assert.deepEqual(file.map((l) => l.uri), [fx.uri('common/base.yaml')]);
  // The extends target's own `web` is not the main file's `web`.
  assert.deepEqual(fx.describe(definition(fx.request('common/base.yaml', 'web'))), ['common/base.yaml:3:web']);
});

test('files named by COMPOSE_FILE in .env form one project', (t) => {
  const fx = fixture(t, {
    '.env': 'COMPOSE_FILE=base.yml:dev.yml\n',
    'base.yml': 'services:\n  app:\n    image: app\n  db:\n    image: postgres\n',
    'dev.yml': 'services:\n  app:\n    depends_on: [db]\n',
  });
  assert.deepEqual(fx.describe(definition(fx.request('dev.yml', '[db]', 0, 1))), ['base.yml:3:db']);
  assert.deepEqual(fx.describe(definition(fx.request('dev.yml', 'app'))), ['base.yml:1:app', 'dev.yml:1:app']);
});

test('the editor text wins over the disk', (t) => {
  const fx = inline(t, 'services:\n  web:\n    depends_on: [db]\n  db: {}\n');
  fx.open('compose.yaml', 'services:\n  web:\n    depends_on: [db]\n\n\n  db: {}\n');
  assert.deepEqual(fx.describe(definition(fx.request('compose.yaml', '[db]', 0, 1))), ['compose.yaml:5:db']);
});
