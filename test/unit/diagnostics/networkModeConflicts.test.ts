// network-mode-conflict (rules/networkModeConflicts.ts): keys the engine refuses, or drops, beside a network_mode.
// The engine's own verdicts on the same files are in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const found = (t: Parameters<typeof fixture>[0], source: string) =>
  fixture(t, source).diagnostics('network-mode-conflict').map((d) => [d.range.start.line, d.range.start.character, d.severity, String(d.message)] as const).sort((a, b) => a[0] - b[0]);

const VPN = `services:
  app:
    image: x
    network_mode: "service:vpn"
    hostname: app
    dns: 1.1.1.1
    extra_hosts: ["db:10.0.0.5"]
    mac_address: 02:42:ac:11:00:02
    links: [vpn]
    expose: ["3000"]
    ports:
      - "8080:80"
    dns_search: example.com
    dns_opt: [use-vc]
    domainname: example.com
  vpn:
    image: x
`;

test('network-mode-conflict: beside service:NAME, each key the engine refuses is an error at its key, saying where it belongs; the DNS search and options are taken', (t) => {
  const list = found(t, VPN);
  assert.deepEqual(list.map(([line, character, severity]) => [line, character, severity]), [4, 5, 6, 7, 8, 9, 10].map((line) => [line, 4, DiagnosticSeverity.Error]));
  const ports = list.find(([line]) => line === 10)![3];
  assert.match(ports, /^ports cannot be set beside `network_mode: service:vpn`, which runs the container in the network of that service: the engine refuses to create it \("conflicting options: port publishing and the container type network mode"\)\. Publish them on service "vpn" instead/);
  assert.match(list.find(([line]) => line === 4)![3], /\("conflicting options: hostname and the network mode"\)\. Set it on service "vpn" instead/);
  assert.match(list.find(([line]) => line === 8)![3], /can't be used with links.*Remove links/);
});

test('network-mode-conflict: container:NAME is judged as service:NAME; host refuses links and mac_address and drops ports with a warning; bridge, none and a variable are left alone', (t) => {
  const container = found(t, 'services:\n  app:\n    image: x\n    network_mode: container:gateway\n    ports: ["80:80"]\n');
  assert.deepEqual(container.map(([line, , severity]) => [line, severity]), [[4, DiagnosticSeverity.Error]]);
  assert.match(container[0]![3], /`network_mode: container:gateway`, which runs the container in the network of that container: .* Publish them on that container instead/);
  const host = found(t, 'services:\n  app:\n    image: x\n    network_mode: host\n    hostname: app\n    dns: [1.1.1.1]\n    expose: ["80"]\n    links: [db]\n    mac_address: 02:42:ac:11:00:02\n    ports: ["8080:80"]\n  db:\n    image: x\n');
  assert.deepEqual(host.map(([line, , severity]) => [line, severity]), [[7, DiagnosticSeverity.Error], [8, DiagnosticSeverity.Error], [9, DiagnosticSeverity.Warning]]);
  assert.match(host[2]![3], /^ports are not published with `network_mode: host`: .*drops every mapping \(8080:80 is reached on the host's port 80, not 8080\)/);
  const written = found(t, 'services:\n  app:\n    image: x\n    network_mode: host\n    ports: ["127.0.0.1:3000:8000/tcp"]\n')[0]![3];
  assert.match(written, /\(127\.0\.0\.1:3000:8000\/tcp is reached on the host's port 8000, not 3000\)/);
  assert.match(found(t, 'services:\n  app:\n    image: x\n    network_mode: host\n    ports: ["80:80"]\n')[0]![3], /\(a mapping such as 8080:80 is reached/);
  for (const mode of ['bridge', 'none', '"${NET_MODE}"', '"service:${VPN}"']) {
    assert.deepEqual(found(t, `services:\n  app:\n    image: x\n    network_mode: ${mode}\n    hostname: app\n    links: [db]\n    ports: ["80:80"]\n  db:\n    image: x\n`), [], mode);
  }
  // Empty values give the engine nothing to refuse.
  assert.deepEqual(found(t, 'services:\n  app:\n    image: x\n    network_mode: service:vpn\n    ports: []\n    hostname: ""\n    dns:\n  vpn:\n    image: x\n'), []);
});

test('network-mode-conflict: a network_mode from a merge counts, reported at the key written here; a key from a merge is reported at network_mode', (t) => {
  const merged = found(t, 'x-vpn: &vpn\n  network_mode: service:vpn\nservices:\n  app:\n    <<: *vpn\n    image: x\n    ports: ["80:80"]\n  vpn:\n    image: x\n');
  assert.deepEqual(merged.map(([line, character]) => [line, character]), [[6, 4]]);
  const fromMerge = found(t, 'x-ports: &ports\n  ports: ["80:80"]\nservices:\n  app:\n    <<: *ports\n    image: x\n    network_mode: service:vpn\n  vpn:\n    image: x\n');
  assert.deepEqual(fromMerge.map(([line, character]) => [line, character]), [[6, 4]]);
  assert.match(fromMerge[0]![3], /^ports \(from a merge\) cannot be set/);
});

test('network-mode-conflict fixes: ports move to the service whose network is shared (a new key, or its own list without repeats), else are removed; the conflict goes', (t) => {
  const fx = fixture(t, VPN);
  const name = fx.files[0]!;
  const at = (line: number) => fx.diagnostics('network-mode-conflict').find((d) => d.range.start.line === line)!;
  const actions = (line: number) => fx.service.codeActions(fx.uri(name), at(line).range, [at(line)]);
  const ports = actions(10);
  assert.deepEqual(ports.map((a) => [a.title, !!a.isPreferred]), [['Move ports to service "vpn"', true], ['Remove ports', false]]);
  const moved = fx.apply(ports[0]!.edit!)[name]!;
  assert.equal(moved, VPN.replace('    ports:\n      - "8080:80"\n', '').replace('  vpn:\n    image: x\n', '  vpn:\n    image: x\n    ports:\n      - "8080:80"\n'));
  fx.open(name, moved);
  assert.deepEqual(fx.diagnostics('network-mode-conflict').map((d) => d.range.start.line).sort((a, b) => a - b), [4, 5, 6, 7, 8, 9]);
  // expose, flow style, into the service's flow list; what it lists already is not written twice.
  const expose = actions(9);
  assert.equal(expose[0]!.title, 'Move expose to service "vpn"');
  // hostname: only removed.
  const hostname = actions(4);
  assert.deepEqual(hostname.map((a) => [a.title, !!a.isPreferred]), [['Remove hostname', true]]);
  assert.equal(fx.apply(hostname[0]!.edit!)[name], moved.replace('    hostname: app\n', ''));

  const into = `services:
  app:
    image: x
    network_mode: service:vpn
    ports: ["8080:80", "9090:90"]
  vpn:
    image: x
    ports:
      - 9090:90
    restart: always
`;
  const fy = fixture(t, into);
  const target = fy.diagnostics('network-mode-conflict')[0]!;
  const [move] = fy.service.codeActions(fy.uri(fy.files[0]!), target.range, [target]);
  const after = fy.apply(move!.edit!)[fy.files[0]!]!;
  assert.equal(after, into.replace('    ports: ["8080:80", "9090:90"]\n', '').replace('      - 9090:90\n', '      - 9090:90\n      - "8080:80"\n'));
  fy.open(fy.files[0]!, after);
  assert.deepEqual(fy.diagnostics('network-mode-conflict'), []);
});

test('network-mode-conflict fixes: no move to a service of another file or one that is not a block mapping; a container is never a target', (t) => {
  const titles = (source: string) => {
    const fx = fixture(t, source);
    const target = fx.diagnostics('network-mode-conflict')[0]!;
    return fx.service.codeActions(fx.uri(fx.files[0]!), target.range, [target]).map((a) => a.title);
  };
  assert.deepEqual(titles('services:\n  app:\n    image: x\n    network_mode: service:vpn\n    ports: ["80:80"]\n'), ['Remove ports']);
  assert.deepEqual(titles('services:\n  app:\n    image: x\n    network_mode: service:vpn\n    ports: ["80:80"]\n  vpn: {image: x}\n'), ['Remove ports']);
  assert.deepEqual(titles('services:\n  app:\n    image: x\n    network_mode: container:vpn\n    ports: ["80:80"]\n  vpn:\n    image: x\n'), ['Remove ports']);
});
