import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { fixture, insertText, labels } from '../../support/fixture';

/** Only the names (a list entry also offers the long form's keys). */
const names = (items: CompletionItem[]) => labels(items.filter((i) => i.kind === CompletionItemKind.Reference));

const f = fixture(after, {
  'common.yaml': 'services:\n  base:\n    image: alpine\n  worker-base:\n    image: alpine\n',
  '.env': 'TAG=15\nPORT=8001\n',
}, { env: { HOME_DIR: '/home/me' } });

const services = '  db:\n    image: postgres\n  cache:\n    image: redis\n  api:\n    image: node\n';

test('depends_on list: other services, not itself, not the ones listed', () => {
  const got = labels(f.completion(`services:\n  web:\n    depends_on:\n      - db\n      - $0\n${services}`));
  assert.deepEqual(got.sort(), ['api', 'cache']);
});

test('depends_on mapping form: names as keys with a condition snippet', () => {
  const items = f.completion(`services:\n  web:\n    depends_on:\n      db:\n        condition: service_started\n      $0\n${services}`);
  assert.deepEqual(labels(items).sort(), ['api', 'cache']);
  assert.match(insertText(items, 'cache')!, /^cache:\n  condition: \$\{1\|service_started,/);
});

test('depends_on in flow form', () => {
  assert.deepEqual(labels(f.completion(`services:\n  web:\n    depends_on: [db, $0]\n${services}`)).sort(), ['api', 'cache']);
});

test('links and volumes_from name services', () => {
  assert.ok(labels(f.completion(`services:\n  web:\n    links:\n      - $0\n${services}`)).includes('db'));
  assert.ok(labels(f.completion(`services:\n  web:\n    volumes_from:\n      - $0\n${services}`)).includes('cache'));
});

test('extends.service from this file, and from extends.file', () => {
  const local = labels(f.completion(`services:\n  web:\n    extends:\n      service: $0\n${services}`));
  assert.deepEqual(local.sort(), ['api', 'cache', 'db']);
  const other = labels(f.completion(`services:\n  web:\n    extends:\n      file: common.yaml\n      service: $0\n${services}`));
  assert.deepEqual(other.sort(), ['base', 'worker-base']);
});

test('networks of a service, list and mapping form', () => {
  const doc = (body: string) => `services:\n  web:\n    networks:\n${body}\nnetworks:\n  front: {}\n  back: {}\n`;
  assert.deepEqual(labels(f.completion(doc('      - front\n      - $0'))).sort(), ['back', 'default']);
  assert.deepEqual(labels(f.completion(doc('      front:\n      $0'))).sort(), ['back', 'default']);
});

test('named volumes: short syntax source and long source', () => {
  const tail = 'volumes:\n  dbdata: {}\n  logs: {}\n';
  const short = f.completion(`services:\n  web:\n    volumes:\n      - $0\n${tail}`);
  assert.deepEqual(names(short).sort(), ['dbdata', 'logs']);
  assert.equal(insertText(short, 'dbdata'), 'dbdata:${1:/data}');
  // Before the colon only that part is replaced.
  const before = f.completion(`services:\n  web:\n    volumes:\n      - "db$0x:/var/lib/data"\n${tail}`);
  const edit = before.find((i) => i.label === 'dbdata')!.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.newText, 'dbdata');
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [9, 12]);
  // After the colon the target path is typed: no names.
  assert.deepEqual(f.completion(`services:\n  web:\n    volumes:\n      - "dbdata:/v$0"\n${tail}`), []);
  assert.deepEqual(labels(f.completion(`services:\n  web:\n    volumes:\n      - type: volume\n        source: $0\n${tail}`)).sort(), ['dbdata', 'logs']);
  assert.deepEqual(f.completion(`services:\n  web:\n    volumes:\n      - type: bind\n        source: $0\n${tail}`), []);
});

test('secrets and configs, short and long', () => {
  const tail = 'secrets:\n  token:\n    file: ./token.txt\nconfigs:\n  nginx_conf:\n    file: ./nginx.conf\n';
  assert.deepEqual(names(f.completion(`services:\n  web:\n    secrets:\n      - $0\n${tail}`)), ['token']);
  assert.deepEqual(labels(f.completion(`services:\n  web:\n    configs:\n      - source: $0\n${tail}`)), ['nginx_conf']);
});

test('${ completes the variables of .env; the editor\'s own environment only behind the setting', () => {
  const items = f.completion('services:\n  web:\n    image: "postgres:${$0"\n');
  assert.deepEqual(labels(items), ['TAG', 'PORT']);
  f.service.configureVariables({ processEnvironment: true, showSecretValues: false });
  try {
    assert.deepEqual(labels(f.completion('services:\n  web:\n    image: "postgres:${$0"\n')), ['TAG', 'PORT', 'HOME_DIR']);
  } finally {
    f.service.configureVariables({ processEnvironment: false, showSecretValues: false });
  }
  assert.equal(insertText(items, 'TAG'), 'TAG}');
  assert.match(items[0].detail!, /\.env, line 1: 15/);
  const typed = f.completion('services:\n  web:\n    ports: ["${PO$0}:80"]\n');
  assert.deepEqual(labels(typed), ['PORT']);
  assert.equal(insertText(typed, 'PORT'), 'PORT');
});

test('a thousand services: the reply is cut at 200 and marked incomplete; typing narrows it', () => {
  const many = Array.from({ length: 1000 }, (_, i) => `  svc${i}-app:\n    image: x\n`).join('');
  const { uri, position } = f.edit(`services:\n  web:\n    depends_on:\n      - $0\n${many}`);
  const list = f.service.completion(uri, position);
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items.length, 200);
  const narrowed = f.completion(`services:\n  web:\n    depends_on:\n      - svc99$0\n${many}`);
  assert.ok(labels(narrowed).includes('svc99-app') && labels(narrowed).includes('svc999-app'));
  assert.ok(!labels(narrowed).includes('svc12-app'), 'svc12 does not match svc99');
  assert.ok(narrowed.length < 200);
  // A name typed in full closes the list (Enter then makes a new line).
  assert.deepEqual(f.completion(`services:\n  web:\n    depends_on:\n      - svc99-app$0\n${many}`), []);
});

test('the entry being typed does not exclude itself', () => {
  assert.ok(labels(f.completion(`services:\n  web:\n    depends_on:\n      - d$0b\n${services}`)).includes('db'));
});

test('under services: of an override, the services the main file defines and this one does not yet come first; not in a file of its own, nor those of an included file', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'include:\n  - ./db/compose.yaml\nservices:\n  api:\n    image: node\n  web:\n    image: nginx\n',
    'db/compose.yaml': 'services:\n  postgres:\n    image: postgres\n',
    'compose.override.yaml': '',
    'tools.yaml': '',
  });
  const got = fx.completion('services:\n  web:\n    ports: ["8080:80"]\n  $0', 'compose.override.yaml');
  assert.deepEqual(got.slice(0, 1).map((i) => [i.label, i.detail, insertText([i], 'api')]), [['api', 'service in compose.yaml', 'api:']]);
  assert.ok(!got.some((i) => i.label === 'web'), 'already in this file');
  assert.ok(!got.some((i) => i.label === 'postgres' && i.kind === CompletionItemKind.Reference), 'the included file\'s service: Compose refuses it defined again');
  assert.deepEqual(labels(fx.completion('services:\n  a$0', 'compose.override.yaml')), ['api']);
  // A file Compose does not merge with the main one (no override name): only the service templates.
  assert.ok(!fx.completion('services:\n  $0', 'tools.yaml').some((i) => i.kind === CompletionItemKind.Reference));
});
