/**
 * The Compose format in our own words, and the lookups completion, hover and
 * validation use on it. Paths are the model's: mapping keys as strings, list
 * indices as numbers (`['services', 'db', 'ports', 0]`).
 */
import { parseVolumeShort } from './mountPaths';
import { composeSpec } from './root';
import type { KeySpec } from './types';

export { composeSpec };
export type { KeySpec, NameKind, TextFormat, ValueKind } from './types';
export { checkFormat } from './formats';
export { isInterpolated } from './interpolated';
export { isHostPath, parseVolumeShort } from './mountPaths';
export type { VolumeShort } from './mountPaths';
export { parsePortMapping } from './portMappings';
export type { PortMapping, PortRange } from './portMappings';

const isExtensionKey = (key: string) => key.startsWith('x-');

/** The spec of the child at `segment` of a value described by `spec`; undefined when unknown or free-form. */
export function childSpec(spec: KeySpec, segment: string | number): KeySpec | undefined {
  if (typeof segment === 'number') return segment === 0 && spec.firstItem ? spec.firstItem : spec.items;
  const known = spec.properties?.[segment];
  if (known) return known;
  // `x-*` keys hold anything the user likes (anchors, tool settings).
  if (isExtensionKey(segment) && spec.extensions) return undefined;
  return spec.additional === true ? undefined : spec.additional;
}

/**
 * The spec at a path from the root of a Compose file, or undefined where the
 * format says nothing (unknown keys, `x-*` extensions, free-form mappings).
 */
export function specAtPath(path: readonly (string | number)[], root: KeySpec = composeSpec): KeySpec | undefined {
  let spec: KeySpec | undefined = root;
  for (const segment of path) {
    if (!spec) return undefined;
    spec = childSpec(spec, segment);
  }
  return spec;
}

/** The keys Compose knows in a mapping described by `spec`. */
export function childKeys(spec: KeySpec): [string, KeySpec][] {
  return Object.entries(spec.properties ?? {});
}

/** The keys completion offers in a mapping: the keys the spec knows, then the names usually written where the keys are the user's (`suggestedKeys`). */
export function offeredKeys(spec: KeySpec): [string, KeySpec][] {
  const known = childKeys(spec);
  const additional = spec.additional;
  if (!spec.suggestedKeys || !additional || additional === true) return known;
  return [...known, ...spec.suggestedKeys.map((name): [string, KeySpec] => [name, additional])];
}

/**
 * Where a scalar names a service/network/volume/config/secret, the name and
 * its offset within the text; undefined when this text names nothing (a bind
 * mount, `network_mode: host`, `volumes_from: container:x`...).
 */
export function nameInScalar(spec: KeySpec, text: string): { name: string; offset: number } | undefined {
  if (!spec.refersTo) return undefined;
  if (spec.refersToPrefix !== undefined) {
    if (!text.startsWith(spec.refersToPrefix)) return undefined;
    const name = text.slice(spec.refersToPrefix.length);
    return name ? { name, offset: spec.refersToPrefix.length } : undefined;
  }
  if (spec.format === 'volume-short') {
    const volume = parseVolumeShort(text);
    if (!volume || volume.isBind || volume.source === undefined) return undefined;
    return { name: volume.source, offset: 0 };
  }
  // `volumes_from: container:NAME` names a container outside the project.
  if (text.startsWith('container:')) return undefined;
  // `links: [db:alias]`, `volumes_from: [db:ro]`: the name comes before the colon.
  const name = text.split(':')[0]!;
  return name ? { name, offset: 0 } : undefined;
}

/** Calls `visit` for every spec in the tree with its path (`*` for user-chosen keys, `[]` for list items). */
export function walkSpec(visit: (path: string, spec: KeySpec) => void, spec: KeySpec = composeSpec, path = ''): void {
  visit(path, spec);
  for (const [name, child] of childKeys(spec)) walkSpec(visit, child, path ? `${path}.${name}` : name);
  if (spec.additional && spec.additional !== true) walkSpec(visit, spec.additional, `${path}.*`);
  if (spec.items) walkSpec(visit, spec.items, `${path}[]`);
}
