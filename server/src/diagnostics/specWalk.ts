// Walks a Compose document alongside our spec (`spec/`), so the format rules
// (unknown keys, types, values, formats, exclusive and required keys) each see
// every node with the spec that describes it, in one pass.
//
// Aliases are followed (their target is validated where it is used, and
// problems are reported on the alias); merge keys (`<<`) count as keys of the
// mapping they merge into, but are not themselves judged there. Nodes tagged
// `!reset` are skipped: they erase a value, so any shape is fine.
import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ComposeDocument } from '../model/document';
import { keyText, type PathSegment } from '../model/locate';
import { nodeRange, type Range } from '../model/nodes';
import { isInterpolated } from '../spec/interpolated';
import type { KeySpec, ValueKind } from '../spec/types';
import type { DiagnosticSeverity } from './make';

export interface SpecVisit {
  readonly doc: ComposeDocument;
  /** The value, aliases resolved; null for an empty value. */
  readonly node: Node | null;
  readonly spec: KeySpec;
  readonly path: readonly PathSegment[];
  /** Where a problem with this value is shown: the value itself, or the alias that brought it here. */
  readonly range: Range;
  /** The key that holds the value, when it sits in a mapping. */
  readonly keyRange?: Range;
  /** Set when the value was reached through an alias: its name, for messages. */
  readonly alias?: string;
}

export interface MapVisit extends SpecVisit {
  readonly node: YAMLMap;
  /** The mapping's own pairs, with their keys as text (merge keys left out). */
  readonly own: readonly [string, Pair<unknown, unknown>][];
  /** Keys the mapping gets from `<<` merges and does not set itself. */
  readonly merged: ReadonlyMap<string, unknown>;
  /** The same keys, with the merge source that brings each (for where to report a problem with it). */
  readonly mergedFrom: ReadonlyMap<string, MergedKey>;
}

export interface SpecCheck {
  /**
   * Whether the check can report anything for a value of this spec; when false it is not called there.
   * Asked once per spec (the spec tree is fixed), so a node costs only the checks that may speak about it.
   * Leave it out when the check may report under any spec.
   */
  applies?(spec: KeySpec): boolean;
  /** Every value that has a spec, whatever its shape. */
  value?(visit: SpecVisit, report: Report): void;
  /** With `value`: the check speaks only about values of a kind the spec does not accept (so accepted values skip it). */
  readonly onlyRejected?: boolean;
  /** Values of an accepted kind only. */
  accepted?(visit: SpecVisit, report: Report): void;
  /** Mappings whose kind the spec accepts. */
  map?(visit: MapVisit, report: Report): void;
}

/** `code`: for a rule whose findings carry another rule's code (rules/emptyName.ts: an empty name is `undefined-*`). */
export type Report = (range: Range, message: string, extra?: { data?: object; severity?: DiagnosticSeverity; code?: string }) => void;

/** The kind of a YAML value, in the spec's terms. */
export function kindOf(node: unknown): ValueKind {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'integer' : 'number';
    return 'string';
  }
  return 'string';
}

/** Whether the spec takes a value of this shape. A `${VAR}` string stands in for a number or a boolean. */
export function acceptsKind(spec: KeySpec, node: unknown): boolean {
  if (spec.kinds.length === 0) return true;
  const kind = kindOf(node);
  if (spec.kinds.includes(kind)) return true;
  if (kind === 'integer' && spec.kinds.includes('number')) return true;
  if (kind === 'string' && isScalar(node) && typeof node.value === 'string' && isInterpolated(node.value)) {
    return !spec.textRefused && spec.kinds.some((k) => k === 'number' || k === 'integer' || k === 'boolean');
  }
  return false;
}

export function pathText(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the file' : path.join('.');
}

export function isMergeKey(key: unknown): boolean {
  return keyText(key) === '<<';
}

/** A key a mapping takes from a `<<` merge: its value, and the merge source (`*base`) that brings it, for messages. */
export interface MergedKey {
  readonly value: unknown;
  readonly range: Range;
  readonly alias: string;
  /** The node `range` was read from (the alias, or the `<<` key): it moves with its block, where `range` is a snapshot. */
  readonly at: unknown;
}

/** Keys a mapping takes from its `<<` merges (which it does not set itself), first merge winning. */
/** A key of a mapping, its own or from a `<<` merge, aliases resolved: one pass over its keys (a merge only when it has one). */
export function keyOfMap(doc: ComposeDocument, map: YAMLMap, key: string): unknown {
  let merges = false;
  for (const pair of map.items) {
    const name = keyText(pair.key);
    if (name === key) return resolve(doc, pair.value);
    if (name === '<<') merges = true;
  }
  return merges ? resolve(doc, mergedKeys(doc, map).get(key)) : undefined;
}

