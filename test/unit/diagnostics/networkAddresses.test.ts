// Addresses of networks and of services on them, as the engine reads them
// (formats.ts `cidr`, `ip-address`, `ipv4-address`, `ipv6-address`; the
// `outside-subnet` rule). Each verdict is also held to the engine in
// test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, type Cleanup } from '../../support/fixture';

const file = (config: string, endpoint = '') => `services:
  web:
    image: nginx
    networks:
      back:
${endpoint}networks:
  back:
    ipam:
      config:
${config}`;

function found(t: Cleanup, text: string, code: string): { line: number; message: string }[] {
  return fixture(t, text).diagnostics(code).map((d) => ({ line: d.range.start.line, message: String(d.message) }));
}

test('invalid-format: a subnet or range that is not CIDR, a gateway or reserved address that is not an IP, a service address of the wrong family', (t) => {
  const list = found(t, file(`        - subnet: 10.5.0.0/33
          ip_range: bogus
          gateway: 10.5.0.300
          aux_addresses:
            router: 10.5.1
        - subnet: fd00::/64
`, `        ipv4_address: fd00::5
        ipv6_address: 10.5.0.5
        link_local_ips: [169.254.1.1, bogus]
`), 'invalid-format');
  assert.deepEqual(list.map((d) => d.line), [5, 6, 7, 12, 13, 14, 16]);
  assert.match(list[0]!.message, /'fd00::5' is not an IPv4 address.*goes in ipv6_address/);
  assert.match(list[3]!.message, /'10.5.0.0\/33' is not a subnet/);
  assert.deepEqual(found(t, file(`        - subnet: 10.5.0.0/16
          ip_range: 10.5.1.0/24
          gateway: 10.5.0.1
          aux_addresses:
            router: 10.5.1.5
        - subnet: \${SUBNET}
`, `        ipv4_address: 10.5.0.5
        ipv6_address: fd00::5
`), 'invalid-format'), []);
});

test('outside-subnet: a gateway or a reserved address outside its subnet (another family is outside too)', (t) => {
  const list = found(t, file(`        - subnet: 10.5.0.0/16
          gateway: 10.6.0.1
          aux_addresses:
            router: 10.5.1.5
            printer: 10.7.0.2
        - subnet: 10.8.0.0/16
          gateway: fd00::1
        - subnet: 10.9.0.0/16
          gateway: 10.9.255.254
`), 'outside-subnet');
  assert.deepEqual(list.map((d) => d.line), [10, 13, 15]);
  assert.match(list[0]!.message, /gateway 10\.6\.0\.1 is not in the subnet 10\.5\.0\.0\/16/);
  assert.match(list[1]!.message, /address 10\.7\.0\.2 of printer/);
});

test('a network no service joins is not created by up: its refused addresses are warnings that say so, errors again once a service joins it (by name, or default by naming none)', (t) => {
  const spare = (name: string) => `networks:
  ${name}:
    ipam:
      config:
        - subnet: 10.5.0.0/33
        - subnet: 10.6.0.0/16
          gateway: 10.7.0.1
`;
  const verdicts = (text: string) => fixture(t, text).diagnostics().map((d) => `${d.severity} ${String(d.code)}`);
  const alone = `services:\n  web:\n    image: nginx\n    networks: [back]\n${spare('spare')}  back: {}\n`;
  assert.deepEqual(verdicts(alone), ['2 invalid-format', '2 outside-subnet']);
  for (const d of fixture(t, alone).diagnostics()) assert.match(String(d.message), /\. No service joins network "spare", so `up` does not create it/);
  assert.deepEqual(verdicts(alone.replace('[back]', '[back, spare]')), ['1 invalid-format', '1 outside-subnet']);
  assert.deepEqual(verdicts(`services:\n  web:\n    image: nginx\n${spare('default')}`), ['1 invalid-format', '1 outside-subnet'], 'default, joined by naming none');
  assert.deepEqual(verdicts(`services:\n  web:\n    image: nginx\n    network_mode: host\n${spare('default')}`), ['2 invalid-format', '2 outside-subnet'], 'default, which a service on the host network does not join');
  assert.deepEqual(verdicts(`x-nets: &nets\n  networks: [spare]\nservices:\n  web:\n    image: nginx\n    <<: *nets\n${spare('spare')}`), ['1 invalid-format', '1 outside-subnet'], 'joined through a merge');
});

