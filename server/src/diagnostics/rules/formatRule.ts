// The shape shared by the rules that check the format against our spec: each
// is a visitor over the document walked alongside the spec (see specWalk.ts),
// so every one of them costs no extra pass.
import { isCollection, isMap, isScalar, type Pair } from 'yaml';
import type { DiagnosticSeverity } from '../make';
import { firstLine } from '../make';
import { getPair, nodeRange, scalarText, type Range } from '../../model/nodes';
import type { FixRequest, QuickFix, ValuesData } from '../fix';
import { resolve, type MapVisit, type SpecCheck, type SpecVisit } from '../specWalk';
import { textBetween } from '../../model/chunkedDocument';

/** `Data`: what the rule attaches to its diagnostics for its fix (see ../fix.ts). */
export interface FormatRule<Data extends object = object> {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly check: SpecCheck;
  /** Quick fixes for this rule's diagnostic, from the data it attached. */
  fix?(req: FixRequest<Data>): QuickFix[];
}

/** Where to show a problem with a whole value: a scalar itself; for a mapping or list, its key (or its first line). */
export function valueRange(v: SpecVisit): Range {
  if (v.alias) return v.range;
  if (isCollection(v.node)) return v.keyRange ?? firstLine(v.doc, v.range);
  return v.range;
}

/** Where to show a problem with the key that holds a value. */
export function keyRange(v: SpecVisit): Range {
  return v.keyRange ?? valueRange(v);
}

/** " (through alias *name)" when the value came from an alias, so the user knows where to look. */
export function throughAlias(v: SpecVisit): string {
  return v.alias ? ` (in the value of alias *${v.alias})` : '';
}

/** A quick fix per allowed word (the closest one preferred), when the range holds exactly `from`. */
export function valuesData(v: SpecVisit, range: Range, from: string, closest: string | undefined, values: readonly string[] | undefined): ValuesData | undefined {
  if (v.alias || textBetween(v.doc.text, range[0], range[1]) !== from) return undefined;
  return { ...(closest ? { replace: { from, to: closest } } : {}), ...(values && values.length > 0 ? { values: { from, to: [...values] } } : {}) };
}

const compiled = new Map<string, RegExp>();

/** The spec's patterns, compiled once. */
export function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
}

export function quoteList(words: readonly (string | number | boolean)[]): string {
  const quoted = words.map((w) => `'${w}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The pair a mapping writes itself for `key` (not one a `<<` merge brings). */
export function ownPair(v: MapVisit, key: string): Pair | undefined {
  return v.own.find(([name]) => name === key)?.[1];
}

/** The text of a scalar the mapping writes itself for `key`. */
export function ownText(v: MapVisit, key: string): string | undefined {
  return scalarText(ownPair(v, key)?.value);
}

/** What `lookupKey` finds: whether the key is there, whether the mapping writes it itself (not through a `<<` merge), the range of its own key. */
export interface KeyLookup {
  readonly present: boolean;
  readonly own: boolean;
  readonly range?: Range;
  /** For a dotted entry written out in full in this mapping (no alias or merge on the way): the range of its last key. */
  readonly leafRange?: Range;
  readonly value?: unknown;
}

const ABSENT: KeyLookup = { present: false, own: false };

/**
 * Whether the mapping has `dotted` (keys from merges count), and its value (aliases resolved). `external=true`
 * only counts an external resource: `external: true`, or the old
 * `external: {name: ...}` form; `external: false` is no conflict.
 */
export function lookupKey(v: MapVisit, entry: string): KeyLookup {
  const { head, rest, expected } = parsed(entry);
  const pair = v.own.find(([key]) => key === head)?.[1];
  let value: unknown = pair ? pair.value : v.merged.get(head!);
  if (!pair && !v.merged.has(head!)) return ABSENT;
  const range = pair ? nodeRange(pair.key) : undefined;
  let leafRange = range;
  for (const part of rest) {
    const map = resolve(v.doc, value);
    const inner = getPair(map, part);
    if (!inner) return ABSENT;
    leafRange = leafRange && map === value ? nodeRange(inner.key) : undefined;
    value = inner.value;
  }
  if (expected === 'true') {
    const resolved = resolve(v.doc, value);
    const on = isMap(resolved) || (isScalar(resolved) && String(resolved.value) === 'true');
    if (!on) return ABSENT;
  }
  return { present: true, own: !!pair, range, leafRange, value: resolve(v.doc, value) };
}

/** An entry (`external=true`, `external.name`) taken apart once: the spec's entries are a fixed few. */
const entries = new Map<string, { head: string; rest: readonly string[]; expected: string | undefined }>();

function parsed(entry: string): { head: string; rest: readonly string[]; expected: string | undefined } {
  let found = entries.get(entry);
  if (!found) {
    const [dotted, expected] = entry.split('=') as [string, string | undefined];
    const [head, ...rest] = dotted.split('.') as [string, ...string[]];
    entries.set(entry, (found = { head, rest, expected }));
  }
  return found;
}
