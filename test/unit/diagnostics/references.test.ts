import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diagnose, lines, only } from './helpers';

test('undefined-network: an error on the name, with what to declare as data', () => {
  const list = only(diagnose(lines('services:', '  web:', '    image: nginx', '    networks: [front, default]', 'networks:', '  back: {}')), 'undefined-network');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.deepEqual(list[0]!.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 20 } });
  assert.match(String(list[0]!.message), /Service "web" uses an undefined network "front"/);
  assert.deepEqual(list[0]!.data, { declare: { kind: 'network', name: 'front' } });
});

test('undefined-*: defined, external and implicit default names are fine', () => {
  const text = lines(
    'services:', '  web:', '    image: nginx', '    networks: [default, front]', '    volumes: [data:/data, ./src:/src]',
    '    secrets: [key]', '    configs: [conf]', '    depends_on: [db]', '  db:', '    image: postgres',
    'networks:', '  front: {external: true}', 'volumes:', '  data:', 'secrets:', '  key: {file: ./key.txt}', 'configs:', '  conf: {external: true}',
  );
  const list = diagnose(text).filter((d) => String(d.code).startsWith('undefined-'));
  assert.deepEqual(list, []);
});

test('undefined-service / volume / secret / config, each with its code', () => {
  const list = diagnose(lines('services:', '  web:', '    image: nginx', '    depends_on: [dbb]', '    volumes: [data:/data]', '    secrets: [key]', '    configs: [conf]', '  db:', '    image: postgres'));
  assert.deepEqual(list.filter((d) => String(d.code).startsWith('undefined-')).map((d) => d.code), ['undefined-service', 'undefined-volume', 'undefined-secret', 'undefined-config']);
  assert.match(String(only(list, 'undefined-service')[0]!.message), /depends on undefined service "dbb".*Did you mean "db"/);
});

test('undefined-*: a name defined in the override file counts (the project spans files)', () => {
  const list = diagnose(lines('services:', '  web:', '    image: nginx', '    networks: [front]'), { files: { 'compose.override.yaml': lines('networks:', '  front: {}') } });
  assert.deepEqual(only(list, 'undefined-network'), []);
});

test('undefined-*: in a file not named like a Compose file, only a warning (another -f file may define it)', () => {
  const list = only(diagnose(lines('services:', '  web:', '    image: nginx', '    networks: [front]'), { name: 'stack.yml' }), 'undefined-network');
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
});

test('undefined-service: depends_on with required: false is left alone', () => {
  const list = diagnose(lines('services:', '  web:', '    image: nginx', '    depends_on:', '      cache:', '        condition: service_started', '        required: false'));
  assert.deepEqual(only(list, 'undefined-service'), []);
});

test('undefined-service: dependencies inherited through extends must exist here', () => {
  const base = lines('services:', '  with_dep:', '    image: foo', '    depends_on: [zot]', '  zot:', '    image: z');
  const list = only(diagnose(lines('services:', '  bar:', '    extends:', '      file: base.yaml', '      service: with_dep'), { files: { 'base.yaml': base } }), 'undefined-service');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /service "bar" depends on undefined service "zot"/);
  const ok = diagnose(lines('services:', '  bar:', '    extends:', '      file: base.yaml', '      service: with_dep', '  zot:', '    image: z'), { files: { 'base.yaml': base } });
  assert.deepEqual(only(ok, 'undefined-service'), []);
});
