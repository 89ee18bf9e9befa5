import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('port-conflict: two services publishing the same host port', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    ports: ["8080:80"]
  b:
    image: x
    ports:
      - target: 81
        published: 8080
`).diagnostics('port-conflict');
  assert.equal(list.length, 2);
  assert.match(String(list[0]!.message), /Host port 8080\/tcp is also published by service "b"/);
});

test('port-conflict through variables: read with the project\'s .env and defaults, a warning (the environment Compose runs in may override them), found again when .env changes', (t) => {
  const fx = fixture(t, {
    'compose.yaml': `services:
  api:
    image: x
    ports: ["\${API_PORT:-8080}:8080"]
  admin:
    image: x
    ports:
      - target: 80
        published: \${ADMIN_PORT:-8080}
  web:
    image: x
    ports: ["8080:80", "\${WEB_PORT:?set it}:81"]
  other:
    image: x
    ports:
      - host_ip: \${HOST_IP}
        published: 8080
        target: 80
`,
  });
  // HOST_IP is set by nothing and has no default: the shell Compose runs in may set it (unset-variable says so),
  // so the mapping is not read with an empty address; the findings below leave lines 14-16 alone.
  const found = () => fx.diagnostics('port-conflict').map((d) => [d.range.start.line, d.severity, d.data !== undefined]);
  // Each clash is a warning: every pair has one end written with a variable. The fix writes a free port where the
  // port stands: in the literal `8080:80`, or in the default that gives it.
  assert.deepEqual(found(), [
    [3, DiagnosticSeverity.Warning, true],
    [7, DiagnosticSeverity.Warning, true],
    [11, DiagnosticSeverity.Warning, true],
  ]);
  // The line the fix changes: the entry's own, or its `published:` (the line after, in the long form of line 7).
  const fixOf = (line: number) => {
    const d = fx.diagnostics('port-conflict').find((x) => x.range.start.line === line)!;
    const action = fx.service.codeActions(fx.uri('compose.yaml'), d.range, [d])[0]!;
    return { title: action.title, line: fx.apply(action.edit!)['compose.yaml']!.split('\n')[line + (line === 7 ? 1 : 0)] };
  };
  assert.deepEqual(fixOf(3), { title: 'Make 8081 the default of API_PORT instead (free in this project)', line: '    ports: ["${API_PORT:-8081}:8080"]' });
  assert.deepEqual(fixOf(7), { title: 'Make 8081 the default of ADMIN_PORT instead (free in this project)', line: '        published: ${ADMIN_PORT:-8081}' });
  assert.deepEqual(fixOf(11).line, '    ports: ["8081:80", "${WEB_PORT:?set it}:81"]');
  const api = fx.diagnostics('port-conflict')[0]!;
  assert.match(String(api.message), /^Host port 8080\/tcp is also published by service "\w+" \(`\$\{API_PORT:-8080\}:8080` (and `[^`]+` )?gives? 8080 with this project's .env and defaults, which the environment Compose runs in may override\)/);
  // A required variable unset (`:?`): Compose refuses the entry (unset-variable says so); no port is read from it.
  assert.deepEqual(fx.diagnostics('port-conflict').filter((d) => d.range.start.line === 11).map((d) => d.range.start.character), ['    ports: ['.length]);
  // .env gives each its own port: no clash, and the same findings as a server started afresh.
  fx.write('.env', 'API_PORT=9001\nADMIN_PORT=9002\n');
  fx.service.filesChanged();
  assert.deepEqual(found(), []);
  assert.deepEqual(fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'port-conflict'), []);
  // Two services on one value of .env: a clash again, found without an edit of the Compose file.
  fx.write('.env', 'API_PORT=9001\nADMIN_PORT=9001\n');
  fx.service.filesChanged();
  // The port comes from .env now: a new default would change nothing, so no fix is offered.
  assert.deepEqual(found(), [[3, DiagnosticSeverity.Warning, false], [7, DiagnosticSeverity.Warning, false]]);
  assert.match(String(fx.diagnostics('port-conflict')[0]!.message), /gives? 9001 with this project's .env/);
  const fresh = () => fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'port-conflict');
  assert.deepEqual(fresh().map((d) => d.message), fx.diagnostics('port-conflict').map((d) => d.message));
  // An edit with .env unchanged: the literal port moved onto the variables' value clashes with both, found as afresh.
  fx.open('compose.yaml', fx.text('compose.yaml').replace('"8080:80"', '"9001:80"'));
  assert.deepEqual(found(), [[3, DiagnosticSeverity.Warning, false], [7, DiagnosticSeverity.Warning, false], [11, DiagnosticSeverity.Warning, true]]);
  assert.deepEqual(fresh(), fx.diagnostics('port-conflict'));
});

test('port-conflict: other IPs, protocols or disjoint profiles are fine', (t) => {
  const text = `services:
  a:
    image: x
    ports: ["127.0.0.1:8080:80", "53:53/udp", "9000:9000"]
    profiles: [dev]
  b:
    image: x
    ports: ["127.0.0.2:8080:80", "53:53/tcp", "9000:9000"]
    profiles: [prod]
`;
  assert.deepEqual(fixture(t, text).diagnostics('port-conflict'), []);
});

