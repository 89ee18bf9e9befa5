// The topology model: what the view draws, merged as Compose merges the
// project's files (overrides, includes, extends, !reset/!override).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { topology } from '../../../server/src/features/topology';
import type { TopologyModel, TopologyService } from '../../../common/src/protocol';
import { fixture, type Fixture } from '../../support/fixture';

function model(files: Record<string, string>, open = 'compose.yaml', env: Record<string, string> = {}): { fx: Fixture; model: TopologyModel } {
  const fx = fixture(after, files, { env });
  fx.open(open);
  return { fx, model: topology(fx.workspace.project(fx.uri(open)), fx.uri(open)) };
}

function service(m: TopologyModel, name: string): TopologyService {
  const found = m.services.find((s) => s.name === name);
  assert.ok(found, `service ${name} in the model`);
  return found;
}

test('ports, expose, networks, mounts, secrets and configs of one file', () => {
  const { fx, model: m } = model({
    'compose.yaml': `name: shop
services:
  web:
    build: ./web
    ports:
      - "8000:80"
      - "127.0.0.1:8443:443/tcp"
      - "9000-9001:9000-9001/udp"
      - target: 53
        published: "5353"
        host_ip: "::1"
        protocol: udp
      - "3000"
    expose: ["9229"]
    networks: [front, back]
    volumes:
      - ./src:/app/src:ro
      - data:/data
      - /cache
      - type: tmpfs
        target: /tmp
    tmpfs: /run
    secrets: [token]
    configs: [{source: site, target: /etc/site.conf}]
    deploy: {replicas: 3}
  db:
    image: postgres:16
volumes:
  data: {}
  shared: {external: true, name: team-shared}
networks:
  front: {}
  back: {driver: overlay}
secrets:
  token: {file: ./token.txt}
configs:
  site: {environment: SITE_CONF}
`,
  });
  const web = service(m, 'web');
  assert.equal(m.projectName, 'shop');
  assert.equal(web.build, './web');
  assert.equal(web.replicas, 3);
  assert.deepEqual(
    web.ports.map((p) => [p.hostIp, p.published, p.target, p.protocol]),
    [
      [undefined, '8000', '80', 'tcp'],
      ['127.0.0.1', '8443', '443', 'tcp'],
      [undefined, '9000-9001', '9000-9001', 'udp'],
      ['::1', '5353', '53', 'udp'],
      [undefined, undefined, '3000', 'tcp'],
    ],
  );
  assert.equal(fx.rangeText('compose.yaml', web.ports[0].location!.range), '"8000:80"');
  assert.deepEqual(web.expose, ['9229']);
  assert.deepEqual(web.networks, ['front', 'back']);
  assert.deepEqual(
    web.mounts.map((v) => [v.type, v.source, v.target, v.readOnly]),
    [
      ['bind', './src', '/app/src', true],
      ['volume', 'data', '/data', false],
      ['anonymous', undefined, '/cache', false],
      ['tmpfs', undefined, '/tmp', false],
      ['tmpfs', undefined, '/run', false],
    ],
  );
  assert.deepEqual(web.secrets, ['token']);
  assert.deepEqual(web.configs, ['site']);
  assert.deepEqual(service(m, 'db').networks, ['default'], 'a service naming no network joins the default one');
  assert.deepEqual(
    m.networks.map((n) => [n.name, n.fullName, n.implicit ?? false, n.driver]),
    [
      ['default', 'shop_default', true, undefined],
      ['front', 'shop_front', false, undefined],
      ['back', 'shop_back', false, 'overlay'],
    ],
  );
  assert.deepEqual(m.volumes.map((v) => [v.name, v.fullName, v.external]), [
    ['data', 'shop_data', false],
    ['shared', 'team-shared', true],
  ]);
  assert.deepEqual(m.secrets.map((s) => [s.name, s.origin]), [['token', 'file: ./token.txt']]);
  assert.deepEqual(m.configs.map((s) => [s.name, s.origin]), [['site', 'environment: SITE_CONF']]);
  assert.equal(fx.rangeText('compose.yaml', web.location!.range), 'web');
});

