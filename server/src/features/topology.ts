// Answers `dockhand/topology`: the project as Compose merges it (main file,
// overrides, included files, `extends` bases), reduced to what the topology
// view draws: services with their networks, ports, mounts and links, and the
// top-level networks, volumes, secrets and configs.
//
// Merging follows Compose's rules for the keys drawn here: a scalar is
// replaced by a later file; ports, expose, tmpfs and links add up; volumes
// merge by container path, secrets and configs by source, networks and
// depends_on by name; `!reset` empties a key and `!override` replaces it.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type {
  TopologyLink,
  TopologyLocation,
  TopologyModel,
  TopologyMount,
  TopologyPort,
  TopologyResource,
  TopologyService,
} from '../../../common/src/protocol';
import type { NameDefinition, NameKind } from '../model/fileModel';
import { serviceBodyOf } from '../diagnostics/rules/projectServices';
import { entries, getValue, isExternalValue, scalarText, seqItems } from '../model/nodes';
import { interpolateText } from '../model/interpolation';
import type { ComposeProject } from '../model/project';
import { uriToPath } from '../model/workspace';
import { parseVolumeShort } from '../spec/mountPaths';
import { parsePortMapping } from '../spec/portMappings';

/** One service body as one file wrote it, with the file it comes from. */
interface Layer {
  readonly uri: string;
  readonly body: unknown;
}

/** Keyed merge: the later layer's entry replaces the earlier one with the same key. */
type Keyed<T> = Map<string, T>;

export function topology(project: ComposeProject, requestingUri: string): TopologyModel {
  const texts = new Map(project.files.map((f) => [f.uri, f.model.doc.text]));
  const locate = (uri: string, range: readonly number[] | undefined): TopologyLocation | undefined => {
    const text = texts.get(uri);
    if (!text || !range) return undefined;
    return { uri, range: { start: text.positionAt(range[0]), end: text.positionAt(range[1]) } };
  };
  const resolve = (value: string | undefined) => (value === undefined ? undefined : interpolateText(value, project.lookup).text);
  const definitionLocation = (defs: readonly NameDefinition[]) => {
    const def = defs.find((d) => d.uri === requestingUri) ?? defs[0];
    return def ? locate(def.uri, def.range) : undefined;
  };

  const services = project.names('service').map((name) => {
    const defs = project.definitions('service', name);
    const layers = [...extendsLayers(project, defs), ...defs.map((d) => ({ uri: d.uri, body: serviceBodyOf(project, d) }))];
    return mergeService(name, layers, { locate, resolve, location: definitionLocation(defs) });
  });

  const resources = (kind: NameKind): TopologyResource[] =>
    project.names(kind).map((name) => {
      const defs = project.definitions(kind, name);
      const last = <T>(pick: (body: unknown) => T | undefined) => lastOf(defs.map((d) => d.value), pick);
      const externalNode = last((b) => getValue(b, 'external') ?? undefined);
      const external = isExternalValue(externalNode);
      const explicit = resolve(last((b) => scalarText(getValue(b, 'name'))) ?? scalarText(getValue(externalNode, 'name')));
      const origin = kind === 'secret' || kind === 'config' ? last(originOf) : undefined;
      return {
        name,
        fullName: external || kind === 'secret' || kind === 'config' ? explicit ?? name : project.resourceName(name, explicit),
        external,
        driver: last((b) => scalarText(getValue(b, 'driver'))),
        origin,
        location: definitionLocation(defs),
      };
    });

  const networks = resources('network');
  // Every project has a `default` network, created when a service joins it without naming networks.
  if (!networks.some((n) => n.name === 'default') && services.some((s) => s.networks.includes('default'))) {
    networks.unshift({ name: 'default', fullName: project.resourceName('default', undefined), external: false, implicit: true });
  }
  return {
    projectName: project.name.name,
    files: project.mergedFiles.map((f) => f.path),
    services,
    networks,
    volumes: resources('volume'),
    secrets: resources('secret'),
    configs: resources('config'),
    profiles: [...new Set(services.flatMap((s) => s.profiles))].sort(),
  };
}

/** The bodies a service inherits through `extends` (its base's bases first), before its own. */
function extendsLayers(project: ComposeProject, defs: readonly NameDefinition[], seen = new Set<string>()): Layer[] {
  const layers: Layer[] = [];
  for (const def of defs) {
    const ext = getValue(def.value, 'extends');
    const base = scalarText(isScalar(ext) ? ext : getValue(ext, 'service'));
    if (!base) continue;
    const file = scalarText(getValue(ext, 'file'));
    const key = `${file ?? def.uri}#${base}`;
    if (seen.has(key)) continue; // a cycle: the extends-cycle rule reports it
    seen.add(key);
    let baseDefs: readonly NameDefinition[];
    if (file) {
      const target = path.resolve(path.dirname(uriToPath(def.uri)), file);
      const other = project.files.find((f) => f.path === target);
      baseDefs = other ? other.model.definitions.filter((d) => d.kind === 'service' && d.name === base) : [];
    } else {
      baseDefs = project.definitions('service', base);
    }
    layers.push(...extendsLayers(project, baseDefs, seen), ...baseDefs.map((d) => ({ uri: d.uri, body: serviceBodyOf(project, d) })));
  }
  return layers;
}

