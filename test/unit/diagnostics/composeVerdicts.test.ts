// What Compose and the engine make of values, as Dockhand judges them: plain
// scalars read as Compose's YAML parser reads them (numbers, YAML 1.1 words,
// dates), the casts Compose makes, and the values Compose loads but the
// engine refuses when it creates or starts a container. Each verdict here is
// also held to Compose 2.26 or the engine in test/docker/compose-verdicts.test.ts and engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('invalid-format: a plain number as the parser of Compose reads it (0x10, 1_000, 1.5e0) is judged as that number; quoted, it is text', (t) => {
  const fine = fixture(t, `services:
  web:
    image: nginx
    mem_limit: 8_000_000
    cpus: 1.5e0
    ports:
      - 0x1F90
      - 8_080
    ulimits:
      nofile: 0x10
`);
  assert.deepEqual(fine.diagnostics('invalid-format'), []);
  const refused = fixture(t, `services:
  web:
    image: nginx
    ports:
      - '0x1F90'
      - 1e3
    ulimits:
      nofile: 1e2
`);
  assert.deepEqual(refused.diagnostics('invalid-format').map((d) => d.range.start.line), [4, 5, 7]);
});

test('boolean-word: YAML 1.1 words for a boolean Compose casts are warnings, quoted or interpolated too; true, True and words elsewhere are not', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    privileged: yes
    tty: Off
    stdin_open: "Y"
    init: True
    read_only: \${RO:-no}
    environment:
      DEBUG: yes
`);
  const list = fx.diagnostics('boolean-word');
  assert.deepEqual(list.map((d) => d.range.start.line), [3, 4, 5, 7]);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Warning));
  assert.match(String(list[1]!.message), /"Off" for false .* write false/);
  assert.match(String(list[3]!.message), /\$\{RO:-no\} gives it here/);
  assert.deepEqual(fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('wrong-type: a plain number the parser of Compose reads beyond YAML 1.2 (scale: 1_0) is that number; a float where a whole number goes stays an error', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    scale: 1_0
  db:
    image: nginx
    scale: 1.5e0
`);
  assert.deepEqual(fx.diagnostics('wrong-type').map((d) => d.range.start.line), [6]);
});

test('reformatted-value: a plain value Compose reads as a number, boolean or date where it keeps text, and passes on changed, is a warning with what it passes on', (t) => {
  // The build's context holds a Dockerfile: the file has no error of its own.
  const fx = fixture(t, { 'compose.yaml': `services:
  web:
    image: nginx
    environment:
      PYTHON_VERSION: 3.10
      ZIP: 01234
      DEBUG: True
      SINCE: 2024-01-02
      PORT: 8080
      RATIO: 1.5
      ON: true
      QUOTED: "3.10"
      WORD: yes
      EMPTY:
    labels:
      - "release=1.10"
    build:
      context: .
      args:
        NODE: 20.10
    logging:
      options:
        max-file: 010
x-versions: &versions
  TAG: 1.0
volumes:
  data:
    driver_opts:
      size: 1_000
    labels: *versions
`, Dockerfile: 'FROM node:20\n' });
  const list = fx.diagnostics('reformatted-value');
  assert.deepEqual(list.map((d) => d.range.start.line), [4, 5, 6, 7, 19, 22, 28, 29]);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Warning));
  const text = list.map((d) => String(d.message));
  assert.match(text[0]!, /^services\.web\.environment\.PYTHON_VERSION: Compose reads 3\.10 as a number and passes on "3\.1"/);
  assert.match(text[1]!, /01234 as a number and passes on "668"/);
  assert.match(text[2]!, /True as a boolean and passes on "true"/);
  assert.match(text[3]!, /2024-01-02 as a date and passes on "2024-01-02 00:00:00 \+0000 UTC"/);
  assert.match(text[7]!, /1\.0 as a number and passes on "1", not what is written \(in the value of alias \*versions\)/);
  // Quoted in place, not through the alias: the text there is the alias.
  assert.deepEqual(list.map((d) => (d.data as { replace?: unknown } | undefined)?.replace !== undefined), [true, true, true, true, true, true, true, false]);
  assert.deepEqual(fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('external: a string Compose cannot cast to a boolean is wrong-type; yes or "true" is on, so a secret needs no file', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    secrets: [token, key]
    networks: [front]
networks:
  front:
    external: "maybe"
secrets:
  token:
    external: yes
  key:
    external: "true"
`);
  assert.deepEqual(fx.diagnostics('wrong-type').map((d) => [d.range.start.line, String(d.message)]), [[7, 'networks.front.external must be true or false, not "maybe": Compose cannot convert it and refuses the file.']]);
  assert.deepEqual(fx.diagnostics('missing-required-key'), []);
  assert.deepEqual(fx.diagnostics('boolean-word').map((d) => d.range.start.line), [10]);
});

test('keys the engine checks when it creates or starts a container: each bad value is one error, the accepted forms none', (t) => {
  const bad = fixture(t, `services:
  web:
    image: nginx
    cap_add: [NOT_A_CAP]
    stop_signal: NOTASIG
    working_dir: app
    tmpfs: run
    security_opt: [bogus]
    mac_address: zz
    ipc: bogus
    isolation: bogus
    cpu_shares: -5
    networks:
      front:
        mac_address: "02:42"
networks:
  front: {}
`);
  const errors = bad.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [
    [3, 'invalid-format'], [4, 'invalid-format'], [5, 'invalid-format'], [6, 'invalid-format'], [7, 'invalid-format'],
    [8, 'invalid-format'], [9, 'invalid-format'], [10, 'invalid-value'], [11, 'out-of-range'], [14, 'invalid-format'],
  ]);
  const good = fixture(t, `services:
  web:
    image: nginx
    cap_add: [net_admin, CAP_SYS_PTRACE]
    cap_drop: [ALL]
    stop_signal: SIGRTMIN+3
    working_dir: /app
    tmpfs: ["/run:size=64m", /tmp]
    security_opt: ["no-new-privileges:true", "seccomp=unconfined"]
    mac_address: "02:42:ac:11:00:02"
    ipc: "service:db"
    isolation: default
    cpu_shares: 512
  db:
    image: postgres
    ipc: shareable
    stop_signal: ""
    mac_address: \${MAC:-}
    working_dir: \${WORKDIR}
  cache:
    image: redis
    working_dir: ""
`);
  assert.deepEqual(good.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('what Compose refuses or cannot run: negative retries, scale or replicas, a test word in another case, an empty label or variable name, swappiness over 100; label entries take any name', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
    healthcheck:
      test: ["cmd", "true"]
      retries: -1
    scale: -1
    deploy:
      replicas: -1
    mem_swappiness: 101
    labels:
      "": x
    environment:
      "": y
  db:
    image: postgres
    labels: ["=x", "a label=y"]
    environment: ["DEBUG = true"]
    mem_swappiness: -1
`);
  assert.deepEqual(fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => [d.range.start.line, d.code]), [
    [4, 'invalid-value'], [5, 'out-of-range'], [6, 'out-of-range'], [8, 'out-of-range'], [9, 'out-of-range'], [11, 'invalid-name'], [13, 'invalid-name'],
  ]);
  assert.match(String(fx.diagnostics('invalid-name')[0]!.message), /^an empty key is not a valid name in services\.web\.labels: Compose refuses it\.$/);
  assert.deepEqual(fx.diagnostics('invalid-format').map((d) => [d.range.start.line, d.severity]), [[17, DiagnosticSeverity.Warning]]);
});

