// Limits Compose or the engine refuses in combination (rules/resourceLimits.ts),
// and the ways a service joins another's namespace. Each verdict is also held
// to Compose 2.26 or the engine in test/docker/compose-verdicts.test.ts and engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

const service = (body: string) => `services:
  web:
    image: nginx
${body}`;

function found(t: Cleanup, source: string | Record<string, string>, code: string) {
  return fixture(t, source).diagnostics(code).map((d) => ({ line: d.range.start.line, severity: d.severity, message: String(d.message) }));
}

test('conflicting-limits: a limit written both ways with different values is refused; the same value written differently is not', (t) => {
  const refused = found(t, service(`    mem_limit: 64m
    cpus: 0.5
    pids_limit: 10
    mem_reservation: 32m
    deploy:
      resources:
        limits:
          memory: 128m
          cpus: '1'
          pids: 20
        reservations:
          memory: 16m
`), 'conflicting-limits');
  // Reported at the deploy keys, written after the top-level ones.
  assert.deepEqual(refused.map((d) => d.line).sort((a, b) => a - b), [10, 11, 12, 14]);
  assert.match(refused[0]!.message, /mem_limit \(64m\) and deploy\.resources\.limits\.memory \(128m\).*can't set distinct values/);
  assert.ok(refused.every((d) => d.severity === DiagnosticSeverity.Error));

  assert.deepEqual(found(t, service(`    mem_limit: 1g
    cpus: 0.5
    pids_limit: 10
    deploy:
      resources:
        limits:
          memory: 1024m
          cpus: '0.50'
          pids: 10
`), 'conflicting-limits'), []);
});

test('conflicting-limits: swap under the memory limit, a reservation over it, and swap with no limit are refused; 0, -1 and equal are fine', (t) => {
  const lines = (body: string) => found(t, service(body), 'conflicting-limits').map((d) => d.line);
  assert.deepEqual(lines(`    mem_limit: 64m\n    memswap_limit: 32m\n`), [4]);
  assert.deepEqual(lines(`    memswap_limit: 32m\n    deploy: {resources: {limits: {memory: 64m}}}\n`), [3]);
  assert.deepEqual(lines(`    mem_limit: 64m\n    mem_reservation: 128m\n`), [4]);
  assert.deepEqual(lines(`    deploy: {resources: {limits: {memory: 64m}, reservations: {memory: 128m}}}\n`), [3]);
  assert.deepEqual(lines(`    memswap_limit: 128m\n`), [3]);
  for (const fine of ['64m', '-1', '0', '1g']) assert.deepEqual(lines(`    mem_limit: 64m\n    memswap_limit: ${fine}\n    mem_reservation: 64m\n`), [], fine);
  assert.deepEqual(lines(`    memswap_limit: 0\n`), []);
  assert.deepEqual(lines(`    mem_limit: \${LIMIT}\n    memswap_limit: 32m\n`), [], 'an interpolated limit is not judged');
});

test('conflicting-limits: swap with no limit is a warning where another file may set the limit, and not judged in a service that extends another', (t) => {
  const body = `services:
  base:
    image: nginx
    mem_limit: 1g
  web:
    extends: base
    memswap_limit: 2g
  other:
    image: nginx
    memswap_limit: 2g
`;
  const main = found(t, { 'compose.yaml': body }, 'conflicting-limits');
  assert.deepEqual(main.map((d) => [d.line, d.severity]), [[9, DiagnosticSeverity.Error]]);
  assert.match(main[0]!.message, /needs a memory limit/);
  const variant = found(t, { 'compose.prod.yaml': body }, 'conflicting-limits');
  assert.deepEqual(variant.map((d) => [d.line, d.severity]), [[9, DiagnosticSeverity.Warning]]);
});

test('conflicting-limits: scale and deploy.replicas with different numbers are refused; equal ones are not', (t) => {
  const refused = found(t, service('    scale: 2\n    deploy:\n      replicas: 3\n  api:\n    image: nginx\n    scale: 3\n    deploy:\n      replicas: 3\n'), 'conflicting-limits');
  assert.deepEqual(refused.map((d) => [d.line, d.severity]), [[5, DiagnosticSeverity.Error]]);
  assert.match(refused[0]!.message, /^scale \(2\) and deploy\.replicas \(3\) set different numbers of containers: Compose refuses the file \("can't set distinct values"\)/);
});

test('conflicting-limits: cpus (either key) beside cpu_period or cpu_quota is refused; 0 and a quota of -1 leave either unset', (t) => {
  const refused = found(t, service(`    cpus: 0.5
    cpu_period: 100000
    cpu_quota: 50000
  api:
    image: nginx
    cpu_quota: 50000
    deploy:
      resources:
        limits:
          cpus: '1.5'
`), 'conflicting-limits');
  assert.deepEqual(refused.map((d) => [d.line, d.severity]).sort((a, b) => a[0]! - b[0]!), [[4, DiagnosticSeverity.Error], [5, DiagnosticSeverity.Error], [12, DiagnosticSeverity.Error]]);
  assert.match(refused.find((d) => d.line === 4)!.message, /^cpus \(0\.5\) and cpu_period \(100000\) both limit .*"Conflicting options: Nano CPUs and CPU Period cannot both be set"/);
  assert.match(refused.find((d) => d.line === 12)!.message, /^deploy\.resources\.limits\.cpus \(1\.5\) and cpu_quota \(50000\).*CPU Quota/);
  assert.deepEqual(found(t, service('    cpus: 0\n    cpu_period: 100000\n    cpu_quota: 50000\n  api:\n    image: nginx\n    cpus: 2\n    cpu_quota: -1\n    cpu_period: 0\n  db:\n    image: nginx\n    cpus: ${CPUS}\n    cpu_period: 100000\n'), 'conflicting-limits'), []);
});

test('conflicting-limits: a ulimit whose soft value is over its hard one (-1 is unlimited)', (t) => {
  const refused = found(t, service(`    ulimits:
      nofile:
        soft: 20
        hard: 10
      core:
        soft: -1
        hard: 10
      nproc:
        soft: 10
        hard: -1
      stack:
        soft: 10
        hard: 10
`), 'conflicting-limits');
  assert.deepEqual(refused.map((d) => d.line), [5, 8]);
  assert.match(String(refused[1]!.message), /soft limit of core \(-1, unlimited\) is above its hard limit \(10\)/);
});

test('unknown-ulimit: a name the runtime does not know is refused with the closest one; any case of a known name is fine', (t) => {
  const fx = fixture(t, service(`    ulimits:
      nofle: 10
      NOFILE: 1024
      as: -1
      x-note: 1
`));
  const list = fx.diagnostics('unknown-ulimit');
  assert.deepEqual(list.map((d) => d.range.start.line), [4]);
  assert.match(String(list[0]!.message), /'nofle' is not a limit.*RLIMIT_NOFLE.*Did you mean 'nofile'\?/);
  assert.deepEqual(fx.diagnostics('invalid-name'), [], 'NOFILE loads: the schema\'s name pattern is not exclusive');
  const actions = fx.service.codeActions(fx.uri(fx.files[0]!), list[0]!.range, list);
  assert.equal(actions[0]?.title, "Change 'nofle' to 'nofile'");
  // A build's ulimits go to the builder: not judged here.
  assert.deepEqual(found(t, `services:
  web:
    build:
      context: .
      ulimits:
        nofle: 10
`, 'unknown-ulimit'), []);
});

test('invalid-format: service: or container: with no name, in network_mode, pid and ipc', (t) => {
  const list = found(t, `services:
  a:
    image: nginx
    network_mode: "service:"
  b:
    image: nginx
    pid: "container:"
  c:
    image: nginx
    network_mode: "container:other"
    pid: host
`, 'invalid-format');
  assert.deepEqual(list.map((d) => d.line), [3, 6]);
  assert.match(list[0]!.message, /'service:' names no service: Compose refuses the file/);
  assert.match(list[1]!.message, /'container:' names no container: the engine refuses it/);
});
