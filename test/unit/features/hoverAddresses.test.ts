// Hover on an address in an environment value that reaches a service by its
// name: which service, on which network, and what the port is to it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after, {});

const doc = (env: string, dbExtra = '') => `name: shop
services:
  web:
    image: nginx
    environment:
${env}
  db:
    image: postgres
    ports:
      - "8001:5432"
${dbExtra}`;

test('a URL host: the service it reaches, the network they share, and the port as the CONTAINER_PORT it listens on', () => {
  const value = f.hoverText(doc('      DATABASE_URL: postgres://app@d$0b:5432/app'));
  assert.match(value, /\*\*Address\*\* `db:5432`: the service `db`/);
  assert.match(value, /From `web`, the name `db` resolves on `shop_default`/);
  assert.match(value, /Port `5432` is where `db` listens inside the network \(its CONTAINER_PORT\); it is also published on the host \(`8001:5432`\)/);
  assert.match(value, /\*\*Service\*\* `db`/, 'then what the service is');
});

test('the port of the address, and the range is the host and port', () => {
  const hover = f.hover(doc('      DATABASE_URL: postgres://app@db:54$032/app'))!;
  assert.deepEqual(hover.range, { start: { line: 5, character: 35 }, end: { line: 5, character: 42 } });
});

test('a HOST_PORT in the address: the port other containers use instead', () => {
  const value = f.hoverText(doc('      - DB=db:80$001'));
  assert.match(value, /Port `8001` is `db`'s port on the host \(HOST_PORT of `8001:5432`\): other containers connect to `db:5432`, the CONTAINER_PORT/);
});

test('exposed, unknown, and no shared network', () => {
  assert.match(f.hoverText(doc('      CACHE: d$0b:6000', '    expose: ["6000"]\n')), /Port `6000` is one `db` exposes to the other services/);
  assert.match(f.hoverText(doc('      CACHE: d$0b:7000')), /neither publishes nor exposes it in this project; whether it listens there is up to its image/);
  const apart = `services:\n  web:\n    image: nginx\n    networks: [front]\n    environment:\n      DB: postgres://d$0b:5432\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n`;
  assert.match(f.hoverText(apart), /`web` and `db` share no network, so the name does not resolve from `web`/);
});

test('a host that names no service of the project is left to the key hover', () => {
  const value = f.hoverText(doc('      API: https://exa$0mple.com:443/v1'));
  assert.doesNotMatch(value, /\*\*Address\*\*/);
});
