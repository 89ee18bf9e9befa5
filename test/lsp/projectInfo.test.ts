import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../support/fixture';
import { fileUri, startServer, type LspSession } from './helpers/server';
import { ProjectInfoRequest, type ProjectInfo } from '../../common/src/protocol';

let server: LspSession;

after(async () => {
  await server.stop();
});
// Registered after the server's stop: `after` hooks run in order, so the folder goes once the server has stopped.
const fx = fixture(after, { '.env': 'TAG=15\n' }, { folder: 'My App' });
const dir = fx.dir;

before(async () => {
  server = await startServer({ rootUri: fileUri(dir) });
});

test('dockhand/projectInfo describes the project over stdio', async () => {
  const file = fx.path('compose.yaml');
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    ports: ["8080:80"]',
    '    networks: [front]',
    '    profiles: [debug]',
    '  db:',
    '    image: postgres:${TAG}',
    '    volumes: ["dbdata:/var/lib/postgresql/data"]',
    '    deploy: {replicas: 2}',
    'networks:',
    '  front: {}',
    'volumes:',
    '  dbdata: {}',
    '  old: {external: true}',
  ].join('\n');
  fs.writeFileSync(file, text);
  server.open(fileUri(file), text);
  const info = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(file) });
  const expectedName = path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  assert.equal(info.projectName, expectedName);
  assert.equal(info.workingDirectory, dir);
  assert.deepEqual(info.files, [file]);
  assert.deepEqual(info.services.map((s) => s.name), ['web', 'db']);
  assert.deepEqual(info.services[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
  assert.deepEqual(info.servicesRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
  assert.deepEqual(info.services[0].ports, ['8080:80']);
  assert.deepEqual(info.services[0].profiles, ['debug']);
  assert.equal(info.services[1].image, 'postgres:15');
  assert.equal(info.services[1].replicas, 2);
  assert.deepEqual(info.services[1].volumes, ['dbdata']);
  assert.deepEqual(info.profiles, ['debug']);
  assert.deepEqual(info.networks.map((n) => n.fullName), [`${expectedName}_front`]);
  assert.deepEqual(info.volumes.map((v) => [v.fullName, v.external]), [[`${expectedName}_dbdata`, false], ['old', true]]);
  // What the volume CodeLens asks on every edit: the resources without the services.
  const resources = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(file), services: 'none' });
  assert.deepEqual(resources.services, []);
  assert.deepEqual(resources.profiles, []);
  assert.deepEqual(resources.volumes, info.volumes);
  assert.deepEqual(resources.networks, info.networks);
});

test("dockhand/projectInfo with services: 'places' says where this file defines each service, in the file's order, and nothing more", async () => {
  const main = fx.path('places/compose.yaml');
  const override = fx.path('places/compose.override.yaml');
  fs.mkdirSync(path.dirname(main), { recursive: true });
  const mainText = ['services:', '  web:', '    image: nginx', '  db:', '    image: postgres'].join('\n');
  // The override defines a new service before it changes one of the main file's.
  const overrideText = ['services:', '  cache:', '    image: redis', '  db:', '    ports: ["5432:5432"]'].join('\n');
  fs.writeFileSync(main, mainText);
  fs.writeFileSync(override, overrideText);
  server.open(fileUri(main), mainText);
  server.open(fileUri(override), overrideText);
  const full = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(override) });
  assert.deepEqual(full.services.map((s) => s.name), ['web', 'db', 'cache']);
  assert.equal(full.servicePlaces, undefined);
  const places = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(override), services: 'places' });
  assert.deepEqual(places.services, []);
  assert.deepEqual(places.servicePlaces, [
    { name: 'cache', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } } },
    { name: 'db', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 4 } } },
  ]);
  assert.deepEqual(places.files, full.files);
  assert.equal(places.projectName, full.projectName);
  assert.equal(places.servicesHere, 2);
  // Up to a number of services (the CodeLens draws none for each above it): the places only if the file has no more.
  const within = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(override), services: 'places', placesUpTo: 2 });
  assert.deepEqual(within.servicePlaces, places.servicePlaces);
  const beyond = await server.request<ProjectInfo>(ProjectInfoRequest.method, { uri: fileUri(override), services: 'places', placesUpTo: 1 });
  assert.equal(beyond.servicePlaces, undefined);
  assert.equal(beyond.servicesHere, 2, 'the file defines two services: more than one');
});
