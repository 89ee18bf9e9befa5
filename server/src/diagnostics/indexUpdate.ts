// Brings a service check's index (factIndex.ts) up to the project's files
// between two runs (serviceChecks.ts): only the parts that changed are taken
// out and put in (a file's parts are compared only when its model changed; an
// edited document's blocks keep their unchanged definitions), and a key is
// dirty when its values differ between the parts that went and the parts that
// came.
//
// Facts are a pure function of a part's body (no ranges), so the parts that
// went are asked again for theirs (nothing is kept per definition). The index
// holds the facts' keys and only the values a check reads there (`detail`
// false): the values that only tell whether a key is dirty (a service's
// networks and ports as text, say) are made for the parts an edit changed,
// never for every service of an opened file.
import { servicePart } from './rules/projectServices';
import type { ComposeDocument } from '../model/document';
import type { FileModel, NameDefinition } from '../model/fileModel';
import type { RuleRequest } from './rules/rule';
import type { ComposeProject } from '../model/project';
import type { FactIndex } from './factIndex';
import type { ServiceCheck } from './serviceChecks';

/** Facts the index of a check that asks for them (`definedNames`) holds for every service definition (also one whose body is not a mapping yet): its name is defined... */
export const DEFINED = (name: string): string => `defined:${name}`;
/** ...and is one of the project's service names (the values: a name per definition). */
export const SERVICE_NAMES = 'service-names';

/** Each indexed file's model and the service definitions taken from it, by URI. */
export type IndexedFiles = Map<string, { readonly model: FileModel; readonly defs: readonly NameDefinition[] }>;

/**
 * More than a third of the project's service definitions are new since the last run (an edit of an anchor
 * every service merges, a paste of half the file): a new index is cheaper than the changes.
 */
export function mostlyChanged(files: IndexedFiles, req: RuleRequest): boolean {
  if (files.size === 0) return false;
  let changed = 0;
  let all = 0;
  for (const file of req.project.files) {
    if (file.role === 'extends') continue;
    const defs = serviceDefinitions(file.model).list;
    all += defs.length;
    const before = files.get(file.uri);
    if (before?.model === file.model) continue;
    changed += before ? definitionChange(before.model, file.model).came.length : defs.length;
  }
  return changed > 50 && changed * 3 > all;
}

/**
 * Brings `index` up to the project as it is now, from the files it was made from (`before`): the files it is now
 * made from, and the keys whose values changed (when `dirtyKeys` asks for them, else none). Pauses every
 * `pauseEvery` definitions put in.
 */
export function* updateIndex(check: ServiceCheck, req: RuleRequest, index: FactIndex, before: IndexedFiles, dirtyKeys: boolean, pauseEvery: number): Generator<void, { files: IndexedFiles; dirty: Set<string> }> {
  const gone = new Map<string, string[]>();
  const came = new Map<string, string[]>();
  const collect = (into: Map<string, string[]>, model: FileModel, def: NameDefinition) => {
    if (!dirtyKeys) return;
    eachFact(check, model, def, true, (key, value) => {
      const list = into.get(key);
      if (list) list.push(value);
      else into.set(key, [value]);
    }, req.project);
  };
  const files: IndexedFiles = new Map();
  const docs = new Map<string, { doc: ComposeDocument; order: number }>();
  // A new index of thousands of services pauses every few hundred (the run is then `running` until it ends).
  let made = 0;
  for (let order = 0; order < req.project.files.length; order++) {
    const file = req.project.files[order]!;
    if (file.role === 'extends' || files.has(file.uri)) continue;
    docs.set(file.uri, { doc: file.model.doc, order });
    const was = before.get(file.uri);
    if (was?.model === file.model) {
      files.set(file.uri, was);
      continue;
    }
    const defs = serviceDefinitions(file.model).list;
    files.set(file.uri, { model: file.model, defs });
    const change = was ? definitionChange(was.model, file.model) : { gone: [], came: defs };
    for (const def of change.gone) {
      eachFact(check, was!.model, def, false, (key) => index.remove(def, key), req.project);
      collect(gone, was!.model, def);
    }
    for (const def of change.came) {
      if (++made % pauseEvery === 0) yield;
      eachFact(check, file.model, def, false, (key, value) => index.add(def, key, value), req.project);
      collect(came, file.model, def);
    }
  }
  for (const [uri, was] of before) {
    if (files.has(uri)) continue;
    for (const def of was.defs) {
      eachFact(check, was.model, def, false, (key) => index.remove(def, key), req.project);
      collect(gone, was.model, def);
    }
  }
  index.setDocs(docs);
  const dirty = new Set<string>();
  for (const [key, values] of gone) if (!sameValues(values, came.get(key))) dirty.add(key);
  for (const key of came.keys()) if (!gone.has(key)) dirty.add(key);
  return { files, dirty };
}

/** A model's service definitions, listed once per model for every check. */
const definitionsOf = new WeakMap<FileModel, { list: readonly NameDefinition[] }>();

function serviceDefinitions(model: FileModel): { list: readonly NameDefinition[] } {
  let found = definitionsOf.get(model);
  if (!found) definitionsOf.set(model, (found = { list: model.definitions.filter((d) => d.kind === 'service') }));
  return found;
}

/** The service definitions that went and came between two models of a file, found once for every check. */
const changes = new WeakMap<FileModel, WeakMap<FileModel, { gone: readonly NameDefinition[]; came: readonly NameDefinition[] }>>();

function definitionChange(before: FileModel, after: FileModel): { gone: readonly NameDefinition[]; came: readonly NameDefinition[] } {
  let byAfter = changes.get(before);
  if (!byAfter) changes.set(before, (byAfter = new WeakMap()));
  let change = byAfter.get(after);
  if (!change) {
    const old = serviceDefinitions(before).list;
    const now = serviceDefinitions(after).list;
    // An edit keeps the definitions of the blocks it did not touch, in order: only what lies between the common
    // start and the common end of the two lists is compared (no set of thousands of definitions per version).
    // A definition is listed once, so one found in the common start or end is in both lists.
    let start = 0;
    while (start < old.length && start < now.length && old[start] === now[start]) start++;
    let end = 0;
    while (end < old.length - start && end < now.length - start && old[old.length - 1 - end] === now[now.length - 1 - end]) end++;
    const oldMiddle = old.slice(start, old.length - end);
    const nowMiddle = now.slice(start, now.length - end);
    const oldSet = new Set(oldMiddle);
    const nowSet = new Set(nowMiddle);
    change = { gone: oldMiddle.filter((d) => !nowSet.has(d)), came: nowMiddle.filter((d) => !oldSet.has(d)) };
    byAfter.set(after, change);
  }
  return change;
}

/** Every fact a service definition shows a check (the same keys whatever `detail` says, see ServiceCheck.facts). */
function eachFact(check: ServiceCheck, model: FileModel, def: NameDefinition, detail: boolean, add: (key: string, value: string) => void, project: ComposeProject): void {
  if (check.definedNames) {
    add(DEFINED(def.name), '');
    add(SERVICE_NAMES, def.name);
  }
  // The document serves alias lookups: a definition whose facts read an anchor lives and dies with its document,
  // or, parsed by block, with its block, which model/incremental.ts replaces when an anchor it reads changes
  // (so the facts a definition that went is asked for again are the ones it gave).
  const part = servicePart(def, model.doc);
  if (part) check.facts?.(part, add, model, detail, project);
}

function sameValues(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}
