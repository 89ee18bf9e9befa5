// Rename beyond the table (navigationTable.test.ts, which renames every case
// and checks prepareRename): the refusals, which say why, and the addresses
// in environment values that reach a service by name. Places asked at are $1..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { prepareRename, rename } from '../../../server/src/features/rename';
import { references } from '../../../server/src/features/references';
import { definition } from '../../../server/src/features/definition';
import { documentHighlights } from '../../../server/src/features/highlight';
import { fixture } from '../../support/fixture';

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

test('renaming a service renames the host of the environment addresses that reach it by name, in every file of the project, and nothing else', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    depends_on: [$1db]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      QUOTED: "redis://db/0"
      BARE: db:5432
      NOT_A_HOST: db
      LONGER: postgres://dbx:5432/app
      COMMAND_LIKE: echo db:5432 now
      VARIABLE: postgres://\${USER}@db:5432
      ESCAPED: "postgres://d\\x62:5432"
  db:
    image: postgres

#- compose.override.yaml
services:
  worker:
    environment:
      - DB=postgres://db:5432/jobs
`);
  const changed = fx.apply(rename(fx.at(1), 'database')!);
  // These five places change, and nothing else: not a value that is only the name, a longer host, a name in a
  // command, a host after a variable or one written with escapes.
  const expected = fx
    .text('compose.yaml')
    .replace('[db]', '[database]')
    .replace('app@db:5432', 'app@database:5432')
    .replace('redis://db/0', 'redis://database/0')
    .replace('BARE: db:5432', 'BARE: database:5432')
    .replace('  db:\n    image', '  database:\n    image');
  assert.equal(changed['compose.yaml'], expected);
  assert.equal(changed['compose.override.yaml'], `services:
  worker:
    environment:
      - DB=postgres://database:5432/jobs
`);
  // Find references lists them too (as uses, not definitions).
  const uses = references(fx.at(1), false).map((l) => `${l.uri.split('/').pop()}:${l.range.start.line}:${l.range.start.character}`);
  assert.deepEqual(uses.sort(), ['compose.override.yaml:3:22', 'compose.yaml:2:17', 'compose.yaml:4:35', 'compose.yaml:5:23', 'compose.yaml:6:12'].sort());
  // Highlight from the name shows this file's: the definition, the dependency and the three hosts.
  const here = documentHighlights(fx.at(1)).map((h) => `${h.range.start.line}:${h.range.start.character}`);
  assert.deepEqual(here.sort(), ['12:2', '2:17', '4:35', '5:23', '6:12'].sort());
});

test('from the host of an environment address: go to definition finds the service, highlight its uses here, rename renames it everywhere', (t) => {
  const fx = fixture(t, `services:
  web:
    depends_on: [db]
    environment:
      DATABASE_URL: postgres://app@d$1b:5432/app
      OTHER: https://exa$2mple.com/
  db:
    image: postgres
`);
  const places = (list: { range: { start: { line: number; character: number } } }[]) => list.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort();
  assert.deepEqual(places(definition(fx.at(1))), ['6:2']);
  assert.deepEqual(places(documentHighlights(fx.at(1))), ['2:17', '4:35', '6:2']);
  assert.equal(prepareRename(fx.at(1))?.placeholder, 'db');
  assert.equal(fx.apply(rename(fx.at(1), 'database')!)['compose.yaml'], fx.text('compose.yaml').replaceAll('db', 'database'));
  // A host no service is named: nothing to navigate to.
  assert.deepEqual(definition(fx.at(2)), []);
  assert.equal(prepareRename(fx.at(2)), null);
});

test('renaming a service renames the hosts of environment values services take through an alias or a merge, once where the anchor is', (t) => {
  const fx = fixture(t, `x-env: &env
  DATABASE_URL: postgres://db:5432/app
x-defaults: &defaults
  environment:
    CACHE_URL: redis://cache:6379
    DB_HOST: db:5432
x-list: &list
  - REPLICA=postgres://db:5433/app
services:
  web:
    <<: *defaults
    depends_on: [$1db]
  api:
    <<: *defaults
  worker:
    environment: *env
  jobs:
    environment:
      <<: *env
      OWN: postgres://db:5434/jobs
  cron:
    environment: *list
  db:
    image: postgres
  cache:
    image: redis
`);
  const changed = fx.apply(rename(fx.at(1), 'database')!)['compose.yaml'];
  const expected = fx
    .text('compose.yaml')
    .replace('postgres://db:5432/app', 'postgres://database:5432/app')
    .replace('DB_HOST: db:5432', 'DB_HOST: database:5432')
    .replace('postgres://db:5433/app', 'postgres://database:5433/app')
    .replace('[db]', '[database]')
    .replace('postgres://db:5434/jobs', 'postgres://database:5434/jobs')
    .replace('  db:\n    image', '  database:\n    image');
  assert.equal(changed, expected);
  // Each host is listed once, however many services take it.
  const uses = references(fx.at(1), false).map((l) => `${l.range.start.line}:${l.range.start.character}`);
  assert.deepEqual(uses.sort(), ['1:27', '5:13', '7:23', '11:17', '19:22'].sort());
  assert.deepEqual(documentHighlights(fx.at(1)).map((h) => `${h.range.start.line}:${h.range.start.character}`).sort(), ['1:27', '5:13', '7:23', '11:17', '19:22', '22:2'].sort());
});

test('from a host written where an anchor is, in a value services take: definition finds the service, rename renames it; a value no service takes is no address', (t) => {
  const fx = fixture(t, `x-env: &env
  DATABASE_URL: postgres://d$1b:5432/app
x-unused: &unused
  DATABASE_URL: postgres://d$2b:5432/app
x-list: &list
  - REPLICA=postgres://d$3b:5433/app
services:
  web:
    environment: *env
  cron:
    environment: *list
  db:
    image: postgres
`);
  const places = (list: { range: { start: { line: number; character: number } } }[]) => list.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort();
  assert.deepEqual(places(definition(fx.at(1))), ['11:2']);
  assert.deepEqual(places(definition(fx.at(3))), ['11:2']);
  assert.equal(prepareRename(fx.at(1))?.placeholder, 'db');
  const renamed = fx.apply(rename(fx.at(3), 'database')!)['compose.yaml'];
  assert.equal(renamed, fx.text('compose.yaml').replace('postgres://db:5432', 'postgres://database:5432').replace('REPLICA=postgres://db', 'REPLICA=postgres://database').replace('  db:\n', '  database:\n'));
  assert.deepEqual(definition(fx.at(2)), [], 'no service takes x-unused');
});

test('an edit of the anchor a service takes its environment from is seen by the next references, in the blocks the edit left alone', (t) => {
  const fx = fixture(t, 'x-env: &env\n  DATABASE_URL: postgres://db:5432/app\nservices:\n  web:\n    environment: *env\n    depends_on: [$1db]\n  db:\n    image: postgres\n');
  const uses = () => references(fx.at(1), false).map((l) => `${l.range.start.line}:${l.range.start.character}`).sort();
  assert.deepEqual(uses(), ['1:27', '5:17']);
  // Of the same length, so the place asked at stays where it was.
  fx.open('compose.yaml', fx.text('compose.yaml').replace('postgres://db:5432', 'postgres://xy:5432'));
  assert.deepEqual(uses(), ['5:17'], 'the host is another now');
  fx.open('compose.yaml', fx.text('compose.yaml').replace('postgres://xy:5432', 'postgres://db:5432'));
  assert.deepEqual(uses(), ['1:27', '5:17']);
});

test('names an x- template writes for the services that merge it are the same names: rename, references and definition reach them, from either side', (t) => {
  const fx = fixture(t, `x-common: &common
  volumes:
    - $2data:/data
  depends_on: [$3db]
  networks: [back]
  secrets:
    - source: token
x-templates:
  worker: &worker
    networks: [back]
  notes:
    volumes: [data:/not-a-template]
services:
  web:
    <<: *common
    image: x
  jobs:
    <<: *worker
    image: x
  db:
    image: y
    networks: [back]
volumes:
  $1data: {}
networks:
  back: {}
secrets:
  token:
    file: ./token.txt
`);
  const renamed = fx.apply(rename(fx.at(1), 'store')!)['compose.yaml'];
  // The template's entry and the definition; not a mapping under x-templates that no anchor marks as one a merge brings.
  assert.equal(renamed, fx.text('compose.yaml').replace('- data:/data', '- store:/data').replace('  data: {}', '  store: {}'));
  assert.deepEqual(fx.apply(rename(fx.at(2), 'store')!)['compose.yaml'], renamed);
  assert.deepEqual(references(fx.at(2), true).map((l) => l.range.start.line).sort((a, b) => a - b), [2, 23]);
  assert.deepEqual(definition(fx.at(3)).map((l) => l.range.start.line), [19]);
  const network = fx.apply(rename(fx.at(3), 'database')!)['compose.yaml'];
  assert.equal(network, fx.text('compose.yaml').replace('[db]', '[database]').replace('  db:\n', '  database:\n'));
  // A network both templates and a service name: every place, the nested anchored template's too.
  const backAt = fx.text('compose.yaml').indexOf('  back: {}') + 2;
  const backs = references(fx.requestAt('compose.yaml', backAt), true).map((l) => l.range.start.line).sort((a, b) => a - b);
  assert.deepEqual(backs, [4, 9, 21, 25]);
});

test('names in an x- list a service entry takes whole through an alias (volumes: *vols) are the same names; a list anchored in a service is that service\'s own, listed once', (t) => {
  const fx = fixture(t, `x-vols: &vols
  - $2data:/data
  - ./conf:/conf
x-lists:
  deps: &deps [$3db]
  nets: &nets [back]
services:
  web:
    image: x
    volumes: *vols
    depends_on: *deps
    networks: *nets
  api:
    image: x
    volumes: *vols
    networks: &own [back]
  jobs:
    image: x
    networks: *own
  db:
    image: y
volumes:
  $1data: {}
networks:
  back: {}
`);
  const renamed = fx.apply(rename(fx.at(1), 'store')!)['compose.yaml'];
  assert.equal(renamed, fx.text('compose.yaml').replace('- data:/data', '- store:/data').replace('  data: {}', '  store: {}'));
  assert.deepEqual(fx.apply(rename(fx.at(2), 'store')!)['compose.yaml'], renamed);
  assert.deepEqual(references(fx.at(2), true).map((l) => l.range.start.line).sort((a, b) => a - b), [1, 22]);
  assert.deepEqual(definition(fx.at(3)).map((l) => l.range.start.line), [19]);
  const service = fx.apply(rename(fx.at(3), 'database')!)['compose.yaml'];
  assert.equal(service, fx.text('compose.yaml').replace('[db]', '[database]').replace('  db:\n', '  database:\n'));
  // The x- list and the one anchored in api (jobs takes api's: no second place for it).
  const backAt = fx.text('compose.yaml').indexOf('  back: {}') + 2;
  const backs = references(fx.requestAt('compose.yaml', backAt), true).map((l) => l.range.start.line).sort((a, b) => a - b);
  assert.deepEqual(backs, [5, 15, 24]);
  // A line added above: the blocks move, and so do the places read through the aliases.
  fx.open('compose.yaml', `name: app\n${fx.text('compose.yaml')}`);
  const movedAt = fx.text('compose.yaml').indexOf('  data: {}') + 2;
  assert.deepEqual(references(fx.requestAt('compose.yaml', movedAt), true).map((l) => [l.range.start.line, l.range.start.character]).sort((a, b) => a[0]! - b[0]!), [[2, 4], [23, 2]]);
});