export function mergedKeys(doc: ComposeDocument, map: YAMLMap): ReadonlyMap<string, unknown> {
  if (!map.items.some((pair) => isMergeKey(pair.key))) return NOTHING_MERGED;
  let found = mergedValues.get(map);
  if (!found) mergedValues.set(map, (found = new Map([...mergedKeyOrigins(doc, map)].map(([key, merged]) => [key, merged.value]))));
  return found;
}

/**
 * What a mapping's merges bring, made once per mapping node: the rules, the service checks and the hover ask
 * it of every service that merges an anchor, several times each. A block is read again, with new nodes, when an
 * anchor it merges changes (model/incremental.ts), and a document parsed whole has new nodes every version.
 */
const mergedOrigins = new WeakMap<YAMLMap, ReadonlyMap<string, MergedKey>>();
const mergedValues = new WeakMap<YAMLMap, ReadonlyMap<string, unknown>>();
const NOTHING_MERGED: ReadonlyMap<string, unknown> = new Map<string, unknown>();

/** The same, with where each key comes from: the alias in this mapping's `<<` that brings it (also through nested merges). */
export function mergedKeyOrigins(doc: ComposeDocument, map: YAMLMap): ReadonlyMap<string, MergedKey> {
  // Most mappings merge nothing: nothing kept for them.
  if (!map.items.some((pair) => isMergeKey(pair.key))) return NOTHING_MERGED as ReadonlyMap<string, MergedKey>;
  let found = mergedOrigins.get(map);
  if (!found) mergedOrigins.set(map, (found = originsOf(doc, map, new Set())));
  return found;
}

function originsOf(doc: ComposeDocument, map: YAMLMap, seen: Set<unknown>): Map<string, MergedKey> {
  const result = new Map<string, MergedKey>();
  if (seen.has(map)) return result;
  seen.add(map);
  const own = new Set<string>();
  for (const pair of map.items) if (!isMergeKey(pair.key)) own.add(keyText(pair.key));
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const target = resolve(doc, source);
      if (!isMap(target)) continue;
      const at = nodeRange(source) ? source : pair.key;
      const origin = { range: nodeRange(at) ?? [0, 0] as Range, alias: isAlias(source) ? source.source : '<<', at };
      for (const p of target.items) {
        const key = keyText(p.key);
        if (!isMergeKey(p.key) && !own.has(key) && !result.has(key)) result.set(key, { value: p.value, ...origin });
      }
      for (const [key, merged] of originsOf(doc, target, seen)) {
        if (!own.has(key) && !result.has(key)) result.set(key, { value: merged.value, ...origin });
      }
    }
  }
  return result;
}

/** Anchors by name, in document order, built once per document (the library's own lookup walks the whole document per alias). */
const anchorIndex = new WeakMap<ComposeDocument, Map<string, { start: number; node: unknown }[]>>();

function anchorsOf(view: ComposeDocument): Map<string, { start: number; node: unknown }[]> {
  // A block checked alone resolves its aliases in the document it was cut from.
  const doc = view.whole ?? view;
  let index = anchorIndex.get(doc);
  if (index) return index;
  index = new Map();
  const found = index;
  const collect = (_key: unknown, node: unknown) => {
    // A pair with nothing parsed yet (`key:` at the end of a block) visits as null.
    if (!node) return;
    const anchor = (node as { anchor?: string }).anchor;
    const range = (node as Node).range;
    if (!anchor || !range || isAlias(node)) return;
    const list = found.get(anchor) ?? [];
    list.push({ start: range[0], node });
    found.set(anchor, list);
  };
  if (doc.blocks) {
    // Spliced from blocks: only the few blocks that define an anchor are walked, not the whole tree on every edit.
    for (const block of doc.blocks) if (block.pieces.anchors.some((use) => use.isDefinition)) {
      if (isNode(block.pair.key)) visit(block.pair.key, collect);
      if (isNode(block.pair.value)) visit(block.pair.value, collect);
    }
  } else {
    visit(doc.yaml, collect);
  }
  anchorIndex.set(doc, index);
  return index;
}

/** The node an anchor definition is attached to: the first node carrying `&name` that starts at or after `after` (the end of the name). */
export function anchoredNode(doc: ComposeDocument, name: string, after: number): unknown {
  return anchorsOf(doc).get(name)?.find((anchor) => anchor.start >= after)?.node;
}

/** The names of the anchors defined before `at` (for "did you mean" on an alias that names none). */
export function anchorNamesBefore(doc: ComposeDocument, at: number): string[] {
  const names: string[] = [];
  for (const [name, list] of anchorsOf(doc)) if (list.some((anchor) => anchor.start < at)) names.push(name);
  return names;
}