test('address-not-in-network: a fixed address on a network with no subnet of its family configured, or outside its subnets; external networks and custom drivers are not judged', (t) => {
  const service = (network: string, address: string) => `services:
  web:
    image: nginx
    networks:
      ${network}:
        ${address}
`;
  const lines = (text: string) => fixture(t, text).diagnostics('address-not-in-network').map((d) => d.range.start.line);
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.5.0.9')}networks:\n  back: {}\n`), [5], 'no ipam config');
  assert.deepEqual(lines(service('default', 'ipv4_address: 10.5.0.9')), [5], 'the default network Compose makes');
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.6.0.9')}networks:\n  back:\n    ipam:\n      config:\n        - subnet: 10.5.0.0/16\n`), [5]);
  assert.deepEqual(lines(`${service('back', 'ipv6_address: fd00::9')}networks:\n  back:\n    ipam:\n      config:\n        - subnet: 10.5.0.0/16\n`), [5], 'no IPv6 subnet');
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.5.3.9')}networks:\n  back:\n    ipam:\n      config:\n        - subnet: 10.5.0.0/16\n`), []);
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.5.3.9')}networks:\n  back:\n    external: true\n`), []);
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.5.3.9')}networks:\n  back:\n    ipam:\n      driver: custom\n`), []);
  assert.deepEqual(lines(`${service('back', 'ipv4_address: 10.5.3.9')}networks:\n  back:\n    ipam:\n      config:\n        - subnet: \${SUBNET}\n`), []);
  const split = fixture(t, {
    'compose.yaml': `${service('back', 'ipv4_address: 10.5.3.9')}networks:\n  back: {}\n`,
    'compose.override.yaml': 'networks:\n  back:\n    ipam:\n      config:\n        - subnet: 10.5.0.0/16\n',
  });
  assert.deepEqual(split.diagnostics('address-not-in-network'), [], 'the override configures the subnet');
});

