// The topology model (from the server) as a graph to lay out and draw: boxes
// with lines of text, network groups, and labelled edges. DOM-free and
// VS Code-free, so the webview, the unit tests and the benchmark share it.
//
// Layout is elkjs's (Eclipse Layout Kernel, layered algorithm with
// hierarchy): this module only says what the boxes are and how big.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyLink, TopologyLocation, TopologyModel, TopologyMount, TopologyPort, TopologyService } from '../../../common/src/protocol';

/** A service's live state, as the panel posts it (absent without an engine). */
export interface LiveState {
  state: 'running' | 'exited' | 'restarting' | 'other' | 'not-created';
  /** "running 2/3 (healthy)", "exited (1)", "not created". */
  label: string;
}

export type NodeKind = 'service' | 'port' | 'volume' | 'bind' | 'secret' | 'config' | 'external';
export type GroupKind = 'network' | 'host' | 'host-network' | 'resources';
export type EdgeKind = TopologyLink['kind'] | 'port' | 'mount' | 'secret' | 'config' | 'same-service';

export interface TextLine {
  text: string;
  /** title (bold), detail, state, note */
  style: 'title' | 'detail' | 'state' | 'note';
  /** A published port's `localhost:8001 → db:5432`, on its line. */
  label?: string;
  /** What a click on this line reveals (a port's own entry). */
  location?: TopologyLocation;
}

export interface DrawNode {
  id: string;
  kind: NodeKind;
  lines: TextLine[];
  width: number;
  height: number;
  /** The service a box stands for (several boxes when it joins several networks). */
  service?: string;
  /** What a click reveals in the editor. */
  location?: TopologyLocation;
  parent?: string;
}

export interface DrawGroup {
  id: string;
  kind: GroupKind;
  title: string;
  subtitle?: string;
  name: string;
  location?: TopologyLocation;
}

export interface DrawEdge {
  id: string;
  kind: EdgeKind;
  from: string;
  to: string;
  label?: string;
}

export interface DrawGraph {
  groups: DrawGroup[];
  nodes: DrawNode[];
  edges: DrawEdge[];
  /** Services left out by the profile filter. */
  hidden: string[];
}

export interface GraphOptions {
  /** Profiles switched off in the filter: a service shows when it has no profile or one switched on. */
  hiddenProfiles?: ReadonlySet<string>;
  /** Text width in pixels (canvas measureText in the webview, an estimate elsewhere). */
  measure?: (text: string, style: TextLine['style']) => number;
}

export const LINE_HEIGHT = 17;
export const PADDING = 8;
/** Room kept on every service for the longest state, so a state change never resizes (relayouts) a box. */
export const STATE_ROOM = 'running 10/10 (health: starting)';

const GROUP_TITLE_HEIGHT = 34;

/** A rough width for tests and the benchmark outside a browser (13 px UI font). */
export function estimateWidth(text: string, style: TextLine['style']): number {
  return text.length * (style === 'title' ? 7.6 : 6.8);
}

export function portLabel(service: string, port: TopologyPort): string {
  const local = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' || port.hostIp === '127.0.0.1' || port.hostIp === '::1';
  const host = local ? 'localhost' : port.hostIp!.includes(':') ? `[${port.hostIp}]` : port.hostIp!;
  return `${host}:${port.published ?? '*'} → ${service}:${port.target}`;
}

function portDetail(port: TopologyPort): string {
  const where = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? 'all host addresses' : `only on ${port.hostIp}`;
  return `${port.protocol} · ${where}${port.published ? '' : ' · Docker picks the host port'}`;
}

function dependencyLabel(link: TopologyLink): string {
  switch (link.kind) {
    case 'depends_on': {
      const condition = (link.condition ?? 'service_started').replace(/^service_/, '').replace('completed_successfully', 'completed');
      return `depends_on: ${condition}${link.required === false ? ' (optional)' : ''}`;
    }
    case 'links':
      return link.alias ? `links as ${link.alias}` : 'links';
    case 'extends':
      return link.file ? `extends (${link.file})` : 'extends';
    case 'network_mode':
      return 'shares network stack';
    case 'volumes_from':
      return 'volumes_from';
  }
}

function mountLabel(mount: TopologyMount): string {
  return `${mount.target}${mount.readOnly ? ' (ro)' : ''}`;
}