test('port-conflict: one service publishing a host port twice for different mappings, on the later one; the same mapping twice is kept once by Compose', (t) => {
  const list = fixture(t, `services:
  web:
    image: x
    ports:
      - "8080:80"
      - "8080:81"
      - "9090:90"
      - "9090:90"
      - "127.0.0.1:7070:70"
      - "127.0.0.2:7070:71"
      - "6060:60"
      - "6060:60/udp"
`).diagnostics('port-conflict');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[5, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /Host port 8080\/tcp is already published by an earlier mapping of this service: .*Use another host port \(8081 is free in this project\)/);
  // The earlier mapping is the related place (a link in the editor), not a line in the message.
  assert.deepEqual(list[0]!.relatedInformation?.map((r) => [r.location.range.start.line, r.location.range.start.character, r.message]), [[4, 8, 'Host port 8080/tcp first published here']]);
  // A repeat of a mapping is dropped by Compose: the one kept is reported, not the repeat too.
  const repeated = fixture(t, 'services:\n  web:\n    image: x\n    ports: ["127.0.0.1:7070:70", "7070:71", "127.0.0.2:7070:70", "7070:71"]\n').diagnostics('port-conflict');
  assert.equal(repeated.length, 2, repeated.map((d) => d.message).join(' | '));
  // Across files: the base file's mapping comes first, the override's is the one reported.
  const merged = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: x\n    ports: ["8080:80"]\n', 'compose.override.yaml': 'services:\n  web:\n    ports: ["8080:81"]\n' });
  assert.deepEqual(merged.diagnostics('port-conflict', 'compose.yaml'), []);
  assert.deepEqual(merged.diagnostics('port-conflict', 'compose.override.yaml').map((d) => d.range.start.line), [2]);
});

test('container-name-conflict: two services set one container_name, unless profiles part them or a later file renames one', (t) => {
  const both = `services:
  a:
    image: x
    container_name: app
  b:
    image: x
    container_name: app
  c:
    image: x
    container_name: other
`;
  const list = fixture(t, both).diagnostics('container-name-conflict');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[3, DiagnosticSeverity.Error], [6, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /^Service "b" sets the same container_name "app"/);
  // Each points at the other's container_name.
  assert.deepEqual(list.map((d) => d.relatedInformation?.map((r) => [r.location.range.start.line, r.location.range.start.character])), [[[6, 20]], [[3, 20]]]);
  const parted = both.replace('    container_name: app\n  b:', '    container_name: app\n    profiles: [dev]\n  b:').replace('    image: x\n    container_name: app\n  c:', '    image: x\n    profiles: [prod]\n    container_name: app\n  c:');
  assert.deepEqual(fixture(t, parted).diagnostics('container-name-conflict'), []);
  const renamed = fixture(t, { 'compose.yaml': both, 'compose.override.yaml': 'services:\n  b:\n    container_name: app-b\n' });
  assert.deepEqual(renamed.diagnostics('container-name-conflict'), []);
  const clashing = fixture(t, { 'compose.yaml': both.replace('    container_name: other\n', ''), 'compose.override.yaml': 'services:\n  b:\n    container_name: app-b\n  c:\n    container_name: app\n' });
  assert.deepEqual(clashing.diagnostics('container-name-conflict').map((d) => d.range.start.line), [3]);
});

test('no-healthcheck: waiting for a service to be healthy that has no healthcheck is a warning (the image may have one), one turned off an error', (t) => {
  const waits = (target: string, extra = '') => `services:
  web:
    image: x
    depends_on:
      db:
        condition: service_healthy
${extra}  db:
    image: postgres
${target}`;
  const none = fixture(t, waits(''));
  const [warning] = none.diagnostics('no-healthcheck');
  assert.equal(warning?.severity, DiagnosticSeverity.Warning);
  assert.equal(warning?.range.start.line, 5);
  assert.match(String(warning?.message), /Service "db" has no healthcheck here: unless its image defines one/);
  const actions = none.service.codeActions(none.uri('compose.yaml'), warning!.range, [warning!]);
  assert.equal(actions[0]?.title, "Change 'service_healthy' to 'service_started'");
  for (const off of ['    healthcheck:\n      disable: true\n', '    healthcheck:\n      test: ["NONE"]\n']) {
    assert.deepEqual(fixture(t, waits(off)).diagnostics('no-healthcheck').map((d) => d.severity), [DiagnosticSeverity.Error], off);
  }
  assert.deepEqual(fixture(t, waits('    healthcheck:\n      test: ["CMD", "pg_isready"]\n')).diagnostics('no-healthcheck'), []);
  assert.deepEqual(fixture(t, waits('', '        required: false\n')).diagnostics('no-healthcheck'), [], 'required: false does not stop up');
  assert.deepEqual(fixture(t, waits('    extends: base\n  base:\n    image: postgres\n    healthcheck:\n      test: ["CMD", "true"]\n')).diagnostics('no-healthcheck'), [], 'extends may bring one');
  const merged = `x-health: &health
  healthcheck:
    test: ["CMD", "true"]
${waits('    <<: *health\n')}`;
  assert.deepEqual(fixture(t, merged).diagnostics('no-healthcheck'), [], 'a merge brings one');
});

