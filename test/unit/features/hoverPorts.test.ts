import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after, { '.env': 'DB_PORT=8001\n' });

const doc = (ports: string, extra = '') => `services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n${extra}    ports:\n${ports}\n`;

test('short syntax: HOST_PORT and CONTAINER_PORT in words, both addresses', () => {
  const value = f.hoverText(doc('      - "80$001:5432"'));
  assert.match(value, /HOST_PORT `8001`/);
  assert.match(value, /CONTAINER_PORT `5432`/);
  assert.match(value, /From this machine: `localhost:8001`/);
  assert.match(value, /From another service: `db:5432`, by the service name on the network `myapp_default`/);
});

test('hover range is the port scalar', () => {
  const hover = f.hover(doc('      - "80$001:5432"'))!;
  assert.deepEqual(hover.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 19 } });
});

test('bound to 127.0.0.1: only this machine', () => {
  const value = f.hoverText(doc('      - "127.0.0.1:80$001:5432"'));
  assert.match(value, /only reachable from this machine/);
  assert.match(value, /`127\.0\.0\.1:8001`/);
});

test('a container port alone: random host port, docker compose port tells which', () => {
  const value = f.hoverText(doc('      - 54$032'));
  assert.match(value, /random free host port; `docker compose port db 5432` tells which/);
  assert.ok(!value.includes('localhost:'), 'no host address');
});

test('ranges and UDP', () => {
  const value = f.hoverText(doc('      - "9000-90$001:9000-9001/udp"'));
  assert.match(value, /host 9000 → container 9000, host 9001 → container 9001/);
  assert.match(value, /Protocol UDP/);
});

test('long syntax names published and target', () => {
  const value = f.hoverText(doc('      - target: 5432\n        published: "80$001"\n        host_ip: 127.0.0.1'));
  assert.match(value, /HOST_PORT `8001` \(`published`\)/);
  assert.match(value, /CONTAINER_PORT `5432` \(`target`\)/);
  assert.match(value, /`127\.0\.0\.1:8001`/);
  assert.match(value, /`db:5432`/);
});

test('a long-syntax key shows its doc too', () => {
  const value = f.hoverText(doc('      - tar$0get: 5432\n        published: "8001"'));
  assert.match(value, /\*\*target\*\*/);
  assert.match(value, /`db:5432`/);
});

test('variables are substituted before the explanation', () => {
  const value = f.hoverText(doc('      - "${DB_PORT}:54$032"'));
  assert.match(value, /with variables: `8001:5432`/);
  assert.match(value, /`localhost:8001`/);
});

test('services on named networks: the address names those networks', () => {
  const value = f.hoverText(doc('      - "80$001:5432"', '    networks: [back, front]\n') + 'networks:\n  back: {}\n  front: {}\n');
  assert.match(value, /on the networks `myapp_back`, `myapp_front`/);
});

test('network_mode: host ignores ports: the host port is not opened, the container port is on the host', () => {
  const value = f.hoverText(doc('      - "80$001:5432"', '    network_mode: host\n'));
  assert.match(value, /network_mode: host`\), so Docker ignores this mapping: HOST_PORT `8001` is not opened/);
  assert.match(value, /From this machine: `localhost:5432`/);
  // Nothing of what a published port would do.
  assert.doesNotMatch(value, /is opened on the host|localhost:8001|From another service/);
  const alone = f.hoverText(doc('      - 54$032', '    network_mode: host\n'));
  assert.doesNotMatch(alone, /random free host port/);
});

test('not a port mapping: says what is wrong', () => {
  assert.match(f.hoverText(doc('      - "80$001:99999"')), /out of range/);
});

test('expose: only other services reach it', () => {
  const value = f.hoverText('services:\n  api:\n    expose:\n      - "30$000"\n');
  assert.match(value, /Not published: nothing is opened on the host/);
  assert.match(value, /at `api:3000`/);
});

test('a service run as several containers: each needs a host port of its own, and the hover says whether it has one', () => {
  const replicas = '    deploy:\n      replicas: 3\n';
  assert.match(f.hoverText(doc('      - "80$001:5432"', replicas)), /`db` runs 3 containers \(deploy\.replicas is 3\), each publishing this: `docker compose up` starts the first and fails the others; a Swarm/);
  assert.match(f.hoverText(doc('      - "8001-80$003:5432"', replicas)), /`db` runs 3 containers \(deploy\.replicas is 3\): each takes a free port of `8001-8003` of its own\./);
  assert.match(f.hoverText(doc('      - "8001-80$002:5432"', '    scale: 3\n')), /`db` runs 3 containers \(scale is 3\), 2 host ports for them: `docker compose up` fails 1 of them/);
  assert.doesNotMatch(f.hoverText(doc('      - "80$001:5432"')), /containers/, 'one container');
  assert.doesNotMatch(f.hoverText(doc('      - "54$032"', replicas)), /runs 3 containers/, 'no host port: Docker picks one per container');
});