/** Whether the profile filter shows a service. */
export function isShown(service: TopologyService, hiddenProfiles: ReadonlySet<string>): boolean {
  return service.profiles.length === 0 || service.profiles.some((p) => !hiddenProfiles.has(p));
}

export function buildGraph(model: TopologyModel, options: GraphOptions = {}): DrawGraph {
  const measure = options.measure ?? estimateWidth;
  const hiddenProfiles = options.hiddenProfiles ?? new Set<string>();
  const groups: DrawGroup[] = [];
  const nodes: DrawNode[] = [];
  const edges: DrawEdge[] = [];
  const box = (node: Omit<DrawNode, 'width' | 'height'>, minWidth = 0): DrawNode => {
    const width = Math.ceil(Math.max(minWidth, ...node.lines.map((l) => measure(l.text, l.style)))) + 2 * PADDING;
    const drawn = { ...node, width, height: node.lines.length * LINE_HEIGHT + 2 * PADDING };
    nodes.push(drawn);
    return drawn;
  };
  const shown = model.services.filter((s) => isShown(s, hiddenProfiles));
  const shownNames = new Set(shown.map((s) => s.name));
  const hidden = model.services.filter((s) => !shownNames.has(s.name)).map((s) => s.name);

  const networkGroups = new Map<string, DrawGroup>();
  const group = (id: string, make: () => DrawGroup) => {
    let g = networkGroups.get(id);
    if (!g) {
      g = make();
      networkGroups.set(id, g);
      groups.push(g);
    }
    return g;
  };
  const networkInfo = new Map(model.networks.map((n) => [n.name, n]));
  const networkGroup = (name: string) =>
    group(`network:${name}`, () => {
      const info = networkInfo.get(name);
      const notes = [info?.fullName ?? `not defined`, info?.external ? 'external' : undefined, info?.driver].filter(Boolean);
      return { id: `network:${name}`, kind: 'network', name, title: `network ${name}`, subtitle: notes.join(' · '), location: info?.location };
    });
  const stateWidth = measure(`● ${STATE_ROOM}`, 'state');

  /** The first box of each service: the one arrows, ports and mounts attach to. */
  const primary = new Map<string, string>();
  const serviceBoxes = (service: TopologyService, parents: (string | undefined)[]) => {
    const lines: TextLine[] = [{ text: service.replicas !== undefined ? `${service.name} ×${service.replicas}` : service.name, style: 'title' }];
    lines.push({ text: service.image ? service.image : service.build !== undefined ? `build ${service.build}` : 'no image', style: 'detail' });
    lines.push({ text: '', style: 'state' });
    if (service.networkMode) lines.push({ text: `network_mode: ${service.networkMode}`, style: 'note' });
    if (service.expose.length) lines.push({ text: `expose ${service.expose.join(', ')} (inside only)`, style: 'note' });
    for (const m of service.mounts) {
      if (m.type === 'tmpfs') lines.push({ text: `tmpfs ${m.target}`, style: 'note' });
      else if (m.type === 'anonymous') lines.push({ text: `anonymous volume ${mountLabel(m)}`, style: 'note' });
    }
    if (service.profiles.length) lines.push({ text: `profiles: ${service.profiles.join(', ')}`, style: 'note' });
    const ids: string[] = [];
    for (const parent of parents) {
      const id = parent ? `service:${service.name}@${parent}` : `service:${service.name}`;
      box({ id, kind: 'service', lines, service: service.name, location: service.location, parent }, stateWidth);
      ids.push(id);
    }
    primary.set(service.name, ids[0]);
    // One container drawn in several networks: join its boxes.
    for (let i = 1; i < ids.length; i++) edges.push({ id: `same:${service.name}:${i}`, kind: 'same-service', from: ids[0], to: ids[i] });
  };

  for (const service of shown) {
    const mode = service.networkMode;
    let parents: (string | undefined)[];
    if (mode === 'host') parents = [group('host-network', () => ({ id: 'host-network', kind: 'host-network', name: 'host', title: 'host network', subtitle: 'network_mode: host: the host\'s own interfaces' })).id];
    else if (mode) parents = [undefined];
    else parents = service.networks.map((n) => networkGroup(n).id);
    if (parents.length === 0) parents = [undefined];
    serviceBoxes(service, parents);
  }

  // Published ports on the host's edge of the picture: one box per service, a line per port.
  const withPorts = shown.filter((s) => s.ports.length);
  if (withPorts.length) {
    groups.unshift({ id: 'host', kind: 'host', name: 'host', title: 'host', subtitle: 'published ports' });
    for (const service of withPorts) {
      const lines: TextLine[] = service.ports.flatMap((port): TextLine[] => {
        const label = portLabel(service.name, port);
        return [
          { text: label, style: 'title', label, location: port.location },
          { text: portDetail(port), style: 'note', location: port.location },
        ];
      });
      const id = `ports:${service.name}`;
      box({ id, kind: 'port', lines, location: service.ports[0].location, parent: 'host', service: service.name });
      edges.push({ id: `e:${id}`, kind: 'port', from: id, to: primary.get(service.name)! });
    }
  }

  // Named volumes as their own boxes; bind mounts as folders (one per host path).
  const volumeInfo = new Map(model.volumes.map((v) => [v.name, v]));
  const made = new Set<string>();
  for (const service of shown) {
    service.mounts.forEach((mount, i) => {
      if (mount.type !== 'volume' && mount.type !== 'bind') return;
      const id = `${mount.type}:${mount.source}`;
      if (!made.has(id)) {
        made.add(id);
        if (mount.type === 'volume') {
          const info = volumeInfo.get(mount.source!);
          const detail = info ? `${info.fullName}${info.external ? ' · external' : ''}` : 'not defined under volumes:';
          box({ id, kind: 'volume', lines: [{ text: `volume ${mount.source}`, style: 'title' }, { text: detail, style: 'detail' }], location: info?.location });
        } else {
          box({ id, kind: 'bind', lines: [{ text: mount.source!, style: 'title' }, { text: 'host folder (bind mount)', style: 'detail' }], location: mount.location }, 60);
        }
      }
      edges.push({ id: `m:${service.name}:${i}`, kind: 'mount', from: primary.get(service.name)!, to: id, label: mountLabel(mount) });
    });
  }
  // Defined volumes nobody mounts still belong in the picture.
  for (const volume of model.volumes) {
    const id = `volume:${volume.name}`;
    if (made.has(id)) continue;
    made.add(id);
    box({ id, kind: 'volume', lines: [{ text: `volume ${volume.name}`, style: 'title' }, { text: `${volume.fullName}${volume.external ? ' · external' : ''} · unused`, style: 'detail' }], location: volume.location });
  }
  for (const kind of ['secret', 'config'] as const) {
    const defined = new Map((kind === 'secret' ? model.secrets : model.configs).map((r) => [r.name, r]));
    for (const service of shown) {
      for (const name of kind === 'secret' ? service.secrets : service.configs) {
        const id = `${kind}:${name}`;
        if (!made.has(id)) {
          made.add(id);
          const info = defined.get(name);
          const detail = info ? (info.external ? `external ${info.fullName}` : info.origin ?? kind) : `not defined under ${kind}s:`;
          box({ id, kind, lines: [{ text: `${kind} ${name}`, style: 'title' }, { text: detail, style: 'detail' }], location: info?.location });
        }
        edges.push({ id: `${kind}:${service.name}:${name}`, kind, from: primary.get(service.name)!, to: id });
      }
    }
  }

  // Links between services that are both drawn; a link to an undefined service shows as a box of its own.
  for (const service of shown) {
    service.links.forEach((link, i) => {
      let to = primary.get(link.service);
      if (!to) {
        if (hidden.includes(link.service)) return;
        to = `missing:${link.service}`;
        if (!made.has(to)) {
          made.add(to);
          box({ id: to, kind: 'external', lines: [{ text: link.service, style: 'title' }, { text: link.kind === 'extends' && link.file ? `in ${link.file}` : 'not a service of this project', style: 'detail' }] });
        }
      }
      edges.push({ id: `l:${service.name}:${i}`, kind: link.kind, from: primary.get(service.name)!, to, label: dependencyLabel(link) });
    });
  }
  const graph = { groups, nodes, edges, hidden };
  if (isLarge(graph)) gatherFreeBoxes(graph);
  return graph;
}