/** The node the alias `*name` written at offset `at` names: the closest anchor of that name before it. */
export function anchorNodeBefore(doc: ComposeDocument, name: string, at: number): unknown {
  let target: unknown;
  for (const anchor of anchorsOf(doc).get(name) ?? []) if (anchor.start < at) target = anchor.node;
  return target;
}

/** An alias's target (or the node itself); undefined for an alias that points nowhere. */
export function resolve(doc: ComposeDocument, node: unknown): unknown {
  if (!isAlias(node)) return node;
  // YAML: an alias names the closest anchor of that name before it.
  return anchorNodeBefore(doc, node.source, node.range?.[0] ?? Infinity);
}

const NO_KEYS: ReadonlyMap<string, unknown> = new Map();
const NO_ORIGINS: ReadonlyMap<string, MergedKey> = new Map();

/**
 * A value being visited. Its path and ranges are made only when a check reads them (to word or place a
 * finding; most values have none): checks read a visit while they are called with it, never after (the
 * walk's path has moved on by then).
 */
class Visit implements SpecVisit {
  private copied: readonly PathSegment[] | undefined = undefined;
  private keyAt: Range | undefined | null = null;
  private at: Range | undefined = undefined;
  constructor(
    readonly doc: ComposeDocument,
    readonly node: Node | null,
    readonly spec: KeySpec,
    private readonly walkPath: readonly PathSegment[],
    /** The key that holds the value, when it sits in a mapping. */
    private readonly key: unknown,
    private readonly via: { readonly range: Range; readonly alias: string } | undefined,
  ) {}

  get path(): readonly PathSegment[] {
    return (this.copied ??= this.walkPath.slice());
  }

  get alias(): string | undefined {
    return this.via?.alias;
  }

  get keyRange(): Range | undefined {
    return this.via ? undefined : this.ownKeyRange();
  }

  get range(): Range {
    return (this.at ??= this.via?.range ?? nodeRange(this.node) ?? this.ownKeyRange() ?? [0, 0]);
  }

  private ownKeyRange(): Range | undefined {
    if (this.keyAt === null) this.keyAt = this.key === undefined ? undefined : nodeRange(this.key);
    return this.keyAt;
  }
}

/** The same value as a mapping, with its keys, for the checks of mappings. */
class MapVisitOf implements MapVisit {
  constructor(
    private readonly visit: Visit,
    readonly node: YAMLMap,
    readonly own: readonly [string, Pair<unknown, unknown>][],
    readonly merged: ReadonlyMap<string, unknown>,
    readonly mergedFrom: ReadonlyMap<string, MergedKey>,
  ) {}

  get doc(): ComposeDocument {
    return this.visit.doc;
  }
  get spec(): KeySpec {
    return this.visit.spec;
  }
  get path(): readonly PathSegment[] {
    return this.visit.path;
  }
  get range(): Range {
    return this.visit.range;
  }
  get keyRange(): Range | undefined {
    return this.visit.keyRange;
  }
  get alias(): string | undefined {
    return this.visit.alias;
  }
}

/** Which checks (their indexes in the walk's list) speak about a value of one spec, phase by phase. */
interface Plan {
  /** `value` checks for a value of a kind the spec does not accept... */
  readonly value: readonly number[];
  /** ...and for one it accepts (without the `onlyRejected` ones). */
  readonly valueAccepted: readonly number[];
  readonly accepted: readonly number[];
  readonly map: readonly number[];
}

/** Plans per list of checks and spec, kept while the list lives (the format rules' list lives as long as the server). */
const plansByChecks = new WeakMap<readonly SpecCheck[], WeakMap<KeySpec, Plan>>();

function planOf(checks: readonly SpecCheck[], plans: WeakMap<KeySpec, Plan>, spec: KeySpec): Plan {
  let plan = plans.get(spec);
  if (plan) return plan;
  const value: number[] = [];
  const valueAccepted: number[] = [];
  const accepted: number[] = [];
  const map: number[] = [];
  checks.forEach((check, i) => {
    if (check.applies && !check.applies(spec)) return;
    if (check.value) {
      value.push(i);
      if (!check.onlyRejected) valueAccepted.push(i);
    }
    if (check.accepted) accepted.push(i);
    if (check.map) map.push(i);
  });
  plan = { value, valueAccepted, accepted, map };
  plans.set(spec, plan);
  return plan;
}

/**
 * Walks the document against the spec, calling each check (with the report at the same index of
 * `reports`) on the values it may speak about. Checks are called in list order within each phase
 * (value, accepted, map) of a node, before the node's children.
 */
