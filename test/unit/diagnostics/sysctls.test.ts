// host-sysctl (rules/sysctls.ts): kernel settings the engine's runtime refuses to give a container. The engine's
// own verdicts on the same settings are in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const service = (lines: string) => `services:\n  web:\n    image: x\n${lines}`;
const found = (t: Parameters<typeof fixture>[0], source: string) =>
  fixture(t, source).diagnostics('host-sysctl').map((d) => [d.range.start.line, d.range.start.character, d.severity, String(d.message)] as const);

test('host-sysctl: a setting of the host\'s kernel is an error at its name, in both forms, saying to set it on the host; the namespaced ones are not', (t) => {
  const list = found(t, service(`    sysctls:
      vm.max_map_count: 262144
      net.core.somaxconn: 1024
      fs.mqueue.msg_max: 10
      kernel.shmmax: 1
      kernel.sem: "250 32000 100 128"
      kernel.domainname: example.com
  api:
    image: x
    sysctls:
      - net.ipv4.ip_forward=1
      - fs.file-max=100000
      - \${NAME}=1
`));
  assert.deepEqual(list.map(([line, character, severity]) => [line, character, severity]), [[4, 6, DiagnosticSeverity.Error], [14, 8, DiagnosticSeverity.Error]]);
  // The list form is marked at the name, not its value.
  const [item] = fixture(t, service('    sysctls:\n      - fs.file-max=100000\n')).diagnostics('host-sysctl');
  assert.deepEqual([item!.range.start.character, item!.range.end.character], [8, 19]);
  assert.match(list[0]![3], /^vm\.max_map_count is a setting of the host's kernel.*\("sysctl vm\.max_map_count is not in a separate kernel namespace"\)\. Set it on the host \(`sysctl -w vm\.max_map_count=\.\.\.`/);
  assert.match(list[1]![3], /^fs\.file-max is a setting of the host's kernel/);
});

test('host-sysctl: a namespaced setting is an error where the service shares that namespace with the host, and kernel.hostname always', (t) => {
  const list = found(t, service(`    network_mode: host
    ipc: host
    uts: host
    sysctls:
      net.core.somaxconn: 1024
      kernel.msgmax: 65536
      fs.mqueue.queues_max: 256
      kernel.domainname: example.com
      kernel.hostname: web
`));
  assert.deepEqual(list.map(([line]) => line), [7, 8, 9, 10, 11]);
  assert.match(list[0]![3], /`network_mode: host` shares the host's: the engine refuses to start the container \("sysctl net\.core\.somaxconn not allowed in host network namespace"\)/);
  assert.match(list[1]![3], /`ipc: host`.*"sysctl kernel\.msgmax is not allowed in the hosts ipc namespace"/);
  assert.match(list[3]![3], /`uts: host`/);
  assert.match(list[4]![3], /Use `hostname:` instead/);
  // Namespaces of its own, or another container's: taken.
  assert.deepEqual(found(t, service('    network_mode: none\n    ipc: shareable\n    sysctls:\n      net.core.somaxconn: 1024\n      kernel.msgmax: 65536\n')), []);
  assert.deepEqual(found(t, service('    network_mode: service:db\n    sysctls: ["net.core.somaxconn=1024"]\n  db:\n    image: x\n')), []);
});