/** On a large project, volumes, folders, secrets and configs go into groups of their own, so the layout places a few groups, not hundreds of boxes. */
function gatherFreeBoxes(graph: DrawGraph): void {
  const homes: Partial<Record<NodeKind, DrawGroup>> = {
    volume: { id: 'volumes', kind: 'resources', name: 'volumes', title: 'volumes' },
    bind: { id: 'folders', kind: 'resources', name: 'folders', title: 'host folders', subtitle: 'bind mounts' },
    secret: { id: 'secrets', kind: 'resources', name: 'secrets', title: 'secrets and configs' },
    external: { id: 'others', kind: 'resources', name: 'others', title: 'not in this project' },
  };
  homes.config = homes.secret;
  const used = new Set<DrawGroup>();
  for (const node of graph.nodes) {
    const home = node.parent ? undefined : homes[node.kind];
    if (!home) continue;
    node.parent = home.id;
    used.add(home);
  }
  graph.groups.push(...used);
}

/** Beyond this many boxes or edges, laying out every edge across the network groups takes seconds: see `toElk`. */
export const LARGE_GRAPH = { nodes: 150, edges: 300 };

export function isLarge(graph: DrawGraph): boolean {
  return graph.nodes.length > LARGE_GRAPH.nodes || graph.edges.length > LARGE_GRAPH.edges;
}