interface MergeContext {
  locate(uri: string, range: readonly number[] | undefined): TopologyLocation | undefined;
  resolve(value: string | undefined): string | undefined;
  location: TopologyLocation | undefined;
}

function mergeService(name: string, layers: readonly Layer[], ctx: MergeContext): TopologyService {
  const { resolve } = ctx;
  const bodies = layers.map((l) => l.body);
  const scalar = (pick: (body: unknown) => unknown) => resolve(lastOf(bodies, (b) => scalarText(pick(b))));
  const replicas = Number(scalar((b) => getValue(getValue(b, 'deploy'), 'replicas')) ?? scalar((b) => getValue(b, 'scale')) ?? NaN);
  const buildNode = lastOf(bodies, (b) => getValue(b, 'build') ?? undefined);
  const build = isMap(buildNode) ? resolve(scalarText(getValue(buildNode, 'context')) ?? '.') : resolve(scalarText(buildNode));

  const ports = mergeList(layers, 'ports', (item, uri) => {
    const port = portOf(item, resolve);
    if (!port) return undefined;
    const key = `${port.hostIp ?? ''}:${port.published ?? ''}:${port.target}/${port.protocol}`;
    return [key, { ...port, location: ctx.locate(uri, (item as Node).range ?? undefined) }];
  });
  const expose = mergeList(layers, 'expose', (item) => {
    const text = resolve(scalarText(item));
    return text ? [text, text] : undefined;
  });
  const mounts = mergeList(layers, 'volumes', (item, uri) => {
    const mount = mountOf(item, resolve);
    return mount ? [mount.target, { ...mount, location: ctx.locate(uri, (item as Node).range ?? undefined) }] : undefined;
  });
  const tmpfs = mergeList(layers, 'tmpfs', (item, uri): [string, TopologyMount] | undefined => {
    const target = resolve(scalarText(item))?.split(':')[0];
    return target ? [target, { type: 'tmpfs', target, readOnly: false, location: ctx.locate(uri, (item as Node).range ?? undefined) }] : undefined;
  });
  const named = (key: 'secrets' | 'configs') =>
    [
      ...mergeList(layers, key, (item) => {
        const source = scalarText(isMap(item) ? getValue(item, 'source') : item);
        return source ? [source, source] : undefined;
      }).values(),
    ];

  const networkMode = scalar((b) => getValue(b, 'network_mode'));
  const networks = [...mergeNamed(layers, 'networks').keys()];
  const links: TopologyLink[] = [];
  for (const [service, node] of mergeNamed(layers, 'depends_on')) {
    const condition = scalarText(getValue(node, 'condition')) ?? 'service_started';
    const required = scalarText(getValue(node, 'required')) !== 'false';
    links.push({ service, kind: 'depends_on', condition, ...(required ? {} : { required }) });
  }
  for (const text of mergeList(layers, 'links', (item) => {
    const t = scalarText(item);
    return t ? [t, t] : undefined;
  }).values()) {
    const [service, alias] = text.split(':');
    links.push({ service, kind: 'links', ...(alias ? { alias } : {}) });
  }
  for (const text of mergeList(layers, 'volumes_from', (item) => {
    const t = scalarText(item);
    return t && !t.startsWith('container:') ? [t, t] : undefined;
  }).values()) {
    links.push({ service: text.replace(/^service:/, '').split(':')[0], kind: 'volumes_from' });
  }
  if (networkMode?.startsWith('service:')) links.push({ service: networkMode.slice(8), kind: 'network_mode' });
  const ownExtends = layers.length ? getValue(layers[layers.length - 1].body, 'extends') : undefined;
  const extendsFrom = scalarText(isScalar(ownExtends) ? ownExtends : getValue(ownExtends, 'service'));
  if (extendsFrom) {
    const file = scalarText(getValue(ownExtends, 'file'));
    links.push({ service: extendsFrom, kind: 'extends', ...(file ? { file } : {}) });
  }

  const profiles = [
    ...mergeList(layers, 'profiles', (item) => {
      const t = resolve(scalarText(item));
      return t ? [t, t] : undefined;
    }).values(),
  ];
  return {
    name,
    location: ctx.location,
    image: scalar((b) => getValue(b, 'image')),
    build,
    containerName: scalar((b) => getValue(b, 'container_name')),
    replicas: Number.isNaN(replicas) ? undefined : replicas,
    profiles,
    networks: networkMode ? networks.filter((n) => n !== 'default') : networks.length ? networks : ['default'],
    networkMode,
    ports: [...ports.values()],
    expose: [...expose.values()],
    mounts: [...mounts.values(), ...tmpfs.values()],
    secrets: named('secrets'),
    configs: named('configs'),
    links,
  };
}