test('container-name-replicas: container_name with several replicas', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    container_name: app
    deploy: {replicas: 3}
`).diagnostics('container-name-replicas');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.range.start.line, 3);
  assert.deepEqual(fixture(t, `services:
  a:
    image: x
    container_name: app
    scale: 1
`).diagnostics('container-name-replicas'), []);
});

test('host-port-replicas: a service run as several containers publishing a fixed host port, or too few of a range (a warning: a Swarm shares the port)', (t) => {
  const service = (ports: string, count = '    deploy:\n      replicas: 3\n') => `services:\n  web:\n    image: x\n${count}    ports:\n${ports}`;
  const fixed = fixture(t, service('      - "8080:80"\n')).diagnostics('host-port-replicas');
  assert.deepEqual(fixed.map((d) => [d.range.start.line, d.severity]), [[6, DiagnosticSeverity.Warning]]);
  assert.match(String(fixed[0]!.message), /runs 3 containers \(deploy\.replicas is 3\), and each publishes host port 8080\/tcp: .* starts the first and fails the others .*\(8080-8082.*docker stack deploy/);
  const narrow = fixture(t, service('      - "127.0.0.1:8080-8081:80"\n')).diagnostics('host-port-replicas');
  assert.match(String(narrow[0]!.message), /host ports 8080-8081\/tcp, 2 ports for 3 containers: .* fails 1 of them/);
  const long = fixture(t, service('      - target: 80\n        published: 8080\n', '    scale: 2\n')).diagnostics('host-port-replicas');
  assert.match(String(long[0]!.message), /runs 2 containers \(scale is 2\)/);
  const rangeToRange = fixture(t, service('      - "8080-8081:80-81"\n', '    scale: 2\n')).diagnostics('host-port-replicas');
  assert.match(String(rangeToRange[0]!.message), /a range mapped to a range binds every port in each container/);
  // The Swarm's routing mesh asked for in so many words: one published port for all replicas.
  assert.equal(fixture(t, service('      - target: 80\n        published: 8080\n        mode: host\n')).diagnostics('host-port-replicas').length, 1, 'mode: host');
  for (const fine of ['      - "8080-8082:80"\n', '      - "80"\n', '      - "${PORT}:80"\n', '      - target: 80\n', '      - target: 80\n        published: 8080\n        mode: ingress\n']) {
    assert.deepEqual(fixture(t, service(fine)).diagnostics('host-port-replicas'), [], fine);
  }
  assert.deepEqual(fixture(t, service('      - "8080:80"\n', '    deploy:\n      replicas: 1\n')).diagnostics('host-port-replicas'), [], 'one container');
  assert.deepEqual(fixture(t, service('      - "8080:80"\n', '')).diagnostics('host-port-replicas'), [], 'no count');
});

test('host-port-replicas and container-name-replicas read ports and counts written with variables as Compose reads them (.env, defaults); a variable nothing sets is not guessed', (t) => {
  const files = (body: string, env?: string) => ({ 'compose.yaml': `services:\n  web:\n    image: x\n${body}`, ...(env === undefined ? {} : { '.env': env }) });
  const byDefault = fixture(t, files('    deploy:\n      replicas: 2\n    ports:\n      - "${WEB_PORT:-8080}:80"\n')).diagnostics('host-port-replicas');
  assert.equal(byDefault.length, 1, 'a host port given by a default');
  assert.match(String(byDefault[0]!.message), /runs 2 containers \(deploy\.replicas is 2\), and each publishes host port 8080\/tcp/);
  const counted = fixture(t, files('    scale: ${WEB_SCALE}\n    ports: ["8080:80"]\n', 'WEB_SCALE=3\n')).diagnostics('host-port-replicas');
  assert.match(String(counted[0]?.message), /runs 3 containers \(scale is 3\)/, 'a count the .env gives');
  assert.deepEqual(fixture(t, files('    scale: ${WEB_SCALE:-3}\n    ports: ["8080:80"]\n', 'WEB_SCALE=1\n')).diagnostics('host-port-replicas'), [], 'the .env runs one container');
  assert.deepEqual(fixture(t, files('    scale: ${WEB_SCALE}\n    ports: ["8080:80"]\n')).diagnostics('host-port-replicas'), [], 'a count nothing sets');
  assert.deepEqual(fixture(t, files('    scale: 2\n    ports: ["${WEB_PORT}:80"]\n')).diagnostics('host-port-replicas'), [], 'a host port nothing sets: Compose then picks one per container');
  // Compose refuses a fixed name with a count its variables give ("can't set container_name and web as container name must be unique").
  const named = fixture(t, files('    container_name: web\n    deploy:\n      replicas: ${WEB_REPLICAS:-2}\n')).diagnostics('container-name-replicas');
  assert.deepEqual(named.map((d) => d.severity), [DiagnosticSeverity.Error]);
  assert.match(String(named[0]!.message), /runs 2 containers \(deploy\.replicas is 2\)/);
});

/** api reaches db by DATABASE_URL=`env`; db publishes its 5432 on the host's 8001. */
const TWO = (env: string) => `services:
  api:
    image: x
    environment:
      DATABASE_URL: ${env}
  db:
    image: postgres
    ports: ["8001:5432"]
`;

test('host-port-in-url: a URL using the host port of another service', (t) => {
  const list = fixture(t, TWO('postgres://user:pw@db:8001/app')).diagnostics('host-port-in-url');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.equal(list[0]!.message, 'Inside the network, db listens on 5432; 8001 is the port on the host (ports: "8001:5432"). Other containers must use db:5432.');
  assert.deepEqual(list[0]!.range, { start: { line: 4, character: 42 }, end: { line: 4, character: 46 } });
  assert.deepEqual(fixture(t, TWO('postgres://user:pw@db:5432/app')).diagnostics('host-port-in-url'), []);
  assert.equal(fixture(t, TWO('db:8001')).diagnostics('host-port-in-url').length, 1);
});

test('host-port-in-url through a host port written with a variable: read with the project\'s .env and defaults, found again when .env changes', (t) => {
  const fx = fixture(t, `services:
  api:
    image: x
    environment:
      DATABASE_URL: postgres://db:5433/app
  db:
    image: postgres
    ports:
      - "\${DB_PORT:-5433}:5432"
`);
  const messages = () => fx.diagnostics('host-port-in-url').map((d) => String(d.message));
  assert.deepEqual(messages(), ['Inside the network, db listens on 5432; 5433 is the port on the host (ports: "${DB_PORT:-5433}:5432", 5433:5432 with this project\'s .env and defaults). Other containers must use db:5432.']);
  // .env publishes it elsewhere: 5433 is no port of db's any more.
  fx.write('.env', 'DB_PORT=6000\n');
  fx.service.filesChanged();
  assert.deepEqual(messages(), []);
  assert.deepEqual(fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'host-port-in-url'), []);
  fx.write('.env', 'DB_PORT=5433\n');
  fx.service.filesChanged();
  assert.equal(messages().length, 1);
});

test('unknown-host: only a URL host close to a service name; other hosts are left alone', (t) => {
  const list = fixture(t, TWO('postgres://dbb:5432/app')).diagnostics('unknown-host');
  assert.match(String(list[0]!.message), /No service "dbb".*Did you mean "db"/);
  assert.deepEqual(fixture(t, TWO('https://api.example.com:443/x')).diagnostics('unknown-host'), []);
  assert.deepEqual(fixture(t, TWO('redis://cache:6379')).diagnostics('unknown-host'), []);
});

test('no-shared-network: a URL to a service on another network', (t) => {
  const text = `services:
  api:
    image: x
    networks: [front]
    environment:
      DB: db:5432
  db:
    image: postgres
    networks: [back]
networks:
  front: {}
  back: {}
`;
  const list = fixture(t, text).diagnostics('no-shared-network');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /"api" and "db" share no network/);
  assert.deepEqual(fixture(t, text.replace('networks: [back]', 'networks: [back, front]')).diagnostics('no-shared-network'), []);
});

test('no-shared-network: an empty networks list or mapping is the default network, as Compose reads it; a value that is neither (`networks:` just typed) tells nothing', (t) => {
  const text = (networks: string) => `services:
  api:
    image: x
    environment:
      DB: db:5432
  db:
    image: postgres
    networks:${networks}
`;
  for (const empty of [' []', ' {}', '', ' backend']) {
    assert.deepEqual(fixture(t, text(empty)).diagnostics('no-shared-network'), [], JSON.stringify(empty));
  }
  assert.equal(fixture(t, text(' [backend]')).diagnostics('no-shared-network').length, 1);
});

test('unset-variable: a warning with the variable as data; defaults, .env and the environment count', (t) => {
  const text = `services:
  a:
    image: "x:\${TAG}"
    environment:
      A: \${FROM_ENV}
      B: \${FROM_DOTENV}
      C: \${D:-x}
      E: $$NOT_A_VAR
`;
  const list = fixture(t, `${text}
#- .env
FROM_DOTENV=2
`, { env: { FROM_ENV: '1' } }).diagnostics('unset-variable');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(list[0]!.data, { variable: 'TAG' });
  assert.deepEqual(list[0]!.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 20 } });
});

test('invalid-interpolation: an unterminated ${', (t) => {
  const list = fixture(t, `services:
  a:
    image: "x:\${TAG"
`).diagnostics('invalid-interpolation');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('missing-env-file: a required env file that does not exist; optional ones are fine', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    env_file: [app.env, {path: opt.env, required: false}, there.env]

#- there.env
A=1
`).diagnostics('missing-env-file');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /env file app\.env not found/);
  // Compose refuses to load the project without it (`config` fails), not only to start the service.
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('missing-env-file and missing-label-file: looked for where Compose runs, an included file\'s from its include\'s project_directory', (t) => {
  // An included file with project_directory: . reads its paths from the including folder.
  const include = (entry: string) => fixture(t, {
    'compose.yaml': `include:\n  - ${entry}\nservices:\n  web:\n    image: nginx\n`,
    'db/compose.yaml': 'services:\n  db:\n    image: postgres\n    env_file: db.env\n    label_file: db.labels\n',
    'db/db.env': 'A=1\n',
    'db/db.labels': 'a=b\n',
  });
  const own = include('db/compose.yaml');
  assert.deepEqual([...own.diagnostics('missing-env-file', 'db/compose.yaml'), ...own.diagnostics('missing-label-file', 'db/compose.yaml')], [], 'its own folder by default');
  const there = include('{path: db/compose.yaml, project_directory: .}');
  assert.equal(there.diagnostics('missing-env-file', 'db/compose.yaml').length, 1, 'the including folder (measured on Compose 2.26.1)');
  assert.equal(there.diagnostics('missing-label-file', 'db/compose.yaml').length, 1);
  // The quick fix makes the file where Compose looks for it.
  assert.equal((there.diagnostics('missing-env-file', 'db/compose.yaml')[0]!.data as { file?: string }).file, there.path('db.env'));
});

