// The index of one service check (serviceChecks.ts): the facts every service
// part of the project's loaded files shows that check, by key. A check looks
// names, ports and hosts up here instead of walking every service; an edit
// takes out the definitions that went and puts in the ones that came.
import { isMap } from 'yaml';
import type { ComposeDocument } from '../model/document';
import type { NameDefinition } from '../model/fileModel';
import { servicePart, type ServicePart } from './rules/projectServices';

/** The one definition that shows a key, with its values: most keys (a port, a service's name) have one, kept without a Map. */
class OneHolder {
  constructor(readonly def: NameDefinition, readonly values: string[]) {}
}

/**
 * Who shows a key: one definition with the one value '' (most keys: a port, a service's name, a host name;
 * the definition itself, with no holder or list of its own), one definition with other values, or several
 * definitions in the order they were added.
 */
type Holders = NameDefinition | OneHolder | Map<NameDefinition, string[]>;

/** The values of a definition held alone (Holders): one empty value. */
const EMPTY_VALUE: readonly string[] = [''];

function holderList(holders: Holders): Iterable<[NameDefinition, readonly string[]]> {
  if (holders instanceof Map) return holders;
  return holders instanceof OneHolder ? [[holders.def, holders.values]] : [[holders, EMPTY_VALUE]];
}

/** The facts of every service part of the project's loaded files (not files reached only through `extends`), by key. */
export class FactIndex {
  private readonly byKey = new Map<string, Holders>();
  /** Per run: each part's document and its file's place in the load order. */
  private docs = new Map<string, { doc: ComposeDocument; order: number }>();
  /** Things the checks of one run share, made when first asked. */
  private shared = new Map<string, unknown>();
  /** Things derived from the whole index (a "did you mean" list, the dependency graph's circles), kept across runs until a key they read is dirty. */
  private readonly derived = new Map<string, { readonly reads: readonly string[]; readonly value: unknown }>();

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The keys that start with `prefix`, in no particular order (what a check derives from all of them is made anew from these). */
  *keysStartingWith(prefix: string): IterableIterator<string> {
    for (const key of this.byKey.keys()) if (key.startsWith(prefix)) yield key;
  }

  /** The parts that show `key`, in load order (file by file, then as written). */
  parts(key: string): ServicePart[] {
    const holders = this.byKey.get(key);
    if (!holders) return [];
    // Most keys name one service written once: no sorting, no pairs.
    if (!(holders instanceof Map)) {
      const def = holders instanceof OneHolder ? holders.def : holders;
      const file = this.docs.get(def.uri);
      const part = file && servicePart(def, file.doc);
      return part ? [part] : [];
    }
    return this.entries(key).map(([part]) => part);
  }

  /** Every value of `key`, in no particular order. */
  values(key: string): string[] {
    const holders = this.byKey.get(key);
    if (!holders) return [];
    if (holders instanceof OneHolder) return [...holders.values];
    if (!(holders instanceof Map)) return [''];
    return [...holders.values()].flat();
  }

  /** The parts that show `key` with their values, in load order. */
  entries(key: string): [ServicePart, readonly string[]][] {
    return this.inLoadOrder(key, true).flatMap(({ def, doc, values }) => {
      const part = servicePart(def, doc);
      return part ? [[part, values] as [ServicePart, readonly string[]]] : [];
    });
  }

  /**
   * The names of the services that show `key` with their values, in load order, reading no body: a key a
   * check's `facts` adds (not DEFINED or SERVICE_NAMES) is shown only by definitions whose body is a mapping,
   * and in a large file a body is read again from its text when asked (model/blockTrees.ts): the dependency
   * graph, made again when a service is named, read all 5,000 of the bench's.
   */
  namedValues(key: string): [string, readonly string[]][] {
    return this.inLoadOrder(key, false).map(({ def, values }) => [def.name, values]);
  }

  private inLoadOrder(key: string, mappingsOnly: boolean): { def: NameDefinition; doc: ComposeDocument; values: readonly string[] }[] {
    const holders = this.byKey.get(key);
    if (!holders) return [];
    const found: { def: NameDefinition; doc: ComposeDocument; values: readonly string[]; order: number }[] = [];
    for (const [def, values] of holderList(holders)) {
      const file = this.docs.get(def.uri);
      if (file && (!mappingsOnly || isMap(def.value))) found.push({ def, doc: file.doc, values, order: file.order });
    }
    if (found.length > 1) found.sort((a, b) => a.order - b.order || a.def.range[0] - b.def.range[0]);
    return found;
  }

  /** A value the checks of this run share, made once (not kept across runs: "did you mean" has a budget per list). */
  perRun<T>(name: string, make: () => T): T {
    if (!this.shared.has(name)) this.shared.set(name, make());
    return this.shared.get(name) as T;
  }

  /** Every key with its values, sorted: what the tests compare with an index built from scratch. */
  snapshot(): string[] {
    const out: string[] = [];
    for (const [key, holders] of this.byKey) {
      const values = [...holderList(holders)].flatMap(([def, list]) => list.map((v) => `${def.uri}#${def.name}=${v}`));
      out.push(`${key} ${values.sort().join(' | ')}`);
    }
    return out.sort();
  }

  /**
   * A value derived from the whole index, kept across runs until one of `reads` is dirty (or the check's
   * context changed): it must depend on those keys' values alone, not on the order of the definitions.
   */
  keep<T>(name: string, reads: readonly string[], make: () => T): T {
    const found = this.derived.get(name);
    if (found) return found.value as T;
    const value = make();
    this.derived.set(name, { reads, value });
    return value;
  }

  /** @internal */ forgetDerived(dirty: ReadonlySet<string> | undefined): void {
    for (const [name, { reads }] of this.derived) if (!dirty || reads.some((key) => dirty.has(key))) this.derived.delete(name);
  }

  /** @internal */ setDocs(docs: Map<string, { doc: ComposeDocument; order: number }>): void {
    this.docs = docs;
    this.shared = new Map();
  }

  /** @internal */ add(def: NameDefinition, key: string, value: string): void {
    const holders = this.byKey.get(key);
    if (!holders) this.byKey.set(key, value === '' ? def : new OneHolder(def, [value]));
    else if (holders instanceof OneHolder) {
      if (holders.def === def) holders.values.push(value);
      else this.byKey.set(key, new Map([[holders.def, holders.values], [def, [value]]]));
    } else if (!(holders instanceof Map)) {
      if (holders === def) this.byKey.set(key, new OneHolder(def, ['', value]));
      else this.byKey.set(key, new Map([[holders, ['']], [def, [value]]]));
    } else {
      const values = holders.get(def);
      if (values) values.push(value);
      else holders.set(def, [value]);
    }
  }

  /** @internal */ remove(def: NameDefinition, key: string): void {
    const holders = this.byKey.get(key);
    if (!holders) return;
    if (!(holders instanceof Map)) {
      if ((holders instanceof OneHolder ? holders.def : holders) === def) this.byKey.delete(key);
      return;
    }
    holders.delete(def);
    if (holders.size === 0) this.byKey.delete(key);
  }
}

