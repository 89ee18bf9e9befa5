// The shape shared by the rules that check the format against our spec: each
// is a visitor over the document walked alongside the spec (see specWalk.ts),
// so every one of them costs no extra pass.
import { isCollection } from 'yaml';
import type { DiagnosticSeverity } from '../make';
import { firstLine } from '../make';
import type { Range } from '../../model/nodes';
import type { FixRequest, QuickFix, ValuesData } from '../fix';
import type { SpecCheck, SpecVisit } from '../specWalk';

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
  if (v.alias || v.doc.text.getText().slice(range[0], range[1]) !== from) return undefined;
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