test('env_file format: only `raw` is known; Compose refuses any other', (t) => {
  const withFormat = (format: string) =>
    fixture(t, `services:
  a:
    image: x
    env_file: [{path: there.env, format: ${format}}]

#- there.env
A=1
`).diagnostics('invalid-value');
  assert.deepEqual(withFormat('raw'), []);
  const list = withFormat('yaml');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
});

test('no-image-or-build: an error in a file Compose loads alone; merges, extends and overrides can provide the image', (t) => {
  const list = fixture(t, `services:
  a:
    environment: {A: 1}
  b:
    build: .
`).diagnostics('no-image-or-build');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /Service "a" has neither image nor build/);
  assert.deepEqual(list[0]!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } });
  const merged = `x-base: &base
  image: nginx
services:
  a:
    <<: *base
  b:
    extends: a
  c:
    extends: {file: base.yaml, service: web}
`;
  assert.deepEqual(fixture(t, `${merged}
#- base.yaml
services:
  web:
    image: nginx
`).diagnostics('no-image-or-build'), []);
  const fromBaseWithout = `services:
  c:
    extends: {file: base.yaml, service: web}
`;
  assert.equal(fixture(t, `${fromBaseWithout}
#- base.yaml
services:
  web:
    command: x
`).diagnostics('no-image-or-build').length, 1);
  assert.deepEqual(fixture(t, `services:
  a:
    command: x

#- compose.override.yaml
services:
  a:
    image: nginx
`).diagnostics('no-image-or-build'), []);
  // An override's empty image replaces the main file's (Compose merges in order and refuses the project): said
  // in the override, at the service; a build anywhere, or an image set after it, still runs.
  const cleared = (main: string, override: string) => fixture(t, `services:\n  a:\n${main}\n#- compose.override.yaml\nservices:\n  a:\n${override}`);
  const found = cleared('    image: nginx\n', '    image: ""\n');
  assert.deepEqual(found.diagnostics('no-image-or-build', 'compose.yaml'), []);
  const inOverride = found.diagnostics('no-image-or-build', 'compose.override.yaml');
  assert.deepEqual(inOverride.map((d) => `${d.severity} ${d.range.start.line}:${d.range.start.character}`), ['1 1:2']);
  assert.match(String(inOverride[0]!.message), /empty image, which replaces the image compose\.yaml names .* remove `image: ""` to keep compose\.yaml's/);
  assert.deepEqual(cleared('    image: nginx\n    build: .\n', '    image: ""\n').diagnostics('no-image-or-build', 'compose.override.yaml'), []);
  assert.deepEqual(cleared('    image: ""\n', '    image: nginx\n').diagnostics('no-image-or-build', 'compose.yaml'), []);
});

