// A network's hover lists the services on it, read from each service's networks alone (fast on thousands
// of services); it must say what each service's own hover says of its networks, across override files too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkMembers, serviceFacts } from '../../../server/src/features/hover/facts';
import { fixture } from '../../support/fixture';

test('the members of each network are the services whose facts name it: no networks, network_mode, lists, mappings, overrides', (t) => {
  const fx = fixture(t, `
#- compose.yaml
services:
  plain:
    image: nginx
  host:
    image: nginx
    network_mode: host
  listed:
    networks: [default, back]
  mapped:
    networks:
      back:
        aliases: [db]
      front: {}
  empty:
    networks: {}
  nulled:
    networks:
  scalar: nginx
  overridden:
    image: nginx
  moded:
    network_mode: \${MODE:-bridge}
#- compose.override.yaml
services:
  overridden:
    networks: [front]
  listed:
    networks: [edge]
`);
  const project = fx.workspace.project(fx.uri('compose.yaml'));
  const services = project.names('service');
  const networks = new Set(services.flatMap((s) => serviceFacts(project, s).networks));
  assert.deepEqual([...networks].sort(), ['back', 'default', 'edge', 'front']);
  // Asked first, before any service's facts are kept for this version of the project.
  const fresh = fx.restarted().workspace.project(fx.uri('compose.yaml'));
  for (const network of networks) {
    const members = networkMembers(fresh, network);
    assert.deepEqual([...members].sort(), services.filter((s) => serviceFacts(project, s).networks.includes(network)).sort(), network);
  }
  // An empty mapping joins default, as Compose reads it (`docker compose config`: `networks: {default: null}`);
  // so does a null one here, which Compose refuses ("must be a list") and wrong-type reports.
  assert.deepEqual([...networkMembers(fresh, 'default')].sort(), ['empty', 'listed', 'nulled', 'plain', 'scalar']);
  assert.deepEqual([...networkMembers(fresh, 'front')].sort(), ['mapped', 'overridden']);
});
