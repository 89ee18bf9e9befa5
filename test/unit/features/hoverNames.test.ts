import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after, { 'common.yaml': 'services:\n  base:\n    image: alpine:3\n' });

const services = '  db:\n    image: postgres\n';

test('a service named in links (before the alias), network_mode and volumes_from', () => {
  assert.match(f.hoverText(`services:\n  web:\n    links: ["d$0b:database"]\n${services}`), /\*\*Service\*\* `db`/);
  assert.match(f.hoverText(`services:\n  web:\n    network_mode: service:d$0b\n${services}`), /\*\*Service\*\* `db`/);
  assert.match(f.hoverText(`services:\n  web:\n    volumes_from: [d$0b]\n${services}`), /\*\*Service\*\* `db`/);
  // The alias part names no service.
  assert.doesNotMatch(f.hoverText(`services:\n  web:\n    links: ["db:datab$0ase"]\n${services}`), /\*\*Service\*\*/);
});

test('a service using network_mode says whose network it shares', () => {
  assert.match(f.hoverText(`services:\n  w$0eb:\n    network_mode: service:db\n${services}`), /shares the network stack of `service:db`/);
  assert.match(f.hoverText(`services:\n  w$0eb:\n    network_mode: host\n`), /the host's own/);
});

test('a service extended from another file', () => {
  const value = f.hoverText('services:\n  web:\n    extends:\n      file: common.yaml\n      service: ba$0se\n');
  assert.match(value, /\*\*Service\*\* `base` from `common\.yaml`/);
  assert.match(value, /Image: `alpine:3`/);
});

test('an undefined service reference says so', () => {
  assert.match(f.hoverText('services:\n  web:\n    depends_on: [gh$0ost]\n'), /No service `ghost` is defined/);
});

test('a secret and a config: full name and who uses them', () => {
  const text = 'services:\n  web:\n    secrets: [tok$0en]\nsecrets:\n  token:\n    file: ./token.txt\n';
  const value = f.hoverText(text);
  assert.match(value, /\*\*Secret\*\* `token`/);
  assert.match(value, /Full name: `myapp_token`/);
  assert.match(value, /Used by: `web`/);
  const config = f.hoverText('services:\n  web:\n    configs:\n      - source: ngi$0nx\n        target: /etc/nginx.conf\nconfigs:\n  nginx:\n    file: ./nginx.conf\n');
  assert.match(config, /\*\*Config\*\* `nginx`/);
});

test('a network key in a service\'s mapping-form networks', () => {
  assert.match(f.hoverText('services:\n  web:\n    networks:\n      ba$0ck:\n        aliases: [api]\nnetworks:\n  back: {}\n'), /Full name: `myapp_back`/);
});

test('an undefined network reference says Compose refuses it', () => {
  assert.match(f.hoverText('services:\n  web:\n    networks: [nop$0e]\n'), /not defined under the top-level `networks:`/);
});

test('hover on a broken document still answers what it can', () => {
  const value = f.hoverText('services:\n  web:\n    image: [unclosed\n    rest$0art: always\n  db:\n    ports: ["8001:5432"\n');
  assert.ok(typeof value === 'string');
  assert.match(f.hoverText('services:\n  web:\n    ports:\n      - "80$001:5432\n    image: x\n'), /./);
});

test('nothing to say on blank lines and comments', () => {
  assert.equal(f.hover('services:\n  web:\n    # a comm$0ent\n    image: x\n'), null);
  assert.equal(f.hover('services:\n  web:\n\n$0\n    image: x\n'), null);
});

test('network aliases are extra host names', () => {
  const value = f.hoverText('services:\n  w$0eb:\n    networks:\n      back:\n        aliases: [api, www]\nnetworks:\n  back: {}\n');
  assert.match(value, /Also reachable as `api`, `www` on `myapp_back`/);
});

test('a service built from `.` reads as one sentence in plain text (no "Built from ..")', (t) => {
  const plain = fixture(t, {}, { client: { markdown: false } });
  const value = plain.hoverText('services:\n  w$0eb:\n    build: .\n');
  assert.match(value, /Built from \. \(the build context\)\./);
  assert.doesNotMatch(value, /Built from \.\./);
});

test('container names follow the Compose the client runs: v1 underscores, v2 dashes, both until known', () => {
  const text = 'services:\n  w$0eb:\n    image: nginx\n';
  assert.match(f.hoverText(text), /`myapp-web-1` with Compose v2, `myapp_web_1` with v1/);
  for (const [major, expected, absent] of [[1, /`myapp_web_1`, `_2`\.\.\./, /myapp-web-1/], [2, /`myapp-web-1`, `-2`\.\.\./, /myapp_web_1/]] as const) {
    f.service.configureCompose(major);
    const value = f.hoverText(text);
    assert.match(value, expected);
    assert.doesNotMatch(value, absent);
  }
});

test('after edits a service hover and a network\'s members follow the new text and .env (what is kept per service body is found again when it may differ)', (t) => {
  const fx = fixture(t, { '.env': 'TAG=1\n' });
  const web = 'services:\n  w$0eb:\n    image: app:${TAG}\n    networks: [front]\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n';
  const front = web.replace('w$0eb', 'web').replace('  front: {}', '  fr$0ont: {}');
  assert.match(fx.hoverText(web), /Image: `app:1`/);
  assert.match(fx.hoverText(front), /Services on it: `web`;/);
  fx.open('.env', 'TAG=2\n');
  assert.match(fx.hoverText(web), /Image: `app:2`/);
  // Another service joins the network: the unchanged web body keeps its facts, db's are found again.
  assert.match(fx.hoverText(front.replace('networks: [back]', 'networks: [back, front]')), /Services on it: `web`, `db`;/);
});

test('a service that takes its image, ports and container name from a << merge shows them as its own', () => {
  const value = f.hoverText('x-app: &app\n  image: shop/app:1.2\n  ports: ["8080:80"]\n  container_name: shop-web\nservices:\n  w$0eb:\n    <<: *app\n');
  assert.match(value, /Image: `shop\/app:1\.2`/);
  assert.match(value, /Container name: `shop-web`/);
  assert.match(value, /Ports: `8080:80`/);
});