test('subnet-overlap: subnets of two joined networks that share addresses are an error at the later one; IPv6 only with enable_ipv6; adjacent ranges, unjoined and external networks are not judged', (t) => {
  const found = (text: string | Record<string, string>) =>
    fixture(t, text).diagnostics('subnet-overlap').map((d) => ({ line: d.range.start.line, severity: d.severity, message: String(d.message) })).sort((a, b) => a.line - b.line);
  const net = (name: string, subnet: string, extra = '') => `  ${name}:\n${extra}    ipam:\n      config:\n        - subnet: "${subnet}"\n`;
  const joins = (...names: string[]) => `services:\n  web:\n    image: nginx\n    networks: [${names.join(', ')}]\n`;

  const list = found(`${joins('front', 'back')}networks:\n${net('front', '172.31.0.0/16')}${net('back', '172.31.5.0/24')}`);
  assert.deepEqual(list.map((d) => [d.line, d.severity]), [[12, 1]]);
  assert.match(list[0]!.message, /^The subnet 172\.31\.5\.0\/24 of network "back" overlaps 172\.31\.0\.0\/16 of network "front": at up the engine refuses to create the second network \("Pool overlaps with other one on this address space"\)/);
  // The same subnet twice, written in another order: reported at the one written later.
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', '10.1.0.0/24')}${net('b', '10.1.0.0/24')}`).map((d) => d.line), [12]);
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', '10.1.0.0/24')}${net('b', '10.1.1.0/24')}`), [], 'adjacent');
  assert.deepEqual(found(`${joins('a')}networks:\n${net('a', '10.1.0.0/16')}${net('b', '10.1.1.0/24')}`), [], 'b is joined by no service: Compose does not create it');
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', '10.1.0.0/16')}  b:\n    external: true\n`), []);
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', '10.1.0.0/16')}${net('b', '${SUBNET}')}`), []);
  // IPv6: with enable_ipv6 on both networks, an overlap; without, the engine leaves the subnets aside.
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', 'fd00:1::/64', '    enable_ipv6: true\n')}${net('b', 'fd00:1:0:0:1::/80', '    enable_ipv6: true\n')}`).map((d) => d.line), [14]);
  assert.deepEqual(found(`${joins('a', 'b')}networks:\n${net('a', 'fd00:1::/64')}${net('b', 'fd00:1::/80')}`), []);
  // `default` is joined by a service that declares no networks.
  assert.deepEqual(found(`services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n${net('default', '10.9.0.0/16')}${net('back', '10.9.8.0/24')}`).map((d) => d.line), [14]);
  // Joined only by a service with profiles: a warning (the clash comes with the profile).
  const profiled = found(`${joins('a')}  tools:\n    image: busybox\n    profiles: [debug]\n    networks: [b]\nnetworks:\n${net('a', '10.1.0.0/16')}${net('b', '10.1.2.0/24')}`);
  assert.deepEqual(profiled.map((d) => [d.line, d.severity]), [[16, 2]]);
  // Across files: reported in the file loaded later.
  const split = fixture(t, {
    'compose.yaml': `${joins('a', 'b')}networks:\n${net('a', '10.1.0.0/16')}  b: {}\n`,
    'compose.override.yaml': `networks:\n${net('b', '10.1.3.0/24')}`,
  });
  assert.deepEqual(split.diagnostics('subnet-overlap', 'compose.yaml'), []);
  assert.deepEqual(split.diagnostics('subnet-overlap', 'compose.override.yaml').map((d) => d.range.start.line), [4]);
});

test('invalid-value: a network a service joins, made with the host or none driver, is an error on the driver (network_mode is what is meant); external, unused, and other drivers are not', (t) => {
  const text = (networks: string, joins = '    networks: [n]\n') => `services:\n  web:\n    image: nginx\n${joins}networks:\n${networks}`;
  const found = (source: string) => fixture(t, source).diagnostics('invalid-value').map((d) => [d.range.start.line, d.range.start.character, String(d.message).slice(0, 61)]);
  assert.deepEqual(found(text('  n:\n    driver: host\n')), [[6, 12, 'Network "n" cannot be made with the host driver: the engine h']]);
  assert.match(String(fixture(t, text('  n:\n    driver: none\n')).diagnostics('invalid-value')[0]?.message), /"plugin "none" not found"\)\. To run a service with no network, set `network_mode: none`/);
  assert.deepEqual(found(text('  default:\n    driver: host\n', '')).map((f) => f[0]), [5], 'the default network, joined by naming none');
  for (const fine of [text('  n:\n    driver: host\n    external: true\n    name: host\n'), text('  n:\n    driver: host\n', ''), text('  n:\n    driver: bridge\n'), text('  default:\n    driver: host\n', '    network_mode: host\n')]) {
    assert.deepEqual(found(fine), [], fine);
  }
});

