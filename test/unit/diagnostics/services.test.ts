import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diagnose, lines, only } from './helpers';

test('port-conflict: two services publishing the same host port', () => {
  const list = only(diagnose(lines('services:', '  a:', '    image: x', '    ports: ["8080:80"]', '  b:', '    image: x', '    ports:', '      - target: 81', '        published: 8080')), 'port-conflict');
  assert.equal(list.length, 2);
  assert.match(String(list[0]!.message), /Host port 8080\/tcp is also published by service "b"/);
});

test('port-conflict: other IPs, protocols or disjoint profiles are fine', () => {
  const text = lines(
    'services:', '  a:', '    image: x', '    ports: ["127.0.0.1:8080:80", "53:53/udp", "9000:9000"]',
    '    profiles: [dev]', '  b:', '    image: x', '    ports: ["127.0.0.2:8080:80", "53:53/tcp", "9000:9000"]', '    profiles: [prod]',
  );
  assert.deepEqual(only(diagnose(text), 'port-conflict'), []);
});

test('container-name-replicas: container_name with several replicas', () => {
  const list = only(diagnose(lines('services:', '  a:', '    image: x', '    container_name: app', '    deploy: {replicas: 3}')), 'container-name-replicas');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.range.start.line, 3);
  assert.deepEqual(only(diagnose(lines('services:', '  a:', '    image: x', '    container_name: app', '    scale: 1')), 'container-name-replicas'), []);
});

const TWO = (env: string, extra: string[] = []) => lines(
  'services:', '  api:', '    image: x', '    environment:', `      DATABASE_URL: ${env}`, ...extra,
  '  db:', '    image: postgres', '    ports: ["8001:5432"]',
);

test('host-port-in-url: a URL using the host port of another service', () => {
  const list = only(diagnose(TWO('postgres://user:pw@db:8001/app')), 'host-port-in-url');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.equal(list[0]!.message, 'Inside the network, db listens on 5432; 8001 is the port on the host (ports: "8001:5432"). Other containers must use db:5432.');
  assert.deepEqual(list[0]!.range, { start: { line: 4, character: 42 }, end: { line: 4, character: 46 } });
  assert.deepEqual(only(diagnose(TWO('postgres://user:pw@db:5432/app')), 'host-port-in-url'), []);
  assert.equal(only(diagnose(TWO('db:8001')), 'host-port-in-url').length, 1);
});

test('unknown-host: only a URL host close to a service name; other hosts are left alone', () => {
  const list = only(diagnose(TWO('postgres://dbb:5432/app')), 'unknown-host');
  assert.match(String(list[0]!.message), /No service "dbb".*Did you mean "db"/);
  assert.deepEqual(only(diagnose(TWO('https://api.example.com:443/x')), 'unknown-host'), []);
  assert.deepEqual(only(diagnose(TWO('redis://cache:6379')), 'unknown-host'), []);
});

test('no-shared-network: a URL to a service on another network', () => {
  const text = lines(
    'services:', '  api:', '    image: x', '    networks: [front]', '    environment:', '      DB: db:5432',
    '  db:', '    image: postgres', '    networks: [back]', 'networks:', '  front: {}', '  back: {}',
  );
  const list = only(diagnose(text), 'no-shared-network');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /"api" and "db" share no network/);
  assert.deepEqual(only(diagnose(text.replace('networks: [back]', 'networks: [back, front]')), 'no-shared-network'), []);
});

test('unset-variable: a warning with the variable as data; defaults, .env and the environment count', () => {
  const text = lines('services:', '  a:', '    image: "x:${TAG}"', '    environment:', '      A: ${FROM_ENV}', '      B: ${FROM_DOTENV}', '      C: ${D:-x}', '      E: $$NOT_A_VAR');
  const list = only(diagnose(text, { env: { FROM_ENV: '1' }, files: { '.env': 'FROM_DOTENV=2\n' } }), 'unset-variable');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(list[0]!.data, { variable: 'TAG' });
  assert.deepEqual(list[0]!.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 20 } });
});

