// What hovers say about the project's services, networks and volumes, worked
// out once per project (the workspace builds a new project after every
// change, so a WeakMap keyed by it is a per-version cache), and a service
// written once also once per definition.
import { isMap, type Node } from 'yaml';
import { KIND_OF_SECTION, type NameDefinition } from '../../model/fileModel';
import { interpolateText } from '../../model/interpolation';
import { entries, getValue, isExternalValue, scalarText, seqItems } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { joinedAcross } from '../../model/serviceNetworks';
import { mergedNetworksOf, serviceBodyOf } from '../../diagnostics/rules/projectServices';

export interface ServiceFacts {
  readonly name: string;
  /** Network keys the service joins (`default` when it declares none). */
  readonly networks: readonly string[];
  readonly networkMode?: string;
  readonly image?: string;
  readonly build?: string;
  readonly hostname?: string;
  readonly containerName?: string;
  /** `ports` entries as written (short syntax), or `published:target` for the long form. */
  readonly ports: readonly string[];
  /** Extra host names per network key (`networks: {back: {aliases: [api]}}`). */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
  readonly defined: boolean;
}

export interface ResourceFacts {
  readonly key: string;
  /** The name Docker knows it by. */
  readonly fullName: string;
  readonly external: boolean;
  readonly driver?: string;
  /** Declared under the top-level section (else Compose makes it up: only `default` may be). */
  readonly defined: boolean;
}

interface ProjectFacts {
  readonly services: Map<string, ServiceFacts>;
  networkMembers?: Map<string, string[]>;
}

const cache = new WeakMap<ComposeProject, ProjectFacts>();

function factsOf(project: ComposeProject): ProjectFacts {
  let facts = cache.get(project);
  if (!facts) cache.set(project, (facts = { services: new Map() }));
  return facts;
}

function text(project: ComposeProject, node: unknown): string | undefined {
  const raw = scalarText(node);
  return raw === undefined ? undefined : interpolateText(raw, project.lookup).text;
}

/**
 * A service written once, by its definition and the project's variables: an unchanged block keeps its
 * definitions across edits (and its tree only while something reads it: model/blockTrees.ts), so the
 * project of the next version (and a hover listing a network's thousands of members) does not read every
 * service again.
 */
const singleDefinitionFacts = new WeakMap<NameDefinition, { readonly variablesKey: string; readonly facts: ServiceFacts }>();

export function serviceFacts(project: ComposeProject, name: string): ServiceFacts {
  const facts = factsOf(project);
  let service = facts.services.get(name);
  if (service) return service;
  const single = project.definitions('service', name);
  const only = single.length === 1 ? single[0] : undefined;
  const kept = only && singleDefinitionFacts.get(only);
  if (kept && kept.variablesKey === project.variablesKey) {
    facts.services.set(name, kept.facts);
    return kept.facts;
  }
  let networkMode: string | undefined;
  let image: string | undefined;
  let build: string | undefined;
  let hostname: string | undefined;
  let containerName: string | undefined;
  const ports: string[] = [];
  const aliases = new Map<string, string[]>();
  const definitions = project.definitions('service', name);
  // Later files (overrides) win for single values; lists add up, as Compose merges them.
  for (const def of definitions) {
    // As Compose reads it: an image, ports or a container_name a `<<` merge brings are the service's.
    const body = serviceBodyOf(project, def);
    if (!isMap(body)) continue;
    for (const [key, pair] of entries(getValue(body, 'networks'))) {
      const names = seqItems(getValue(pair.value, 'aliases')).map((a) => text(project, a)).filter((a): a is string => !!a);
      if (names.length > 0) aliases.set(key, names);
    }
    networkMode = text(project, getValue(body, 'network_mode')) ?? networkMode;
    image = text(project, getValue(body, 'image')) ?? image;
    const buildNode = getValue(body, 'build');
    build = text(project, buildNode) ?? text(project, getValue(buildNode, 'context')) ?? (isMap(buildNode) ? '.' : build);
    hostname = text(project, getValue(body, 'hostname')) ?? hostname;
    containerName = text(project, getValue(body, 'container_name')) ?? containerName;
    for (const item of seqItems(getValue(body, 'ports'))) {
      if (isMap(item)) {
        const target = text(project, getValue(item, 'target'));
        const published = text(project, getValue(item, 'published'));
        if (target) ports.push(published ? `${published}:${target}` : target);
      } else {
        const port = text(project, item);
        if (port) ports.push(port);
      }
    }
  }
  // Which networks: what each definition read with its block says, merged as Compose merges them (model/serviceNetworks.ts).
  service = { name, networks: joinedAcross(definitions, mergedNetworksOf(project)), networkMode, image, build, hostname, containerName, ports, aliases, defined: definitions.length > 0 };
  facts.services.set(name, service);
  if (only) singleDefinitionFacts.set(only, { variablesKey: project.variablesKey, facts: service });
  return service;
}

/** The services joined to a network key; computed once per project, on first use. */
export function networkMembers(project: ComposeProject, key: string): string[] {
  const facts = factsOf(project);
  if (!facts.networkMembers) {
    const members = new Map<string, string[]>();
    for (const service of project.names('service')) {
      for (const network of serviceNetworks(project, service)) {
        const list = members.get(network);
        if (list) list.push(service);
        else members.set(network, [service]);
      }
    }
    facts.networkMembers = members;
  }
  return facts.networkMembers.get(key) ?? [];
}

/**
 * The network keys a service joins, as `serviceFacts` says them, from what its definitions read with
 * their blocks (model/serviceNetworks.ts): the first hover on a network asks it of every service (all of
 * a service's facts for each was ~37 ms on 5,000 services), and again after each edit.
 */
function serviceNetworks(project: ComposeProject, name: string): readonly string[] {
  const known = factsOf(project).services.get(name);
  if (known) return known.networks;
  const definitions = project.definitions('service', name);
  return joinedAcross(definitions, mergedNetworksOf(project));
}

/** A network, volume, config or secret of the project: its real name and whether Compose owns it. */
export function resourceFacts(project: ComposeProject, section: 'networks' | 'volumes' | 'configs' | 'secrets', key: string): ResourceFacts {
  const kind = KIND_OF_SECTION[section];
  const definitions = project.definitions(kind, key);
  const body = definitions[definitions.length - 1]?.value as Node | null | undefined;
  const explicit = text(project, getValue(body, 'name'));
  const externalNode = getValue(body, 'external');
  const external = isExternalValue(externalNode);
  const legacyName = text(project, getValue(externalNode, 'name'));
  const fullName = external ? (explicit ?? legacyName ?? key) : project.resourceName(key, explicit);
  return { key, fullName, external, driver: text(project, getValue(body, 'driver')), defined: definitions.length > 0 };
}

/** The full names of a service's networks, for sentences. */
export function networkNames(project: ComposeProject, networks: readonly string[]): string[] {
  return networks.map((key) => resourceFacts(project, 'networks', key).fullName);
}