test('depends_on with conditions, links, volumes_from, network_mode and extends are told apart', () => {
  const { model: m } = model({
    'compose.yaml': `services:
  base:
    image: alpine
    networks: [back]
  api:
    extends: base
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started, required: false}
    links: ["db:database"]
  sidecar:
    image: busybox
    network_mode: service:api
    volumes_from: [api]
  probe:
    image: busybox
    network_mode: host
  db: {image: postgres}
  cache: {image: redis}
networks:
  back: {}
`,
  });
  const api = service(m, 'api');
  assert.deepEqual(api.links, [
    { service: 'db', kind: 'depends_on', condition: 'service_healthy' },
    { service: 'cache', kind: 'depends_on', condition: 'service_started', required: false },
    { service: 'db', kind: 'links', alias: 'database' },
    { service: 'base', kind: 'extends' },
  ]);
  assert.equal(api.image, 'alpine', 'extends inherits the image');
  assert.deepEqual(api.networks, ['back'], 'and the networks');
  const sidecar = service(m, 'sidecar');
  assert.equal(sidecar.networkMode, 'service:api');
  assert.deepEqual(sidecar.networks, [], 'a service sharing another network stack joins no network of its own');
  assert.deepEqual(sidecar.links.map((l) => `${l.kind}:${l.service}`), ['volumes_from:api', 'network_mode:api']);
  assert.equal(service(m, 'probe').networkMode, 'host');
});

test('an override merges over the main file; the view opened from the override reveals its definition there', () => {
  const files = {
    'compose.yaml': `services:
  api:
    image: app:1
    ports: ["8080:80"]
    volumes: ["./a:/data", "logs:/logs"]
    networks: [front]
    profiles: [dev]
  worker:
    image: app:1
    expose: ["9000"]
volumes:
  logs: {}
networks:
  front: {}
  back: {}
`,
    'compose.override.yaml': `services:
  api:
    image: app:2
    ports: ["127.0.0.1:9229:9229"]
    volumes: ["./b:/data"]
    networks: [back]
  worker:
    expose: !reset []
`,
  };
  const { fx, model: m } = model(files, 'compose.override.yaml');
  const api = service(m, 'api');
  assert.deepEqual(m.files, [fx.path('compose.yaml'), fx.path('compose.override.yaml')]);
  assert.equal(api.image, 'app:2');
  assert.deepEqual(api.ports.map((p) => `${p.hostIp ?? ''}:${p.published}:${p.target}`), [':8080:80', '127.0.0.1:9229:9229']);
  assert.deepEqual(api.mounts.map((v) => `${v.source}:${v.target}`), ['logs:/logs', './b:/data'], 'a mount on the same path is replaced');
  assert.deepEqual(api.networks, ['front', 'back']);
  assert.deepEqual(api.profiles, ['dev']);
  assert.deepEqual(m.profiles, ['dev']);
  assert.deepEqual(service(m, 'worker').expose, [], '!reset empties the list');
  assert.equal(api.location?.uri, fx.uri('compose.override.yaml'));
  assert.equal(service(m, 'worker').location?.uri, fx.uri('compose.override.yaml'));
  // From the main file, its own definitions.
  fx.open('compose.yaml');
  const fromMain = topology(fx.workspace.project(fx.uri('compose.yaml')), fx.uri('compose.yaml'));
  assert.equal(service(fromMain, 'api').location?.uri, fx.uri('compose.yaml'));
});

test('included services and interpolated values are part of the picture', () => {
  const { fx, model: m } = model(
    {
      'compose.yaml': `include:
  - cache/compose.yaml
services:
  api:
    image: app:\${TAG:-latest}
    ports: ["\${API_PORT:-8080}:8080"]
    depends_on: [cache]
`,
      'cache/compose.yaml': `services:
  cache:
    image: redis
    expose: ["6379"]
`,
    },
    'compose.yaml',
    { API_PORT: '7000' },
  );
  assert.equal(service(m, 'api').image, 'app:latest');
  assert.deepEqual(service(m, 'api').ports.map((p) => `${p.published}:${p.target}`), ['7000:8080']);
  assert.equal(service(m, 'cache').location?.uri, fx.uri('cache/compose.yaml'));
  assert.deepEqual(service(m, 'cache').expose, ['6379']);
});

test('a broken document still answers with what it recovered', () => {
  const { model: m } = model({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"\n  db:\n    image: [\n' });
  assert.ok(m.services.some((s) => s.name === 'web'));
});

test('what a << merge brings is drawn as the service\'s own: its networks, mounts, secrets and dependencies', () => {
  const { model: m } = model({
    'compose.yaml': `x-common: &common
  networks: [back]
  volumes: [data:/data]
  secrets: [token]
  depends_on: [db]
services:
  web:
    <<: *common
    image: x
  db:
    image: y
    networks: [back]
volumes:
  data: {}
networks:
  back: {}
secrets:
  token:
    file: ./token.txt
`,
  });
  const web = service(m, 'web');
  assert.deepEqual(web.networks, ['back']);
  assert.deepEqual(web.mounts.map((mount) => `${mount.type} ${mount.source} ${mount.target}`), ['volume data /data']);
  assert.deepEqual(web.secrets, ['token']);
  assert.deepEqual(web.links.map((link) => `${link.kind} ${link.service}`), ['depends_on db']);
  // Where the merge that brings it is: the alias in web.
  assert.equal(web.mounts[0]!.location?.range.start.line, 7);
});