export function walkSpec(doc: ComposeDocument, root: KeySpec, checks: readonly SpecCheck[], reports: readonly Report[]): void {
  let plans = plansByChecks.get(checks);
  if (!plans) plansByChecks.set(checks, (plans = new WeakMap()));
  const allPlans = plans;
  // The values being visited, outermost first: an alias (or a merge) that leads back to one of them is not followed.
  const ancestors: unknown[] = [];
  // The path of the value being visited; a visit gets a copy (only values that some check looks at).
  const path: PathSegment[] = [];

  const visit = (raw: unknown, spec: KeySpec, key: unknown, via: { range: Range; alias: string } | undefined) => {
    let node = raw;
    if (isAlias(raw)) {
      const target = resolve(doc, raw);
      // An alias to one of its own ancestors is a cycle (the alias rule reports it).
      if (target === undefined || ancestors.includes(target)) return;
      via = via ?? { range: nodeRange(raw) ?? [0, 0], alias: raw.source };
      node = target;
    }
    // Without an alias or merge on the way (no `via`), the walk is on the tree as written, where no node is its own ancestor.
    if (via && ancestors.includes(node)) return;
    if ((node as { tag?: string } | null)?.tag === '!reset') return;
    const plan = planOf(checks, allPlans, spec);
    const accepted = acceptsKind(spec, node);
    const valueChecks = accepted ? plan.valueAccepted : plan.value;
    const isMapping = accepted && isMap(node);
    let v: Visit | undefined;
    if (valueChecks.length > 0 || (accepted && plan.accepted.length > 0) || (isMapping && plan.map.length > 0)) {
      v = new Visit(doc, (node ?? null) as Node | null, spec, path, key, via);
      for (let k = 0; k < valueChecks.length; k++) checks[valueChecks[k]!]!.value!(v, reports[valueChecks[k]!]!);
      if (!accepted) return;
      for (let k = 0; k < plan.accepted.length; k++) checks[plan.accepted[k]!]!.accepted!(v, reports[plan.accepted[k]!]!);
    } else if (!accepted) {
      return;
    }

    if (isMapping) {
      const map = node as YAMLMap;
      const items = map.items;
      let hasMerge = false;
      for (let k = 0; k < items.length; k++) if (isMergeKey(items[k]!.key)) hasMerge = true;
      const mergedFrom = hasMerge ? mergedKeyOrigins(doc, map) : NO_ORIGINS;
      if (v && plan.map.length > 0) {
        const own: [string, Pair<unknown, unknown>][] = [];
        for (let k = 0; k < items.length; k++) if (!isMergeKey(items[k]!.key)) own.push([keyText(items[k]!.key), items[k]!]);
        const merged = hasMerge ? new Map([...mergedFrom].map(([name, m]) => [name, m.value])) : NO_KEYS;
        const mv: MapVisit = new MapVisitOf(v, map, own, merged, mergedFrom);
        for (let k = 0; k < plan.map.length; k++) checks[plan.map[k]!]!.map!(mv, reports[plan.map[k]!]!);
      }
      ancestors.push(node);
      for (let k = 0; k < items.length; k++) {
        const pair = items[k]!;
        const name = keyText(pair.key);
        if (name === '<<') continue;
        const child = childSpec(spec, name);
        if (!child) continue;
        path.push(name);
        visit(pair.value, child, via ? undefined : pair.key, via);
        path.pop();
      }
      // Merged values are judged where they land (Compose validates the merged result), shown at the merge.
      for (const [name, m] of mergedFrom) {
        const child = childSpec(spec, name);
        if (!child) continue;
        path.push(name);
        visit(m.value, child, undefined, via ?? { range: m.range, alias: m.alias });
        path.pop();
      }
      ancestors.pop();
    } else if (isSeq(node) && spec.items) {
      ancestors.push(node);
      const items = node.items;
      for (let index = 0; index < items.length; index++) {
        path.push(index);
        visit(items[index], (index === 0 && spec.firstItem) || spec.items, undefined, via);
        path.pop();
      }
      ancestors.pop();
    }
  };

  visit(doc.yaml.contents, root, undefined, undefined);
}

/** The spec of a key inside a mapping: a known key, a user-chosen one, or none (extension keys, free-form mappings, unknown keys). */
export function childSpec(spec: KeySpec, key: string): KeySpec | undefined {
  const known = spec.properties && Object.prototype.hasOwnProperty.call(spec.properties, key) ? spec.properties[key] : undefined;
  if (known) return known;
  if (spec.extensions && key.startsWith('x-')) return undefined;
  if (spec.additional && spec.additional !== true) return spec.additional;
  return undefined;
}
