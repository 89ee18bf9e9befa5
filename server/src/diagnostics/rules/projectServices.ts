// The services of a project as the rules that compare services need them:
// every definition (an override may add to one), with the file it is in.
import { isMap, isSeq, YAMLMap, type Node } from 'yaml';
import { mergedPair } from '../../model/blockNodes';
import type { ComposeDocument } from '../../model/document';
import { takesAliasWhole, type NameDefinition } from '../../model/fileModel';
import { keyText } from '../../model/locate';
import type { ComposeProject } from '../../model/project';
import { getValue, scalarText, seqItems } from '../../model/nodes';
import { knownText } from '../../model/interpolation';
import { bodyCache } from '../bodyCache';
import { isMergeKey, keyOfMap, mergedKeyOrigins, resolve } from '../specWalk';
import { joinedAcross, networksFrom, type ServiceNetworks } from '../../model/serviceNetworks';

export interface ServicePart {
  readonly name: string;
  readonly def: NameDefinition;
  readonly doc: ComposeDocument;
  readonly body: YAMLMap;
}

/**
 * One definition of a service as the rules that compare services read it: its body as Compose reads it, with
 * what its `<<` merges bring and its entries' aliases resolved (`composedBody`). Undefined for a body that is
 * not a mapping.
 */
export function servicePart(def: NameDefinition, doc: ComposeDocument): ServicePart | undefined {
  const body = def.value;
  if (!isMap(body)) return undefined;
  return { name: def.name, def, doc, body: takesFromAnchors(def) ? composedBody(doc, body) : body };
}

/**
 * Whether a service definition's body takes anything from an anchor: a `<<` key or an entry that is an alias.
 * Most take nothing; a service definition says so as read with its block (model/serviceNetworks.ts for `<<`,
 * fileModel.ts for an alias), so its body, which a large file reads again from its text when asked
 * (model/blockTrees.ts), is not read for it.
 */
export function takesFromAnchors(def: NameDefinition): boolean {
  if (def.networks) return def.networks.merges || def.takesAliases === true;
  const body = def.value;
  return isMap(body) && takesFromAnchor(body);
}

/** Whether a body has a `<<` key or an entry whose whole value is an alias. */
function takesFromAnchor(body: YAMLMap): boolean {
  return body.items.some((pair) => isMergeKey(pair.key) || takesAliasWhole(pair));
}

/** A service definition's body as Compose reads it (`servicePart`), for a feature that holds the project; else as written. */
export function serviceBodyOf(project: ComposeProject, def: NameDefinition): unknown {
  const doc = project.file(def.uri)?.model.doc;
  return (doc && servicePart(def, doc)?.body) ?? def.value;
}

/**
 * A service body as Compose reads it (`composedBody`) where it has a `<<` key or an entry that is an alias, for
 * a rule that reads a body without its definition; anything else as it is.
 */
export function bodyAsComposed(doc: ComposeDocument, body: unknown): unknown {
  return isMap(body) && takesFromAnchor(body) ? composedBody(doc, body) : body;
}

/**
 * Whether `node` is a copy of a value a `<<` merge or an alias brings (`composedBody`): it stands at the alias,
 * so a range inside its text cannot be read from the document (the whole node's range is the alias's).
 */
export function broughtByMerge(node: unknown): boolean {
  return typeof node === 'object' && node !== null && mergedCopies.has(node);
}

const mergedCopies = new WeakSet<object>();

const markCopy = (copy: object): void => void mergedCopies.add(copy);

/** Bodies with a `<<` key as Compose reads them, made once per body node (a block is read again when an anchor it merges changes). */
const composed = new WeakMap<YAMLMap, YAMLMap>();

/**
 * A service body with its `<<` merges applied and its entries' aliases resolved, as Compose reads the service:
 * its own keys (an alias as the value it names: `ports: *ports`), then each key a merge brings that it does not
 * write itself. A value brought by a merge or an alias is a copy whose every node stands at the alias that
 * brings it (`*common` in `<<: *common`), so a finding on it is shown in the service, where it takes effect, and
 * a quick fix that checks the text under its range offers nothing there (the value is written in the anchor,
 * which other services may share).
 */
function composedBody(doc: ComposeDocument, body: YAMLMap): YAMLMap {
  let found = composed.get(body);
  if (found) return found;
  found = new YAMLMap();
  // The body's own range, read through it: it moves with its block.
  Object.defineProperty(found, 'range', { get: () => body.range, enumerable: true, configurable: true });
  for (const pair of body.items) {
    if (isMergeKey(pair.key)) continue;
    const named = takesAliasWhole(pair) ? resolve(doc, pair.value) : undefined;
    // An alias that names no anchor (`unknown-anchor` speaks) stays as written.
    found.items.push(named === undefined ? pair : mergedPair(keyText(pair.key), named, pair.value as Node, markCopy));
  }
  for (const [key, merged] of mergedKeyOrigins(doc, body)) {
    const at = merged.at as Node;
    found.items.push(mergedPair(key, resolve(doc, merged.value), at, markCopy));
  }
  composed.set(body, found);
  return found;
}