test('CPU scheduling numbers the engine refuses: a period outside 1 ms to 1 s, a quota under 1 ms; 0 and -1 mean the default', (t) => {
  const fx = fixture(t, `services:
  a:
    image: nginx
    cpu_period: 100
    cpu_quota: 100
  b:
    image: nginx
    cpu_period: 0
    cpu_quota: -1
  c:
    image: nginx
    cpu_period: 100000
    cpu_quota: 50000
`);
  const found = fx.diagnostics('out-of-range');
  assert.deepEqual(found.map((d) => d.range.start.line), [3, 4]);
  assert.match(String(found[0]!.message), /cpu_period must be between 1000 and 1000000 \(or 0 for the default\), not 100\./);
});

test('an image reference the engine cannot read is an error: a name in capitals says the name in lower case (the tag kept as written); a path the engine cleans, tags in capitals and variables are not', (t) => {
  const fx = fixture(t, `services:
  a:
    image: Postgres:Alpine-16
  b:
    image: "redis "
  c:
    image: nginx@sha256:abc
  d:
    image: registry.example.com/team/app:Latest
  e:
    image: ghcr.io//org/app/
  f:
    image: \${REGISTRY}/App:1
`);
  const errors = fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [[2, 'invalid-format'], [4, 'invalid-format'], [6, 'invalid-format']]);
  assert.match(String(errors[0]!.message), /must be in lower case \("invalid reference format"\)\. Write postgres:Alpine-16$/);
  assert.match(String(errors[1]!.message), /contains a space or line break/);
  assert.match(String(errors[2]!.message), /is not an image reference \("invalid reference format"\)/);
});

test('a healthcheck timing under a millisecond, negative too, is an error that says the engine refuses it; 0 and 1ms are not', (t) => {
  const fx = fixture(t, `services:
  a:
    image: nginx
    healthcheck:
      test: ["CMD", "true"]
      interval: 500us
      timeout: -1s
      start_period: .5ms
      start_interval: 999999ns
  b:
    image: nginx
    healthcheck:
      test: ["CMD", "true"]
      interval: 1ms
      timeout: 0s
      start_period: "0"
      start_interval: 1m30s
`);
  const errors = fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [[5, 'invalid-format'], [6, 'invalid-format'], [7, 'invalid-format'], [8, 'invalid-format']]);
  assert.match(String(errors[0]!.message), /^500us is less than 1ms: the engine refuses the container \("\.\.\. in Healthcheck cannot be less than 1ms"\)/);
});

test('memory under the 6 MB the engine allows, a host name over 64 characters: errors that say the engine refuses them', (t) => {
  const fx = fixture(t, `services:
  a:
    image: nginx
    hostname: ${'a'.repeat(65)}
    mem_limit: 5m
    mem_reservation: 1k
    deploy:
      resources:
        limits:
          memory: 5M
  b:
    image: nginx
    hostname: ${'b'.repeat(64)}
    mem_limit: 6m
    mem_reservation: 0
`);
  const errors = fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [[3, 'invalid-format'], [4, 'invalid-format'], [5, 'invalid-format'], [9, 'invalid-format']]);
  assert.match(String(errors[0]!.message), /^this host name is 65 characters long: the kernel takes at most 64/);
  assert.match(String(errors[1]!.message), /^5m is less than the 6 MB the engine allows/);
});
