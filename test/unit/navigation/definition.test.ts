// Definition beyond the table (navigationTable.test.ts): anchors, include and
// extends.file paths, COMPOSE_FILE, and the editor's text over the disk. The
// places asked at are marked $0..$9 in the fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/features/definition';
import { fixture } from '../../support/fixture';

test('F12 on a depends_on entry goes to the service key; on an alias to its anchor', (t) => {
  const fx = fixture(t, 'x-env: &env\n  A: 1\nservices:\n  web:\n    environment: *e$2nv\n    depends_on:\n      - d$1b\n  db:\n    image: $3postgres\n');
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['compose.yaml:7:db']);
  assert.deepEqual(fx.describe(definition(fx.at(2))), ['compose.yaml:0:env']);
  assert.deepEqual(definition(fx.at(3)), []);
});

test('a service defined in compose.yaml and again in the override: both definitions', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    image: nginx
    depends_on: [$1db]
  db:
    image: postgres

#- compose.override.yaml
services:
  $2db:
    ports: ["5432:5432"]
`);
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['compose.yaml:4:db', 'compose.override.yaml:1:db']);
  // From the override, the main file's definition is found too.
  assert.deepEqual(fx.describe(definition(fx.at(2))), ['compose.yaml:4:db', 'compose.override.yaml:1:db']);
});

test('include (string and long form with project_directory) and extends.file', (t) => {
  const fx = fixture(t, `#- compose.yaml
include:
  - db/compose.yaml
  - path: cache/compose.yaml
    project_directory: cache
services:
  web:
    depends_on: [d$1b, r$2edis]
    extends: {file: co$5mmon/base.yaml, service: b$4ase}
    networks: [s$3hared]
#- db/compose.yaml
services:
  db:
    image: postgres
networks:
  shared: {}

#- cache/compose.yaml
services:
  redis:
    image: redis

#- common/base.yaml
services:
  base:
    image: busybox
  $6web:
    image: other
`);
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['db/compose.yaml:1:db']);
  assert.deepEqual(fx.describe(definition(fx.at(2))), ['cache/compose.yaml:1:redis']);
  assert.deepEqual(fx.describe(definition(fx.at(3))), ['db/compose.yaml:4:shared']);
  // extends with file: the other file's `services.base`, not a same-named service here.
  assert.deepEqual(fx.describe(definition(fx.at(4))), ['common/base.yaml:1:base']);
  // The path itself opens the file.
  const file = definition(fx.at(5));
  assert.deepEqual(file.map((l) => l.uri), [fx.uri('common/base.yaml')]);
  // The extends target's own `web` is not the main file's `web`.
  assert.deepEqual(fx.describe(definition(fx.at(6))), ['common/base.yaml:3:web']);
});

test('files named by COMPOSE_FILE in .env form one project', (t) => {
  const fx = fixture(t, `#- .env
COMPOSE_FILE=base.yml:dev.yml

#- base.yml
services:
  app:
    image: app
  db:
    image: postgres

#- dev.yml
services:
  $2app:
    depends_on: [$1db]
`);
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['base.yml:3:db']);
  assert.deepEqual(fx.describe(definition(fx.at(2))), ['base.yml:1:app', 'dev.yml:1:app']);
});

test('the editor text wins over the disk', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    depends_on: [$1db]\n  db: {}\n');
  // The edit is after $1: the cursor's offset holds in the editor's text.
  fx.open('compose.yaml', 'services:\n  web:\n    depends_on: [db]\n\n\n  db: {}\n');
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['compose.yaml:5:db']);
});