test('predefined-network: a service joining the engine\'s own host, none or bridge network through networks is a warning at the reference, naming network_mode; other external networks are not', (t) => {
  const text = (definition: string) => `services:\n  web:\n    image: nginx\n    networks:\n      - hostnet\n  api:\n    image: nginx\nnetworks:\n  hostnet:\n${definition}`;
  const found = (source: string) => fixture(t, source).diagnostics('predefined-network').map((d) => [d.range.start.line, d.range.start.character, d.severity]);
  assert.deepEqual(found(text('    external: true\n    name: host\n')), [[4, 8, 2]]);
  assert.match(String(fixture(t, text('    external: true\n    name: host\n')).diagnostics('predefined-network')[0]!.message), /^Service "web" joins "hostnet", the engine's own host network: .*"network-scoped alias is supported only for containers in user defined networks".*set `network_mode: host`/);
  assert.deepEqual(found(text('    external:\n      name: bridge\n')), [[4, 8, 2]], 'the old external.name');
  assert.deepEqual(found('services:\n  web:\n    image: nginx\n    networks: [none]\nnetworks:\n  none:\n    external: true\n'), [[3, 15, 2]], 'named by its key');
  for (const fine of [text('    external: true\n    name: traefik\n'), text('    name: host\n'), text('    driver: bridge\n')]) assert.deepEqual(found(fine), [], fine);
});

test('invalid-value: a bridge driver option the engine refuses, on a network a service joins, is an error on the value; other drivers, external and unjoined networks, and good values are not', (t) => {
  const text = (options: string, extra = '', joins = '    networks: [n]\n') => `services:\n  web:\n    image: nginx\n${joins}networks:\n  n:\n${extra}    driver_opts:\n${options}`;
  const found = (source: string) => fixture(t, source).diagnostics('invalid-value').map((d) => [d.range.start.line, d.range.start.character, String(d.message)]);
  const bad: [string, RegExp][] = [
    ['com.docker.network.bridge.name: br-my-project-int', /^"br-my-project-int" for com\.docker\.network\.bridge\.name is longer than the 15 bytes Linux allows an interface name, so the bridge driver refuses network "n" when `up` creates it\.$/],
    ['com.docker.network.bridge.name: "my br"', /no `\/`, `:` or spaces/],
    ['com.docker.network.bridge.name: ééééééééé', /longer than the 15 bytes/],
    ['com.docker.network.bridge.enable_icc: "yes"', /is not true or false/],
    ['com.docker.network.bridge.enable_ip_masquerade: 2', /"2" .* is not true or false/],
    ['com.docker.network.bridge.host_binding_ipv4: localhost', /is not an IP address/],
    ['com.docker.network.driver.mtu: 1500b', /is not a whole number/],
    ['com.docker.network.driver.mtu: " 1500"', /is not a whole number/],
  ];
  for (const [option, said] of bad) {
    const f = found(text(`      ${option}\n`));
    assert.equal(f.length, 1, option);
    assert.deepEqual(f[0]!.slice(0, 2), [7, option.indexOf(':') + 8], option);
    assert.match(f[0]![2] as string, said, option);
  }
  assert.equal(found(text('      com.docker.network.bridge.name: br-my-project-int\n', '    driver: bridge\n')).length, 1, 'bridge written');
  for (const own of ['docker0', 'docker_gwbridge']) {
    const [warning] = fixture(t, text(`      com.docker.network.bridge.name: ${own}\n`)).diagnostics('invalid-value');
    assert.equal(warning?.severity, 2, own);
    assert.match(String(warning?.message), /is a bridge the engine makes for itself: `up` takes it over and `down` deletes it.*like br-n\.$/, own);
  }
  const fine = [
    text('      com.docker.network.bridge.name: br-project-int\n      com.docker.network.bridge.enable_icc: "false"\n      com.docker.network.bridge.enable_ip_masquerade: true\n      com.docker.network.bridge.host_binding_ipv4: "::1"\n      com.docker.network.driver.mtu: 1450\n      com.docker.network.bridge.inhibit_ipv4: 0\n'),
    text('      com.docker.network.driver.mtu: 1500.0\n'), // Compose passes on "1500"
    text('      com.docker.network.bridge.name: br-my-project-int\n', '    driver: macvlan\n'),
    text('      com.docker.network.bridge.name: br-my-project-int\n', '    external: true\n'),
    text('      com.docker.network.bridge.name: br-my-project-int\n', '', ''),
    text('      com.docker.network.bridge.name: ${BRIDGE}\n'),
    text('      com.docker.network.bridge.nmae: x y z\n'),
  ];
  for (const source of fine) assert.deepEqual(found(source), [], source);
});

test('invalid-value: a bridge option is judged with the driver the project merges, and reported in the file that writes it', (t) => {
  const main = 'services:\n  web:\n    image: nginx\n    networks: [n]\nnetworks:\n  n:\n    driver_opts:\n      com.docker.network.bridge.name: br-my-project-int\n';
  const codes = (override: string) => fixture(t, { 'compose.yaml': main, 'compose.override.yaml': override }).diagnostics('invalid-value').map((d) => d.range.start.line);
  assert.deepEqual(codes('networks:\n  n:\n    driver: macvlan\n'), []);
  assert.deepEqual(codes('networks:\n  n:\n    labels: [a=b]\n'), [7]);
});

test('an empty networks list or mapping joins the default network, as Compose reads it: subnet-overlap judges default then, and hover lists it', (t) => {
  const text = (networks: string) => `services:\n  a:\n    image: nginx\n    networks: ${networks}\n  b:\n    image: nginx\n    networks: [other]\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.9.0.0/16\n  other:\n    ipam:\n      config:\n        - subnet: 10.9.1.0/24\n`;
  for (const empty of ['[]', '{}']) {
    const fx = fixture(t, text(empty));
    assert.equal(fx.diagnostics('subnet-overlap').length, 1, empty);
    const hover = fx.service.hover(fx.uri('compose.yaml'), { line: 1, character: 3 });
    assert.match(JSON.stringify(hover?.contents), /Networks: `[a-z0-9_-]+_default`/, empty);
  }
  assert.deepEqual(fixture(t, text('[other]')).diagnostics('subnet-overlap'), [], 'both services on other only: no service joins default, which is not made');
});

test('networks a service takes from a << merge are the ones it joins: hover lists them, and default, which no service then joins, is not judged', (t) => {
  const text = `x-net: &net\n  networks: [other]\nservices:\n  a:\n    <<: *net\n    image: nginx\n  b:\n    image: nginx\n    networks: [other]\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.9.0.0/16\n  other:\n    ipam:\n      config:\n        - subnet: 10.9.1.0/24\n`;
  const fx = fixture(t, text);
  assert.deepEqual(fx.diagnostics('subnet-overlap'), []);
  assert.match(JSON.stringify(fx.service.hover(fx.uri('compose.yaml'), { line: 3, character: 3 })?.contents), /Networks: `[a-z0-9_-]+_other` \(`other`\)\./);
  // A merge that brings network_mode takes the service off default too; one that brings nothing leaves it there.
  const moded = fixture(t, text.replace('  networks: [other]\nservices', '  network_mode: host\nservices'));
  assert.deepEqual(moded.diagnostics('subnet-overlap'), []);
  const nothing = fixture(t, text.replace('  networks: [other]\nservices', '  restart: always\nservices'));
  assert.equal(nothing.diagnostics('subnet-overlap').length, 1);
});

test('a network a service joins only through a << merge is joined: its bridge options and a host driver are judged', (t) => {
  const text = (network: string) => `x-net: &net\n  networks: [other]\nservices:\n  a:\n    <<: *net\n    image: nginx\nnetworks:\n  other:\n${network}`;
  assert.deepEqual(fixture(t, text('    driver_opts:\n      com.docker.network.bridge.name: br-way-too-long-name\n')).diagnostics('invalid-value').map((d) => d.range.start.line), [9]);
  assert.deepEqual(fixture(t, text('    driver: host\n')).diagnostics('invalid-value').map((d) => d.range.start.line), [8]);
  assert.deepEqual(fixture(t, text('    driver: host\n').replace('networks: [other]', 'restart: always')).diagnostics('invalid-value'), [], 'no service joins it');
});