test('invalid-interpolation: an unterminated ${', () => {
  const list = only(diagnose(lines('services:', '  a:', '    image: "x:${TAG"')), 'invalid-interpolation');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('missing-env-file: a required env file that does not exist; optional ones are fine', () => {
  const list = only(diagnose(lines('services:', '  a:', '    image: x', '    env_file: [app.env, {path: opt.env, required: false}, there.env]'), { files: { 'there.env': 'A=1\n' } }), 'missing-env-file');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /env file app\.env not found/);
  // Compose refuses to load the project without it (`config` fails), not only to start the service.
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('env_file format: only `raw` is known; Compose refuses any other', () => {
  const withFormat = (format: string) =>
    only(diagnose(lines('services:', '  a:', '    image: x', `    env_file: [{path: there.env, format: ${format}}]`), { files: { 'there.env': 'A=1\n' } }), 'invalid-value');
  assert.deepEqual(withFormat('raw'), []);
  const list = withFormat('yaml');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('no-image-or-build: an error in a file Compose loads alone; merges, extends and overrides can provide the image', () => {
  const list = only(diagnose(lines('services:', '  a:', '    environment: {A: 1}', '  b:', '    build: .')), 'no-image-or-build');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /Service "a" has neither image nor build/);
  assert.deepEqual(list[0]!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } });
  const merged = lines('x-base: &base', '  image: nginx', 'services:', '  a:', '    <<: *base', '  b:', '    extends: a', '  c:', '    extends: {file: base.yaml, service: web}');
  assert.deepEqual(only(diagnose(merged, { files: { 'base.yaml': lines('services:', '  web:', '    image: nginx') } }), 'no-image-or-build'), []);
  const fromBaseWithout = lines('services:', '  c:', '    extends: {file: base.yaml, service: web}');
  assert.equal(only(diagnose(fromBaseWithout, { files: { 'base.yaml': lines('services:', '  web:', '    command: x') } }), 'no-image-or-build').length, 1);
  const override = { 'compose.override.yaml': lines('services:', '  a:', '    image: nginx') };
  assert.deepEqual(only(diagnose(lines('services:', '  a:', '    command: x'), { files: override }), 'no-image-or-build'), []);
});

test('no-image-or-build: a warning in a file that may be one of several -f files', () => {
  const list = only(diagnose(lines('services:', '  a:', '    command: x'), { name: 'extra.yaml' }), 'no-image-or-build');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.match(String(list[0]!.message), /may be combined with others/);
});

test('host-port-in-url: in the list form of environment, after KEY=', () => {
  const text = lines('services:', '  api:', '    image: x', '    environment:', '      - "DB=db:8001"', '  db:', '    image: postgres', '    ports: ["8001:5432"]');
  const list = only(diagnose(text), 'host-port-in-url');
  assert.equal(list.length, 1);
  assert.deepEqual(list[0]!.range, { start: { line: 4, character: 15 }, end: { line: 4, character: 19 } });
});

test('include-conflict: a service defined here and, differently, in an included file; the same definition is fine', () => {
  const included = { 'other.yaml': lines('services:', '  bar:', '    image: bar') };
  const list = only(diagnose(lines('include: [other.yaml]', 'services:', '  bar:', '    image: busybox'), { files: included }), 'include-conflict');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /service "bar" is also defined, differently, in the included file other\.yaml/);
  assert.deepEqual(only(diagnose(lines('include: [other.yaml]', 'services:', '  bar:', '    image: bar'), { files: included }), 'include-conflict'), []);
  const nested = { 'other.yaml': lines('include: [deeper.yaml]'), 'deeper.yaml': lines('networks:', '  front: {driver: bridge}') };
  assert.equal(only(diagnose(lines('include: [other.yaml]', 'services:', '  a:', '    image: x', 'networks:', '  front: {}'), { files: nested }), 'include-conflict').length, 1);
});

test('include-conflict: a file with variables included twice with different env files', () => {
  const files = {
    'sub/svc.yaml': lines('services:', '  imported:', '    image: nginx', '    container_name: ${SOURCE:-imported}'),
    'sub/extra.env': 'SOURCE=extra\n',
    'other.yaml': lines('include: [sub/svc.yaml]'),
  };
  const twice = lines('include:', '  - path: sub/svc.yaml', '    env_file: sub/extra.env', '  - path: other.yaml', 'services:', '  a:', '    image: x');
  const list = only(diagnose(twice, { files }), 'include-conflict');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /sub\/svc\.yaml is included twice, with different env files/);
  const sameWay = lines('include:', '  - path: sub/svc.yaml', '  - path: other.yaml', 'services:', '  a:', '    image: x');
  assert.deepEqual(only(diagnose(sameWay, { files }), 'include-conflict'), []);
});

test('a Windows path in the short volume syntax is a bind mount, not a volume named after the drive', () => {
  for (const volume of ['C:\\data:/data', 'C:\\a:C:\\b', 'c:/data:/data:ro', '\\\\server\\share:/s']) {
    const list = diagnose(lines('services:', '  web:', '    image: x', '    volumes:', `      - '${volume}'`)).filter((d) => d.severity === DiagnosticSeverity.Error || String(d.code).startsWith('undefined-'));
    assert.deepEqual(list.map((d) => `${d.code}: ${d.message}`), [], volume);
  }
  // A named volume is still a name, and still checked.
  assert.equal(only(diagnose(lines('services:', '  web:', '    image: x', '    volumes: ["data:/data"]')), 'undefined-volume').length, 1);
});

test('references that arrive through << merges: an undefined service, a dependency cycle, optional ones quiet', () => {
  const undefinedDep = only(diagnose(lines('x-deps: &deps', '  depends_on: [dbb]', 'services:', '  web:', '    <<: *deps', '    image: x', '  db:', '    image: y')), 'undefined-service');
  assert.equal(undefinedDep.length, 1);
  assert.match(String(undefinedDep[0]!.message), /Service "web" depends on undefined service "dbb"/);
  assert.deepEqual(undefinedDep[0]!.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } });
  const cycle = lines('x-a: &needs-b', '  depends_on: [b]', 'services:', '  a:', '    <<: *needs-b', '    image: x', '  b:', '    image: y', '    depends_on: [a]');
  assert.ok(only(diagnose(cycle), 'dependency-cycle').length > 0);
  const optional = lines('x-deps: &deps', '  depends_on: {cache: {condition: service_started, required: false}}', 'services:', '  web:', '    <<: *deps', '    image: x');
  assert.deepEqual(only(diagnose(optional), 'undefined-service'), []);
});
