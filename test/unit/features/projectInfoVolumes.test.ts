// dockhand/projectInfo tells the client what it compares with the engine: which volumes `up` cannot create (so
// the volume CodeLens does not promise "Compose Up creates it" where the server's invalid-format error says the
// engine refuses the name), and what the services ask of the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const FILE = `name: shop
services:
  db:
    image: postgres:16
    volumes: [spaced:/a, fine:/b, plugin:/c, outside:/d, keyed:/e]
volumes:
  spaced:
    name: my data
  fine:
    name: app-data
  plugin:
    name: my data
    driver: rexray/ebs
  outside:
    name: my data
    external: true
  keyed: {}
`;

test('projectInfo says why the local driver refuses a volume name, and only where the local driver makes the volume', (t) => {
  const fx = fixture(t, { 'compose.yaml': FILE });
  fx.open('compose.yaml');
  const info = fx.service.projectInfo(fx.uri('compose.yaml'), 'none')!;
  const refused = Object.fromEntries(info.volumes.map((v) => [v.name, v.refused]));
  assert.match(refused.spaced ?? '', /characters the local driver refuses/);
  assert.deepEqual({ ...refused, spaced: undefined }, { spaced: undefined, fine: undefined, plugin: undefined, outside: undefined, keyed: undefined });
  const diagnostics = fx.diagnostics('invalid-format');
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [7], 'the error is on the same volume the lens marks');
});

test('a driver set in an override decides, as Compose merges it', (t) => {
  const refusedWith = (driver: string) => {
    const fx = fixture(t, {
      'compose.yaml': 'name: shop\nservices:\n  db:\n    image: postgres:16\n    volumes: [spaced:/a]\nvolumes:\n  spaced:\n    name: x\n    driver: rexray/ebs\n',
      'compose.override.yaml': `volumes:\n  spaced:\n    driver: ${driver}\n`,
    });
    fx.open('compose.yaml');
    return fx.service.projectInfo(fx.uri('compose.yaml'), 'none')!.volumes[0]!.refused;
  };
  assert.match(refusedWith('local') ?? '', /too short/);
  assert.equal(refusedWith('other/plugin'), undefined);
});

test('projectInfo lists what the services this file defines ask of the engine, variables substituted, for the client to compare with its engine', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: nginx\n    cpus: ${WEB_CPUS:-4}\n    cpuset: "0-3"\n  worker:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          cpus: "1.5"\n    runtime: nvidia\n    logging:\n      driver: loki\n  idle:\n    image: nginx\n',
    'compose.override.yaml': 'services:\n  idle:\n    cpus: 8\n',
  });
  fx.open('compose.yaml');
  const asked = fx.service.projectInfo(fx.uri('compose.yaml'), 'none')!.engineRequests.map((r) => [r.service, r.key, r.value, r.range.start.line]);
  assert.deepEqual(asked, [
    ['web', 'cpus', '4', 3], ['web', 'cpuset', '0-3', 4],
    ['worker', 'deploy.resources.limits.cpus', '1.5', 10], ['worker', 'runtime', 'nvidia', 11], ['worker', 'logging.driver', 'loki', 13],
  ], 'the override\'s request is the override\'s to show');
});

test('a runtime or logging driver the server warns of as a typo is not also asked of the engine: one finding, with its fix', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: nginx\n    runtime: nvidai\n    logging:\n      driver: jsonfile\n  api:\n    image: nginx\n    runtime: runsc\n    logging:\n      driver: ${LOGS:-jsonfile}\n',
  });
  fx.open('compose.yaml');
  const asked = fx.service.projectInfo(fx.uri('compose.yaml'), 'none')!.engineRequests.map((r) => [r.service, r.key, r.value]);
  // A variable's value is not warned of by the server (it may be set otherwise): the engine's check speaks for it.
  assert.deepEqual(asked, [['api', 'runtime', 'runsc'], ['api', 'logging.driver', 'jsonfile']]);
  const typos = fx.diagnostics('invalid-value').map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(typos, [[3, 2], [5, 2]]);
});

test('what a << merge brings is the service\'s, for the client too: its image, container name, profiles and the volumes it mounts; and hover counts it among a volume\'s users', (t) => {
  const fx = fixture(t, { 'compose.yaml': `name: shop
x-app: &app
  image: shop/app:1.2
  container_name: shop-web
  profiles: [web]
  volumes: [uploads:/srv/uploads]
  ports: ["8080:80"]
  networks: [back]
services:
  web:
    <<: *app
    command: serve
  db:
    image: postgres:16
volumes:
  uploads: {}
networks:
  back: {}
` });
  fx.open('compose.yaml');
  const info = fx.service.projectInfo(fx.uri('compose.yaml'), 'full')!;
  const web = info.services.find((s) => s.name === 'web')!;
  assert.equal(web.image, 'shop/app:1.2');
  assert.equal(web.containerName, 'shop-web');
  assert.deepEqual(web.profiles, ['web']);
  assert.deepEqual(web.volumes, ['uploads']);
  assert.deepEqual(web.ports, ['8080:80']);
  assert.deepEqual(web.networks, ['back']);
  const at = fx.text('compose.yaml').indexOf('  uploads: {}') + 3;
  const hover = fx.service.hover(fx.uri('compose.yaml'), fx.open('compose.yaml').positionAt(at));
  assert.match(String((hover?.contents as { value: string }).value), /Used by: `web`/);
});