test('no-image-or-build: a warning in a file that may be one of several -f files', (t) => {
  const list = fixture(t, `#- extra.yaml
services:
  a:
    command: x
`).diagnostics('no-image-or-build');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Warning);
  assert.match(String(list[0]!.message), /may be combined with others/);
});

test('host-port-in-url: in the list form of environment, after KEY=', (t) => {
  const text = `services:
  api:
    image: x
    environment:
      - "DB=db:8001"
  db:
    image: postgres
    ports: ["8001:5432"]
`;
  const list = fixture(t, text).diagnostics('host-port-in-url');
  assert.equal(list.length, 1);
  assert.deepEqual(list[0]!.range, { start: { line: 4, character: 15 }, end: { line: 4, character: 19 } });
});

test('include-conflict: a service defined here and, differently, in an included file; the same definition is fine', (t) => {
  const list = fixture(t, `include: [other.yaml]
services:
  bar:
    image: busybox

#- other.yaml
services:
  bar:
    image: bar
`).diagnostics('include-conflict');
  assert.equal(list.length, 1);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /service "bar" is also defined, differently, in the included file other\.yaml/);
  assert.deepEqual(fixture(t, `include: [other.yaml]
services:
  bar:
    image: bar

#- other.yaml
services:
  bar:
    image: bar
`).diagnostics('include-conflict'), []);
  assert.equal(fixture(t, `include: [other.yaml]
services:
  a:
    image: x
networks:
  front: {}

#- other.yaml
include: [deeper.yaml]

#- deeper.yaml
networks:
  front: {driver: bridge}
`).diagnostics('include-conflict').length, 1);
});

test('include-conflict: a file with variables included twice with different env files', (t) => {
  // sub/svc.yaml reads SOURCE; other.yaml includes it again, without an env file.
  const included = `
#- sub/svc.yaml
services:
  imported:
    image: nginx
    container_name: \${SOURCE:-imported}

#- sub/extra.env
SOURCE=extra

#- other.yaml
include: [sub/svc.yaml]
`;
  const list = fixture(t, `include:
  - path: sub/svc.yaml
    env_file: sub/extra.env
  - path: other.yaml
services:
  a:
    image: x
${included}`).diagnostics('include-conflict');
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /sub\/svc\.yaml is included twice, with different env files/);
  const sameWay = `include:
  - path: sub/svc.yaml
  - path: other.yaml
services:
  a:
    image: x
${included}`;
  assert.deepEqual(fixture(t, sameWay).diagnostics('include-conflict'), []);
});

test('a Windows path in the short volume syntax is a bind mount, not a volume named after the drive', (t) => {
  for (const volume of ['C:\\data:/data', 'C:\\a:C:\\b', 'c:/data:/data:ro', '\\\\server\\share:/s']) {
    const list = fixture(t, `services:
  web:
    image: x
    volumes:
      - '${volume}'
`).diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error || String(d.code).startsWith('undefined-'));
    assert.deepEqual(list.map((d) => `${d.code}: ${d.message}`), [], volume);
  }
  // A named volume is still a name, and still checked.
  assert.equal(fixture(t, `services:
  web:
    image: x
    volumes: ["data:/data"]
`).diagnostics('undefined-volume').length, 1);
});