/**
 * The graph as elkjs input: groups as compound nodes, every coordinate in the
 * root's frame. A small project is laid out as one hierarchy (edges routed
 * across groups). A large one is laid out group by group: the boxes of each
 * group packed into rows (elkjs's box layout), the groups placed by the layered
 * algorithm over the edges between them; the edges that cross a group are
 * then drawn straight (`routed` is false for them).
 */
export function toElk(graph: DrawGraph): { input: ElkNode; routed: Set<string> } {
  const large = isLarge(graph);
  const children = new Map<string | undefined, ElkNode[]>();
  const add = (parent: string | undefined, node: ElkNode) => {
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  };
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parent]));
  for (const n of graph.nodes) add(n.parent, { id: n.id, width: n.width, height: n.height });
  const labelled = (e: DrawEdge) => (e.label ? [{ text: e.label, width: Math.ceil(estimateWidth(e.label, 'note')) + 6, height: 14 }] : []);
  const routed = new Set<string>();
  let edges: ElkExtendedEdge[];
  if (!large) {
    edges = graph.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to], labels: labelled(e) }));
    for (const e of graph.edges) routed.add(e.id);
  } else {
    // Between top-level items only (a group stands for its boxes), one edge per pair.
    const top = (id: string) => parentOf.get(id) ?? id;
    const pairs = new Map<string, ElkExtendedEdge>();
    for (const e of graph.edges) {
      const [a, b] = [top(e.from), top(e.to)];
      if (a === b) continue;
      const key = `${a}>${b}`;
      if (!pairs.has(key)) pairs.set(key, { id: `top:${key}`, sources: [a], targets: [b] });
    }
    edges = [...pairs.values()];
  }
  const groups: ElkNode[] = graph.groups.map((g) => ({
    id: g.id,
    children: children.get(g.id) ?? [],
    layoutOptions: {
      'elk.padding': `[top=${GROUP_TITLE_HEIGHT},left=12,bottom=12,right=12]`,
      'elk.nodeSize.minimum': `(${Math.max(estimateWidth(g.title, 'title'), estimateWidth(g.subtitle ?? '', 'detail')) + 24}, 40)`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      ...(large ? { 'elk.algorithm': 'box', 'elk.aspectRatio': '1.6', 'elk.spacing.nodeNode': '16' } : {}),
    },
  }));
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': large ? 'SEPARATE_CHILDREN' : 'INCLUDE_CHILDREN',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      // On a large project the layout's own edges are never drawn (they stand for many): the cheapest routing and placement will do.
      'elk.edgeRouting': large ? 'POLYLINE' : 'ORTHOGONAL',
      ...(large ? { 'elk.layered.nodePlacement.strategy': 'SIMPLE' } : {}),
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': large ? '120' : '48',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'true',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'elk.layered.thoroughness': '3',
    },
    children: [...groups, ...(children.get(undefined) ?? [])],
    edges,
  };
  return { input, routed };
}