/** Every service body of the project's loaded files (not files reached only through `extends`), by name. */
export function projectServices(project: ComposeProject): Map<string, ServicePart[]> {
  const byName = new Map<string, ServicePart[]>();
  for (const file of project.files) {
    if (file.role === 'extends') continue;
    for (const def of file.model.definitions) {
      const part = def.kind === 'service' ? servicePart(def, file.model.doc) : undefined;
      if (!part) continue;
      const list = byName.get(def.name) ?? [];
      list.push(part);
      byName.set(def.name, list);
    }
  }
  return byName;
}

/** The bodies of one service across the project's loaded files (as `projectServices` gives them, without the others). */
export function serviceParts(project: ComposeProject, name: string): ServicePart[] {
  const out: ServicePart[] = [];
  for (const def of project.definitions('service', name)) {
    const file = project.file(def.uri);
    const part = file && servicePart(def, file.model.doc);
    if (part) out.push(part);
  }
  return out;
}

/** The last value written for `key` across a service's parts (later files override earlier ones). */
export function lastValue(parts: readonly ServicePart[], key: string): unknown {
  let value: unknown;
  for (const part of parts) {
    const v = getValue(part.body, key);
    if (v !== undefined) value = v;
  }
  return value;
}

/** A service written once: its networks, read once per body node while the service checks need them again (bodyCache.ts). */
const networksOfBody = bodyCache<ReadonlySet<string> | null>();

/**
 * The networks a service joins (`default` when it names none, as Compose does for an empty list or mapping too),
 * or undefined when they cannot be told: `network_mode` takes it off them, or its `networks` is neither a list nor a
 * mapping (`networks:` just typed, with nothing under it yet), which Compose refuses and `wrong-type` reports.
 */
export function serviceNetworks(parts: readonly ServicePart[]): ReadonlySet<string> | undefined {
  if (parts.length !== 1) return networksOf(parts);
  const body = parts[0]!.body;
  let found = networksOfBody.get(body);
  if (found === undefined) networksOfBody.set(body, (found = networksOf(parts) ?? null));
  return found ?? undefined;
}

function networksOf(parts: readonly ServicePart[]): Set<string> | undefined {
  const read: { networks: ServiceNetworks }[] = [];
  for (const part of parts) {
    // `networks:` just typed, with nothing under it yet: Compose refuses it (wrong-type says so), and which networks cannot be told.
    const written = getValue(part.body, 'networks');
    if (written !== undefined && !isSeq(written) && !isMap(written)) return undefined;
    const networks = networksOfPart(part);
    if (networks.networkMode) return undefined;
    read.push({ networks });
  }
  return new Set(joinedAcross(read));
}

/** A part's networks: as its definition read them with its block, or, where its body merges (`<<`), with what the merge brings. */
function networksOfPart(part: ServicePart): ServiceNetworks {
  const kept = part.def.networks;
  return kept && !kept.merges ? kept : networksFrom((key) => keyOfMap(part.doc, part.body, key));
}

/**
 * Whether a service joins network `name`, so that `up` makes it: by name (also through a `<<` merge), or `default`
 * by naming no network. Compose makes only the networks a service joins. Asked of a few networks only (those a
 * rule has something to say of): unless a reference names it, it walks the services.
 */
export function networkJoined(project: ComposeProject, name: string): boolean {
  if (project.references('network', name).length > 0) return true;
  // `default` by naming none, or a name a `<<` merge brings (the anchor's list is no reference of a service).
  const throughMerges = mergedNetworksOf(project);
  return project.names('service').some((service) => joinedAcross(project.definitions('service', service), throughMerges).includes(name));
}

/**
 * Reads a service definition's networks with what its `<<` merges bring, for `joinedAcross`, which asks it of
 * such bodies only: what a definition keeps from its block was read without the anchors the merge names.
 */
export function mergedNetworksOf(project: ComposeProject): (def: NameDefinition) => ServiceNetworks | undefined {
  return (def) => {
    const doc = project.file(def.uri)?.model.doc;
    const body = def.value;
    return doc && isMap(body) ? networksOfPart({ name: def.name, def, doc, body }) : undefined;
  };
}

/** A whole number written as a number or a numeric string; undefined otherwise. */
export function wholeNumber(node: unknown, lookup?: (name: string) => string | undefined): number | undefined {
  const written = scalarText(node);
  // Written with variables (`replicas: ${WEB_REPLICAS:-3}`): what they give, with the project's variables; unknown without.
  const text = written !== undefined && lookup ? knownText(written, lookup) : written;
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

export function isMapNode(node: unknown): node is YAMLMap {
  return isMap(node);
}

/** A service's profiles, all its parts together. */
export function profiles(parts: readonly ServicePart[]): Set<string> {
  if (parts.length === 1) return bodyProfiles(parts[0]!.body);
  const set = new Set<string>();
  for (const part of parts) for (const profile of bodyProfiles(part.body)) set.add(profile);
  return set;
}

/** A body's profiles, read once while its nodes live (an unchanged block keeps them across edits). */
const profileCache = new WeakMap<object, Set<string>>();

export function bodyProfiles(body: object): Set<string> {
  let set = profileCache.get(body);
  if (!set) {
    set = new Set<string>();
    for (const item of seqItems(getValue(body, 'profiles'))) {
      const text = scalarText(item);
      if (text) set.add(text);
    }
    profileCache.set(body, set);
  }
  return set;
}

/** Whether two services with these profiles run together in some run (no profiles: in every run). */
export function runTogether(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const p of a) if (b.has(p)) return true;
  return false;
}