test('references that arrive through << merges: an undefined service, a dependency cycle, an optional one too', (t) => {
  const undefinedDep = fixture(t, `x-deps: &deps
  depends_on: [dbb]
services:
  web:
    <<: *deps
    image: x
  db:
    image: y
`).diagnostics('undefined-service');
  assert.equal(undefinedDep.length, 1);
  assert.match(String(undefinedDep[0]!.message), /Service "web" depends on undefined service "dbb"/);
  assert.deepEqual(undefinedDep[0]!.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } });
  const cycle = `x-a: &needs-b
  depends_on: [b]
services:
  a:
    <<: *needs-b
    image: x
  b:
    image: y
    depends_on: [a]
`;
  assert.ok(fixture(t, cycle).diagnostics('dependency-cycle').length > 0);
  const optional = `x-deps: &deps
  depends_on: {cache: {condition: service_started, required: false}}
services:
  web:
    <<: *deps
    image: x
`;
  // Optional or not, Compose refuses a dependency no file defines.
  assert.deepEqual(fixture(t, optional).diagnostics('undefined-service').map((d) => d.range.start.line), [4]);
});

test('references that arrive through << merges: volumes, secrets, configs, volumes_from and a service network mode are names Compose checks too', (t) => {
  // Compose 2.26.1: 'service "web" refers to undefined volume dta: invalid compose project', and so for each kind.
  const fx = fixture(t, `x-common: &common
  volumes:
    - dta:/data
    - ./src:/src
    - type: volume
      source: cache
      target: /cache
  secrets: [tokn]
  configs:
    - source: settings
  volumes_from: [helpr]
  network_mode: service:proxxy
services:
  web:
    <<: *common
    image: x
  helper:
    image: x
volumes:
  data: {}
secrets:
  token:
    file: ./token.txt
`);
  const found = fx.diagnostics().filter((d) => String(d.code).startsWith('undefined-'));
  assert.deepEqual(found.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort(), [
    'undefined-config 14:8',
    'undefined-service 14:8',
    'undefined-service 14:8',
    'undefined-volume 14:8',
    'undefined-volume 14:8',
    'undefined-secret 14:8',
  ].sort());
  // Each message names the merge that brings the name (the finding is at the alias).
  assert.ok(found.some((d) => /undefined volume "dta", merged from \*common\. Did you mean "data"\?/.test(String(d.message))));
  assert.ok(found.some((d) => /undefined volume "cache", merged from \*common/.test(String(d.message))));
  assert.ok(found.some((d) => /undefined secret "tokn", merged from \*common\. Did you mean "token"\?/.test(String(d.message))));
  assert.ok(found.some((d) => /undefined service "helpr" \(in volumes_from\), merged from \*common/.test(String(d.message))));
  assert.ok(found.some((d) => /undefined service "proxxy" \(in network_mode\), merged from \*common/.test(String(d.message))));
  // A service that writes the key itself takes nothing of it from the merge.
  const own = fixture(t, `x-common: &common
  volumes: [dta:/data]
services:
  web:
    <<: *common
    image: x
    volumes: [data:/data]
volumes:
  data: {}
`);
  assert.deepEqual(own.diagnostics('undefined-volume'), []);
});

test('what a << merge brings counts in the rules that compare services, shown at the merge: ports, container_name, profiles, bind mounts; no fix there, since the anchor is shared', (t) => {
  const fx = fixture(t, `x-web: &web
  ports: ["8080:80"]
  container_name: shop
  profiles: [debug]
  volumes:
    - ./conf/app.conf:/etc/app.conf:ro
services:
  a:
    <<: *web
    image: x
  b:
    image: x
    ports: ["8080:80"]
    container_name: shop
    profiles: [debug]
  c:
    image: x
    depends_on: [a]
`);
  const at = (code: string) => fx.diagnostics(code).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
  // a's findings stand on the alias (line 8, "*web"); b's on its own values.
  assert.deepEqual(at('port-conflict'), ['12:12-12:21', '8:8-8:12']);
  assert.deepEqual(at('container-name-conflict'), ['13:20-13:24', '8:8-8:12']);
  assert.deepEqual(at('disabled-dependency'), ['17:17-17:18']);
  assert.deepEqual(at('missing-bind-source'), ['8:8-8:12']);
  const onAlias = fx.diagnostics('port-conflict').find((d) => d.range.start.line === 8)!;
  assert.match(String(onAlias.message), /Host port 8080\/tcp is also published by service "b"/);
  assert.deepEqual(fx.service.codeActions(fx.uri('compose.yaml'), onAlias.range, [onAlias]).filter((a) => /Publish on host port/.test(a.title)), []);
  const nameOnAlias = fx.diagnostics('container-name-conflict').find((d) => d.range.start.line === 8)!;
  assert.deepEqual(fx.service.codeActions(fx.uri('compose.yaml'), nameOnAlias.range, [nameOnAlias]), []);
});

