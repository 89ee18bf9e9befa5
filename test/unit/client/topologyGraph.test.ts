// The topology view's graph (what the webview lays out and draws), from a
// topology model: boxes per network, ports on the host edge, labelled edges,
// the profile filter, and the cheaper layout plan for large projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TopologyModel, TopologyService } from '../../../common/src/protocol';
import { buildGraph, isLarge, portLabel, toElk } from '../../../client/src/views/topologyGraph';

function service(name: string, extra: Partial<TopologyService> = {}): TopologyService {
  return { name, profiles: [], networks: ['default'], ports: [], expose: [], mounts: [], secrets: [], configs: [], links: [], ...extra };
}

function project(services: TopologyService[], extra: Partial<TopologyModel> = {}): TopologyModel {
  return { projectName: 'p', files: ['/p/compose.yaml'], services, networks: [], volumes: [], secrets: [], configs: [], profiles: [], ...extra };
}

test('port labels say where to connect from the host', () => {
  assert.equal(portLabel('db', { published: '8001', target: '5432', protocol: 'tcp' }), 'localhost:8001 → db:5432');
  assert.equal(portLabel('api', { hostIp: '127.0.0.1', published: '9229', target: '9229', protocol: 'tcp' }), 'localhost:9229 → api:9229');
  assert.equal(portLabel('dns', { hostIp: '192.168.1.5', published: '53', target: '53', protocol: 'udp' }), '192.168.1.5:53 → dns:53');
  assert.equal(portLabel('web', { target: '80', protocol: 'tcp' }), 'localhost:* → web:80');
});

test('a service on two networks is drawn in both, joined; depends_on, ports and volumes are edges', () => {
  const graph = buildGraph(
    project(
      [
        service('api', {
          networks: ['front', 'back'],
          ports: [{ published: '8000', target: '80', protocol: 'tcp' }],
          links: [{ service: 'db', kind: 'depends_on', condition: 'service_healthy' }],
          mounts: [
            { type: 'volume', source: 'data', target: '/data', readOnly: false },
            { type: 'bind', source: './src', target: '/src', readOnly: true },
            { type: 'tmpfs', target: '/run', readOnly: false },
          ],
        }),
        service('db', { networks: ['back'] }),
      ],
      { networks: [{ name: 'front', fullName: 'p_front', external: false }, { name: 'back', fullName: 'p_back', external: false }], volumes: [{ name: 'data', fullName: 'p_data', external: false }] },
    ),
  );
  assert.deepEqual(graph.groups.map((g) => `${g.kind}:${g.name}`), ['host:host', 'network:front', 'network:back']);
  const api = graph.nodes.filter((n) => n.service === 'api' && n.kind === 'service');
  assert.deepEqual(api.map((n) => n.parent), ['network:front', 'network:back']);
  assert.ok(api[0].lines.some((l) => l.text === 'tmpfs /run'));
  const kinds = graph.edges.map((e) => `${e.kind}:${e.from}>${e.to}:${e.label ?? ''}`);
  assert.ok(kinds.includes('same-service:service:api@network:front>service:api@network:back:'));
  assert.ok(kinds.includes('depends_on:service:api@network:front>service:db@network:back:depends_on: healthy'));
  assert.ok(kinds.includes('port:ports:api>service:api@network:front:'));
  assert.ok(kinds.includes('mount:service:api@network:front>volume:data:/data'));
  assert.ok(kinds.includes('mount:service:api@network:front>bind:./src:/src (ro)'));
  const ports = graph.nodes.find((n) => n.kind === 'port')!;
  assert.equal(ports.parent, 'host');
  assert.deepEqual(ports.lines.filter((l) => l.label).map((l) => l.label), ['localhost:8000 → api:80']);
  const { input, routed } = toElk(graph);
  assert.equal(input.layoutOptions?.['elk.hierarchyHandling'], 'INCLUDE_CHILDREN');
  assert.equal(routed.size, graph.edges.length, 'a small project has every edge routed by the layout');
});

test('the profile filter hides services of switched-off profiles, and their edges', () => {
  const model = project([service('web'), service('debugger', { profiles: ['debug'], links: [{ service: 'web', kind: 'depends_on', condition: 'service_started' }] })], { profiles: ['debug'] });
  assert.equal(buildGraph(model).nodes.filter((n) => n.kind === 'service').length, 2);
  const filtered = buildGraph(model, { hiddenProfiles: new Set(['debug']) });
  assert.deepEqual(filtered.nodes.filter((n) => n.kind === 'service').map((n) => n.service), ['web']);
  assert.deepEqual(filtered.hidden, ['debugger']);
  assert.equal(filtered.edges.length, 0);
});

test('network_mode host and service: are drawn as such; a missing dependency is a box of its own', () => {
  const graph = buildGraph(project([service('probe', { networks: [], networkMode: 'host' }), service('side', { networks: [], networkMode: 'service:probe', links: [{ service: 'probe', kind: 'network_mode' }, { service: 'ghost', kind: 'depends_on' }] })]));
  assert.equal(graph.nodes.find((n) => n.service === 'probe')?.parent, 'host-network');
  assert.equal(graph.nodes.find((n) => n.service === 'side')?.parent, undefined);
  assert.ok(graph.nodes.some((n) => n.id === 'missing:ghost' && n.kind === 'external'));
  assert.ok(graph.edges.some((e) => e.kind === 'network_mode' && e.label === 'shares network stack'));
});

test('a large project is laid out group by group, with volumes and folders gathered', () => {
  const services = Array.from({ length: 200 }, (_, i) =>
    service(`s${i}`, { networks: [`n${i % 4}`], mounts: [{ type: 'bind', source: `./c/${i}.yml`, target: '/c', readOnly: true }], links: i ? [{ service: `s${i - 1}`, kind: 'depends_on', condition: 'service_started' }] : [] }),
  );
  const graph = buildGraph(project(services));
  assert.ok(isLarge(graph));
  assert.ok(graph.nodes.filter((n) => n.kind === 'bind').every((n) => n.parent === 'folders'));
  const { input, routed } = toElk(graph);
  assert.equal(input.layoutOptions?.['elk.hierarchyHandling'], 'SEPARATE_CHILDREN');
  assert.equal(routed.size, 0);
  // Only edges between top-level items reach the layout, one per pair.
  const top = input.edges ?? [];
  assert.ok(top.length < 30, `${top.length} top-level edges`);
  assert.equal(new Set(top.map((e) => `${e.sources[0]}>${e.targets[0]}`)).size, top.length);
});
