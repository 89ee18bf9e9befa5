// Addresses of networks and of services on them, as the engine reads them
// (formats.ts `cidr`, `ip-address`, `ipv4-address`, `ipv6-address`; the
// `outside-subnet` rule). Each verdict is also held to the engine in
// test/docker/compose-verdicts.test.ts.
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
