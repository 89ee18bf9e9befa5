// The warning on an external network the engine lacks (client/src/docker/composeNetworkStatus.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingExternalNetworks } from '../../../client/src/docker/composeNetworkStatus';

const range = { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } };

test('an external network this file defines and the engine lacks is warned of by its Docker name; one the engine has, one not external or defined elsewhere, not', () => {
  const networks = [
    { name: 'proxy', fullName: 'traefik_proxy', external: true, range },
    { name: 'shared', fullName: 'shared', external: true, range },
    { name: 'back', fullName: 'app_back', external: false, range },
    { name: 'other', fullName: 'other', external: true },
  ];
  const missing = missingExternalNetworks(networks, new Set(['shared', 'bridge']));
  assert.deepEqual(missing.map((m) => [m.fullName, m.range]), [['traefik_proxy', range]]);
  assert.match(missing[0]!.warning, /^The external network "traefik_proxy" does not exist on the Docker engine, so Compose Up will fail \("network traefik_proxy declared as external, but could not be found"\)/);
});
