// Definition beyond the table (navigationTable.test.ts), which asks about
// names: a path opens its file, the editor's text wins over the disk, and a
// place where no name is gives nothing. The places asked at are marked $1..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/features/definition';
import { fixture } from '../../support/fixture';

test('F12 on a plain value goes nowhere', (t) => {
  const fx = fixture(t, 'x-env: &env\n  A: 1\nservices:\n  web:\n    environment: *env\n    depends_on:\n      - db\n  db:\n    image: $3postgres\n');
  assert.deepEqual(definition(fx.at(3)), []);
});

test('the path of extends.file opens that file', (t) => {
  const fx = fixture(t, `#- compose.yaml
include:
  - db/compose.yaml
  - path: cache/compose.yaml
    project_directory: cache
services:
  web:
    depends_on: [db, redis]
    extends: {file: co$5mmon/base.yaml, service: base}
    networks: [shared]
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
  web:
    image: other
`);
  const file = definition(fx.at(5));
  assert.deepEqual(file.map((l) => l.uri), [fx.uri('common/base.yaml')]);
});

test('the editor text wins over the disk', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    depends_on: [$1db]\n  db: {}\n');
  // The edit is after $1: the cursor's offset holds in the editor's text.
  fx.open('compose.yaml', 'services:\n  web:\n    depends_on: [db]\n\n\n  db: {}\n');
  assert.deepEqual(fx.describe(definition(fx.at(1))), ['compose.yaml:5:db']);
});
