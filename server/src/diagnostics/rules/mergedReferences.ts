// Names a service uses through an anchor: a `<<` merge (`<<: *defaults`
// bringing `depends_on`, `networks`, `volumes`, `secrets`... from an `x-`
// template) or an entry that takes an anchored value whole (`volumes:
// *mounts`). Compose resolves both first, so they count like names written in
// the service. The file model keeps the names as written; these are shown at
// the merge or the alias that brings them.
import { isAlias, isSeq, YAMLSeq, type Alias, type Node, type YAMLMap } from 'yaml';
import { referencesInDefinition, takesAliasWhole, type FileModel, type NameDefinition, type NameReference } from '../../model/fileModel';
import { ENTRIES_WITH_NAMES, referencesInServiceEntry, type ReferenceSink } from '../../model/serviceEntryNames';
import { keyText } from '../../model/locate';
import { nodeRange, rangeInScalar, type Range } from '../../model/nodes';
import { readable } from '../../model/chunkedDocument';
import { mergedKeyOrigins, resolve } from '../specWalk';
import { takesFromAnchors } from './projectServices';

/** An entry that names things whose value is an alias (`volumes: *mounts`). */
function takenWhole(pair: { key: unknown; value: unknown }): boolean {
  return takesAliasWhole(pair) && ENTRIES_WITH_NAMES.has(keyText(pair.key));
}

/**
 * The references one service gets from `<<` merges and from entries taken whole through an alias (none,
 * cheaply, for a body with neither), each shown at the merge or the alias that brings it.
 */
export function mergedInto(model: FileModel, def: NameDefinition): NameReference[] {
  // The references themselves are not kept: their ranges are made at each call, where the block is now.
  if (def.kind !== 'service' || !takesFromAnchors(def)) return [];
  const out: NameReference[] = [];
  const text = readable(model.doc.text);
  const sink = (range: Range, merged: boolean, anchor: string): ReferenceSink => (kind, scalar, name, at, via, file) => {
    if (!name || name.includes('${')) return;
    const written = rangeInScalar(scalar, text, at, name.length);
    // A mapping merged as written (`<<: {networks: [back]}`) has the name in the service: shown where it is.
    if (merged && anchor === '<<') out.push({ kind, name, uri: model.doc.uri, range: written, via, fromService: def.name, file });
    else out.push({ kind, name, uri: model.doc.uri, range, via, fromService: def.name, file, through: { merged, anchor, written } });
  };
  const body = def.value as YAMLMap;
  for (const [key, merged] of mergedKeyOrigins(model.doc, body)) {
    referencesInServiceEntry(key, withItemsResolved(model, resolve(model.doc, merged.value)), sink(merged.range, true, merged.alias));
  }
  for (const pair of body.items) {
    const range = takenWhole(pair) ? nodeRange(pair.value) : undefined;
    if (range) referencesInServiceEntry(keyText(pair.key), withItemsResolved(model, resolve(model.doc, pair.value)), sink(range, false, (pair.value as Alias).source));
  }
  return out;
}

/** A list whose items are aliases (`depends_on: [*db]`) read as the values they name; anything else as it is. */
function withItemsResolved(model: FileModel, value: unknown): unknown {
  if (!isSeq(value) || !value.items.some(isAlias)) return value;
  const copy = new YAMLSeq();
  copy.items = value.items.map((item) => resolve(model.doc, item));
  return copy;
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

/** The references the services of these files get through anchors (`mergedInto`), each with the service it goes to (asked only of the definitions whose block read a `<<` key or an entry taken through an alias: no other block is read again). */
export function* referencesThroughMerges(files: Iterable<FileModel>): Generator<NameReference> {
  for (const file of files) {
    for (const def of file.definitions) if (def.kind === 'service' && takesFromAnchors(def)) yield* mergedInto(file, def);
  }
}

