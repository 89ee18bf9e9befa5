// Names a service uses through a `<<` merge (`<<: *defaults` bringing
// `depends_on`, `links` or `networks` from an `x-` template): Compose merges
// first, so they count like names written in the service. The file model
// keeps the names as written; these are shown at the merge that brings them.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { referencesInDefinition, type FileModel, type NameDefinition, type NameKind, type NameReference } from '../../model/fileModel';
import { keyText } from '../../model/locate';
import { scalarText } from '../../model/nodes';
import { mergedKeyOrigins, resolve } from '../specWalk';
import { perDefinition } from '../../model/definitionMemo';

const MERGED_NAMES: Readonly<Record<string, NameKind>> = { depends_on: 'service', links: 'service', networks: 'network' };

const cache = new WeakMap<FileModel, readonly NameReference[]>();

/** Whether a mapping has a `<<` key, asked once per mapping node (an unchanged block keeps its nodes across edits). */
const withMerge = new WeakMap<YAMLMap, boolean>();

function hasMergeKey(map: YAMLMap): boolean {
  let found = withMerge.get(map);
  if (found === undefined) withMerge.set(map, (found = map.items.some((p) => keyText(p.key) === '<<')));
  return found;
}

/** The references that services of this file get from `<<` merges and do not write themselves. */
export function mergedReferences(model: FileModel): readonly NameReference[] {
  let found = cache.get(model);
  if (found) return found;
  found = model.definitions.flatMap((def) => mergedInto(model, def));
  cache.set(model, found);
  return found;
}

/**
 * Whether a definition's body merges anything, asked once per definition: the cycle and undefined-name checks
 * ask for every service again whenever an edge or a name changes (a service being named), and in a large file
 * a body is read again from its text when asked (model/blockTrees.ts). The references themselves are not
 * kept: their ranges are made at each call, where the block is now.
 */
const mergesInto = perDefinition((body) => isMap(body) && hasMergeKey(body));

/** The references one service gets from `<<` merges (none, cheaply, for a body without `<<`). */
function mergedInto(model: FileModel, def: NameDefinition): NameReference[] {
  if (def.kind !== 'service' || !mergesInto(def)) return [];
  const out: NameReference[] = [];
  for (const [key, merged] of mergedKeyOrigins(model.doc, def.value as YAMLMap)) {
    const kind = MERGED_NAMES[key];
    if (!kind) continue;
    const value = resolve(model.doc, merged.value);
    // `depends_on: {x: {required: false}}` names x all the same: Compose refuses it when no file defines x.
    const names = isSeq(value)
      ? value.items.map((item) => scalarText(resolve(model.doc, item)))
      : isMap(value)
        ? value.items.map((p) => (isScalar(p.key) ? String(p.key.value) : undefined))
        : [];
    for (const raw of names) {
      const name = key === 'links' ? raw?.split(':')[0] : raw;
      if (!name || name.includes('${')) continue;
      out.push({ kind, name, uri: model.doc.uri, range: merged.range, via: key, fromService: def.name });
    }
  }
  return out;
}

/** A file's references by the service they are in, grouped once per file model (for a file parsed as a whole). */
const byService = new WeakMap<FileModel, Map<string, NameReference[]>>();

function referencesByService(file: FileModel): Map<string, NameReference[]> {
  let found = byService.get(file);
  if (!found) {
    found = new Map();
    for (const ref of file.references) {
      const list = found.get(ref.fromService);
      if (list) list.push(ref);
      else found.set(ref.fromService, [ref]);
    }
    byService.set(file, found);
  }
  return found;
}

/** The references written in (or merged into) this definition's body. */
export function referencesOf(file: FileModel, def: NameDefinition): readonly NameReference[] {
  const merged = mergedInto(file, def);
  let direct = referencesInDefinition(def);
  if (!direct) {
    const body = (def.value as Node | null)?.range;
    const all = referencesByService(file).get(def.name) ?? [];
    // A service written twice in one file: each definition answers for its own body.
    direct = body ? all.filter((ref) => ref.range[0] >= body[0] && ref.range[0] <= body[2]) : all;
  }
  return merged.length > 0 ? [...direct, ...merged] : direct;
}