/** The last layer's answer that is not undefined. */
function lastOf<T>(bodies: readonly unknown[], pick: (body: unknown) => T | undefined): T | undefined {
  let found: T | undefined;
  for (const body of bodies) {
    const value = pick(body);
    if (value !== undefined) found = value;
  }
  return found;
}

/** A sequence key merged over the layers, keyed so a later file replaces an earlier entry; `!reset` and `!override` respected. */
function mergeList<T>(layers: readonly Layer[], key: string, item: (node: unknown, uri: string) => [string, T] | undefined): Keyed<T> {
  let merged: Keyed<T> = new Map();
  for (const layer of layers) {
    const node = getValue(layer.body, key);
    if (node === undefined) continue;
    if (tagOf(node) === '!reset') merged = new Map();
    if (tagOf(node) === '!override') merged = new Map();
    // `tmpfs: /run` is a single path, `expose: 80` a single port.
    const items = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
    for (const raw of items) {
      const entry = item(raw, layer.uri);
      if (!entry) continue;
      merged.delete(entry[0]); // re-insert so the order follows the last file
      merged.set(entry[0], entry[1]);
    }
  }
  return merged;
}

/** `networks:`/`depends_on:` in list or map form, merged by name: name -> its options node (or null). */
function mergeNamed(layers: readonly Layer[], key: string): Keyed<unknown> {
  let merged: Keyed<unknown> = new Map();
  for (const layer of layers) {
    const node = getValue(layer.body, key);
    if (node === undefined) continue;
    if (tagOf(node) === '!reset' || tagOf(node) === '!override') merged = new Map();
    for (const item of seqItems(node)) {
      const name = scalarText(item);
      if (name) merged.set(name, merged.get(name) ?? null);
    }
    for (const [name, pair] of entries(node)) merged.set(name, pair.value);
  }
  return merged;
}

function tagOf(node: unknown): string | undefined {
  return (node as Node | null)?.tag;
}

function portOf(item: unknown, resolve: (s: string | undefined) => string | undefined): Omit<TopologyPort, 'location'> | undefined {
  if (isMap(item)) {
    const target = resolve(scalarText(getValue(item, 'target')));
    if (!target) return undefined;
    const published = resolve(scalarText(getValue(item, 'published')));
    const hostIp = resolve(scalarText(getValue(item, 'host_ip')));
    return { target, protocol: resolve(scalarText(getValue(item, 'protocol'))) ?? 'tcp', ...(published ? { published } : {}), ...(hostIp ? { hostIp } : {}) };
  }
  const text = resolve(scalarText(item));
  const parsed = text ? parsePortMapping(text) : undefined;
  if (!parsed) return undefined;
  const range = ([a, b]: readonly [number, number]) => (a === b ? String(a) : `${a}-${b}`);
  return {
    target: range(parsed.containerPorts),
    protocol: parsed.protocol,
    ...(parsed.hostPorts ? { published: range(parsed.hostPorts) } : {}),
    ...(parsed.hostIp ? { hostIp: parsed.hostIp } : {}),
  };
}

const MOUNT_TYPES = new Set<TopologyMount['type']>(['volume', 'bind', 'tmpfs', 'npipe', 'image', 'cluster']);

function mountOf(item: unknown, resolve: (s: string | undefined) => string | undefined): Omit<TopologyMount, 'location'> | undefined {
  if (isMap(item)) {
    const target = resolve(scalarText(getValue(item, 'target')));
    if (!target) return undefined;
    const written = scalarText(getValue(item, 'type')) as TopologyMount['type'] | undefined;
    const source = resolve(scalarText(getValue(item, 'source')));
    const type: TopologyMount['type'] = written && MOUNT_TYPES.has(written) ? (written === 'volume' && !source ? 'anonymous' : written) : source ? 'volume' : 'anonymous';
    return { type, target, readOnly: scalarText(getValue(item, 'read_only')) === 'true', ...(source ? { source } : {}) };
  }
  const text = resolve(scalarText(item));
  const parsed = text ? parseVolumeShort(text) : undefined;
  if (!parsed) return undefined;
  const readOnly = parsed.mode?.split(',').includes('ro') ?? false;
  if (!parsed.source) return { type: 'anonymous', target: parsed.target, readOnly };
  return { type: parsed.isBind ? 'bind' : 'volume', source: parsed.source, target: parsed.target, readOnly };
}

/** Where a secret or config comes from: `file: ./x`, `environment: VAR`, `content`, or external. */
function originOf(body: unknown): string | undefined {
  for (const key of ['file', 'environment', 'content', 'template_driver']) {
    const text = scalarText(getValue(body, key));
    if (text !== undefined) return key === 'content' ? 'inline content' : `${key}: ${text}`;
  }
  return undefined;
}
