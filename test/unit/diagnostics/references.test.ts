import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('undefined-network: an error on the name, with what to declare as data', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    networks: [front, default]
networks:
  back: {}
`).diagnostics('undefined-network');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.deepEqual(list[0]!.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 20 } });
  assert.match(String(list[0]!.message), /Service "web" uses an undefined network "front"/);
  assert.deepEqual(list[0]!.data, { declare: { kind: 'network', name: 'front' } });
});

test('undefined-*: defined, external and implicit default names are fine', (t) => {
  const text = `services:
  web:
    image: nginx
    networks: [default, front]
    volumes: [data:/data, ./src:/src]
    secrets: [key]
    configs: [conf]
    depends_on: [db]
  db:
    image: postgres
networks:
  front: {external: true}
volumes:
  data:
secrets:
  key: {file: ./key.txt}
configs:
  conf: {external: true}
`;
  const list = fixture(t, text).diagnostics().filter((d) => String(d.code).startsWith('undefined-'));
  assert.deepEqual(list, []);
});

test('undefined-service / volume / secret / config, each with its code', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    depends_on: [dbb]
    volumes: [data:/data]
    secrets: [key]
    configs: [conf]
  db:
    image: postgres
`).diagnostics();
  assert.deepEqual(list.filter((d) => String(d.code).startsWith('undefined-')).map((d) => d.code), ['undefined-service', 'undefined-volume', 'undefined-secret', 'undefined-config']);
  assert.match(String(list.filter((d) => d.code === 'undefined-service')[0]!.message), /depends on undefined service "dbb".*Did you mean "db"/);
});

test('undefined-*: a name defined in the override file counts (the project spans files)', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    networks: [front]

#- compose.override.yaml
networks:
  front: {}
`).diagnostics();
  assert.deepEqual(list.filter((d) => d.code === 'undefined-network'), []);
});

test('undefined-*: in a file not named like a Compose file, only a warning (another -f file may define it)', (t) => {
  const list = fixture(t, `#- stack.yml
services:
  web:
    image: nginx
    networks: [front]
`).diagnostics('undefined-network');
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
});

test('undefined-service: depends_on with required: false still names a defined service (Compose refuses an undefined one), and the message says what required: false is for', (t) => {
  const list = fixture(t, `services:
  web:
    image: nginx
    depends_on:
      cache:
        condition: service_started
        required: false
`).diagnostics('undefined-service');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /depends on undefined service "cache"\. `required: false` lets Compose start without a service that a profile leaves out, not without one no file defines\./);
});

test('undefined-service: dependencies inherited through extends must exist here', (t) => {
  const base = `services:
  with_dep:
    image: foo
    depends_on: [zot]
  zot:
    image: z
`;
  const list = fixture(t, `services:
  bar:
    extends:
      file: base.yaml
      service: with_dep

#- base.yaml
${base}`).diagnostics('undefined-service');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /service "bar" depends on undefined service "zot"/);
  const ok = fixture(t, `services:
  bar:
    extends:
      file: base.yaml
      service: with_dep
  zot:
    image: z

#- base.yaml
${base}`).diagnostics();
  assert.deepEqual(ok.filter((d) => d.code === 'undefined-service'), []);
});