test('a service takes what a << merge brings for every rule that reads one service: each finding at the merge, none where a written key overrides it', (t) => {
  const merged = (entries: string, service = '', rest = '') => `x-p: &p\n${entries}services:\n  a:\n    <<: *p\n    image: x\n${service}${rest}`;
  const cases: [string, string, string][] = [
    // Compose refuses each of these ("can't set container_name and ... replicas", "mutually exclusive"); the engine refuses the others at up or build.
    ['container-name-replicas', '  container_name: one\n  deploy:\n    replicas: 2\n', ''],
    ['exclusive-keys', '  network_mode: host\n  networks: [back]\n', 'networks:\n  back: {}\n'],
    ['conflicting-limits', '  mem_limit: 100m\n  mem_reservation: 200m\n', ''],
    ['address-not-in-network', '  networks:\n    back:\n      ipv4_address: 10.99.0.5\n', 'networks:\n  back: {}\n'],
    ['network-mode-conflict', '  network_mode: host\n  ports: ["8080:80"]\n', ''],
    ['missing-build-context', '  build: ./not-there\n', ''],
  ];
  for (const [code, entries, rest] of cases) {
    const fx = fixture(t, merged(entries, '', rest));
    const lines = fx.diagnostics(code).map((d) => `${d.range.start.line}:${d.range.start.character}`);
    const alias = `${entries.split('\n').length + 2}:8`;
    assert.deepEqual(lines, [alias], `${code}: ${JSON.stringify(fx.diagnostics().map((d) => `${d.code} ${d.range.start.line}`))}`);
  }
  // Written in the service, the key replaces the merged one: nothing is left to refuse.
  assert.deepEqual(fixture(t, merged('  container_name: one\n  deploy:\n    replicas: 2\n', '    deploy:\n      replicas: 1\n')).diagnostics('container-name-replicas'), []);
  assert.deepEqual(fixture(t, merged('  mem_limit: 100m\n  mem_reservation: 200m\n', '    mem_reservation: 50m\n')).diagnostics('conflicting-limits'), []);
});

test('references that an entry takes whole through an alias (volumes: *mounts) are names Compose checks too, shown at the alias; hover counts the service among the volume\'s users', (t) => {
  // Compose 2.26.1: 'service "web" refers to undefined volume dta: invalid compose project'.
  const fx = fixture(t, `x-mounts: &mounts
  - dta:/data
  - ./src:/src
x-deps: &deps [helpr]
services:
  web:
    image: x
    volumes: *mounts
    depends_on: *deps
  helper:
    image: x
volumes:
  data: {}
`);
  const found = fx.diagnostics().filter((d) => String(d.code).startsWith('undefined-'));
  assert.deepEqual(found.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort(), ['undefined-service 8:16', 'undefined-volume 7:13']);
  const volume = found.find((d) => d.code === 'undefined-volume')!;
  // The message names the alias, and the place the name is written is linked: the alias's text is the anchor's name.
  assert.match(String(volume.message), /undefined volume "dta", in the value of alias \*mounts\. Did you mean "data"\?/);
  assert.deepEqual(volume.relatedInformation?.map((r) => `${r.location.range.start.line}:${r.location.range.start.character}-${r.location.range.end.character} ${r.message}`), ['1:4-7 "dta" is written here']);
  // The fix changes the name where it is written, not the alias.
  const fixes = fx.service.codeActions(fx.uri('compose.yaml'), volume.range, [volume]);
  const change = fixes.find((a) => /Change 'dta' to 'data'/.test(a.title));
  assert.deepEqual(change?.edit?.changes?.[fx.uri('compose.yaml')], [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } }, newText: 'data' }]);
  // Not once the text there is no longer the name the finding was made for.
  fx.open('compose.yaml', fx.text('compose.yaml').replace('dta:/data', 'dtb:/data'));
  assert.ok(!fx.service.codeActions(fx.uri('compose.yaml'), volume.range, [volume]).some((a) => /Change 'dta'/.test(a.title)));
  // Defined: nothing to say, and the volume's hover names the service that mounts it through the alias.
  const defined = fixture(t, `x-mounts: &mounts [data:/data]
services:
  web:
    image: x
    volumes: *mounts
volumes:
  data: {}
`);
  assert.deepEqual(defined.diagnostics().filter((d) => String(d.code).startsWith('undefined-')), []);
  const hover = defined.service.hover(defined.uri('compose.yaml'), { line: 6, character: 3 });
  assert.match(JSON.stringify(hover?.contents), /Used by: `web`/);
});

