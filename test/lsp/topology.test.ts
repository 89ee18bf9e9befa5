// dockhand/topology over stdio: the built server answers with the merged
// project, and follows an unsaved edit (the view redraws from the server's
// model, never from a parse in the client).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';
import { TopologyRequest, type TopologyModel } from '../../common/src/protocol';

let server: LspSession;

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after);
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir) });
});

test('dockhand/topology answers with the project merged over its override, and follows edits', async () => {
  const main = fx.path('compose.yaml');
  const override = fx.path('compose.override.yaml');
  const text = 'name: topo\nservices:\n  web:\n    image: nginx\n    ports: ["8000:80"]\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: postgres\n    volumes: [dbdata:/var/lib/postgresql/data]\nvolumes:\n  dbdata: {}\n';
  fs.writeFileSync(main, text);
  fs.writeFileSync(override, 'services:\n  db:\n    ports: ["127.0.0.1:8001:5432"]\n');
  server.open(fileUri(main), text);
  const first = await server.request<TopologyModel>(TopologyRequest.method, { uri: fileUri(main) });
  assert.equal(first.projectName, 'topo');
  assert.deepEqual(first.files, [main, override]);
  assert.deepEqual(first.services.map((s) => s.name), ['web', 'db']);
  const db = first.services[1];
  assert.deepEqual(db.ports, [{ hostIp: '127.0.0.1', published: '8001', target: '5432', protocol: 'tcp', location: { uri: fileUri(override), range: { start: { line: 2, character: 12 }, end: { line: 2, character: 33 } } } }]);
  assert.deepEqual(first.services[0].links, [{ service: 'db', kind: 'depends_on', condition: 'service_healthy' }]);
  assert.deepEqual(first.volumes.map((v) => v.fullName), ['topo_dbdata']);
  assert.deepEqual(first.networks.map((n) => [n.name, n.implicit]), [['default', true]]);

  // An unsaved edit: a new service on its own network.
  server.change(fileUri(main), text.replace('volumes:\n  dbdata', '  cache:\n    image: redis\n    networks: [back]\nnetworks:\n  back: {}\nvolumes:\n  dbdata'));
  const second = await server.request<TopologyModel>(TopologyRequest.method, { uri: fileUri(main) });
  assert.deepEqual(second.services.map((s) => `${s.name}:${s.networks.join(',')}`), ['web:default', 'db:default', 'cache:back']);
  assert.deepEqual(second.networks.map((n) => n.name), ['default', 'back']);

  // Compose commands run with --project-name (dockhand.compose.projectName): it wins over name:.
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { compose: { projectName: 'staging' } } } });
  const renamed = await server.request<TopologyModel>(TopologyRequest.method, { uri: fileUri(main) });
  assert.equal(renamed.projectName, 'staging');
  assert.deepEqual(renamed.volumes.map((v) => v.fullName), ['staging_dbdata']);
  assert.deepEqual(renamed.networks.map((n) => n.fullName), ['staging_default', 'staging_back']);
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: {} } });
});

test('dockhand/topology answers null for a file it cannot read', async () => {
  const answer = await server.request<TopologyModel | null>(TopologyRequest.method, { uri: fileUri(path.join(dir, 'missing', 'compose.yaml')) });
  assert.equal(answer, null);
});
