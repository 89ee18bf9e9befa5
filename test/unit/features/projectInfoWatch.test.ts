// dockhand/projectInfo says which services have develop.watch rules and a build, for Compose Watch
// (client/src/compose/watch.ts) and its CodeLens: as Compose reads each service, an override's rules
// appended to the main file's (measured with Compose 2.26.1's `config`) and a `<<` merge's brought in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const MAIN = `x-dev: &dev
  develop:
    watch:
      - action: sync
        path: ./src
        target: /src
services:
  web:
    build: .
    develop:
      watch:
        - action: rebuild
          path: package.json
  api:
    image: node:22
    <<: *dev
  db:
    image: postgres:16
  worker:
    image: busybox
    develop: {}
`;

test('projectInfo: watch rules and builds per service, written, merged or added by an override; the lenses\' places say which services watch', (t) => {
  const fx = fixture(t, { 'compose.yaml': MAIN, 'compose.override.yaml': 'services:\n  worker:\n    develop:\n      watch:\n        - action: sync\n          path: ./w\n          target: /w\n' });
  fx.open('compose.yaml');
  const info = fx.service.projectInfo(fx.uri('compose.yaml'), 'full')!;
  const facts = Object.fromEntries(info.services.map((s) => [s.name, [s.watches, s.builds]]));
  assert.deepEqual(facts, { web: [true, true], api: [true, false], db: [undefined, undefined], worker: [true, false] });
  const places = fx.service.projectInfo(fx.uri('compose.yaml'), 'places')!;
  assert.deepEqual(places.servicePlaces?.map((p) => `${p.name}${p.watches ? ' watches' : ''}`), ['web watches', 'api watches', 'db', 'worker watches']);
});