test('an entry that takes an anchor\'s value whole (ports: *ports) counts in the rules that compare services, shown at the alias, with no fix there; an unknown anchor stays as written', (t) => {
  const fx = fixture(t, `x-ports: &ports ["8080:80"]
x-name: &name shop
x-profiles: &profiles [debug]
x-mounts: &mounts
  - ./conf/app.conf:/etc/app.conf:ro
services:
  a:
    image: x
    ports: *ports
    container_name: *name
    profiles: *profiles
    volumes: *mounts
  b:
    image: x
    ports: *ports
    container_name: *name
  c:
    image: x
    depends_on: [a]
    ports: *nothing
`);
  const at = (code: string) => fx.diagnostics(code).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`).sort();
  assert.deepEqual(at('port-conflict'), ['14:11-17', '8:11-17']);
  assert.deepEqual(at('container-name-conflict'), ['15:20-25', '9:20-25']);
  assert.deepEqual(at('disabled-dependency'), ['18:17-18']);
  assert.deepEqual(at('missing-bind-source'), ['11:13-20']);
  assert.deepEqual(at('unknown-anchor'), ['19:11-19']);
  const onAlias = fx.diagnostics('port-conflict').find((d) => d.range.start.line === 8)!;
  assert.deepEqual(fx.service.codeActions(fx.uri('compose.yaml'), onAlias.range, [onAlias]).filter((a) => /Publish on host port/.test(a.title)), []);
  // Networks taken through an alias are the service's: a is on back only, so b (on default) cannot reach it by name.
  const nets = fixture(t, `x-nets: &nets [back]
services:
  a:
    image: x
    networks: *nets
  b:
    image: x
    environment:
      URL: http://a:80
networks:
  back: {}
`);
  assert.deepEqual(nets.diagnostics('no-shared-network').map((d) => d.range.start.line), [8]);
  assert.match(String(nets.diagnostics('no-shared-network')[0]?.message), /a: back/);
});

test('port-conflict: the free port named is the first above the clash that no mapping of that protocol publishes, for any protocol written', (t) => {
  const list = fixture(t, `services:
  a:
    image: x
    ports: ["8080:80", "8081:81", "8082:82/udp"]
  b:
    image: x
    ports:
      - "8080:90"
      - target: 91
        published: "7070"
        protocol: quic
  c:
    image: x
    ports:
      - target: 92
        published: "7070"
        protocol: quic
      - target: 93
        published: "7071"
        protocol: quic
`).diagnostics('port-conflict');
  const free = list.map((d) => /\((\d+) is free in this project\)/.exec(String(d.message))?.[1]);
  // tcp 8080 clashes: 8081 is taken by tcp, 8082 only by udp. "quic" 7070 clashes: 7071 is taken.
  assert.deepEqual(free.sort(), ['7072', '7072', '8082', '8082']);
});

test('host-port-in-url in an environment value services take from an anchor: once, where it is written, naming the takers, with the fix', (t) => {
  const fx = fixture(t, `x-env: &env
  DATABASE_URL: postgres://db:5433/app
  CACHE: redis://db:5432
services:
  db:
    image: postgres:16
    ports:
      - "5433:5432"
  api:
    image: x
    environment:
      <<: *env
      MODE: prod
  worker:
    image: x
    environment: *env
  plain:
    image: x
  inline:
    image: x
    environment: &own
      CACHE: redis://db:5433
  reuse:
    image: x
    environment: *own
`);
  const list = fx.diagnostics('host-port-in-url').sort((a, b) => a.range.start.line - b.range.start.line);
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character]), [[1, 30], [21, 24]]);
  assert.equal(String(list[0]!.message), 'Inside the network, db listens on 5432; 5433 is the port on the host (ports: "5433:5432"). Other containers must use db:5432. (Taken from here by services "api", "worker".)');
  // An anchor written in a service's own environment is judged there, once.
  assert.doesNotMatch(String(list[1]!.message), /Taken from here/);
  const action = fx.service.codeActions(fx.uri('compose.yaml'), list[0]!.range, [list[0]!]);
  assert.deepEqual(action.map((a) => a.title), ["Change '5433' to '5432'"]);
  // No service takes it: nothing said.
  const untaken = fixture(t, 'x-env: &env\n  DATABASE_URL: postgres://db:5433/app\nservices:\n  db:\n    image: postgres:16\n    ports: ["5433:5432"]\n  api:\n    image: x\n').diagnostics('host-port-in-url');
  assert.deepEqual(untaken, []);
});

test('container-name-conflict through a name written with variables: read with the project\'s .env and defaults, a warning, found again when .env changes; no literal name offered in its place', (t) => {
  const fx = fixture(t, `services:
  a:
    image: x
    container_name: \${A_NAME:-web}
  b:
    image: x
    container_name: web
  c:
    image: x
    container_name: \${C_NAME}
`, { env: {} });
  const found = () => fx.diagnostics('container-name-conflict').sort((x, y) => x.range.start.line - y.range.start.line);
  const list = found();
  assert.deepEqual(list.map((d) => [d.range.start.line, d.severity]), [[3, DiagnosticSeverity.Warning], [6, DiagnosticSeverity.Warning]]);
  assert.match(String(list[0]!.message), /^Service "b" sets the same container_name "web" \(\$\{A_NAME:-web\} gives "web" with this project's \.env and defaults, which the environment Compose runs in may override\)/);
  // The name with variables can be removed, not replaced by a literal; the literal one can be renamed.
  const titles = (d: (typeof list)[number]) => fx.service.codeActions(fx.uri('compose.yaml'), d.range, [d]).map((a) => a.title);
  assert.deepEqual(titles(list[0]!), ['Remove container_name from "a" (Compose names its container after the project and the service)']);
  assert.match(titles(list[1]!)[0] ?? '', /^Name this container "web-b"/);
  // .env names it apart: no clash; the same name again: the clash is back.
  fx.write('.env', 'A_NAME=web-a\n');
  fx.service.filesChanged();
  assert.deepEqual(found(), []);
  fx.write('.env', 'A_NAME=web\nC_NAME=web\n');
  fx.service.filesChanged();
  assert.deepEqual(found().map((d) => d.range.start.line), [3, 6, 9]);
  // Two literal names are still an error.
  assert.equal(fixture(t, 'services:\n  a:\n    image: x\n    container_name: web\n  b:\n    image: x\n    container_name: web\n').diagnostics('container-name-conflict')[0]!.severity, DiagnosticSeverity.Error);
  // So are two equal texts, whatever their variables give (or a variable nothing sets).
  for (const name of ['${FIXED_NAME}', '${NAME:-web}']) {
    const same = fixture(t, `services:\n  a:\n    image: x\n    container_name: ${name}\n  b:\n    image: x\n    container_name: ${name}\n`, { env: {} }).diagnostics('container-name-conflict');
    assert.deepEqual(same.map((d) => d.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error], name);
  }
});
