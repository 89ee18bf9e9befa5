// `exclusive-keys`: two keys Compose refuses together (`network_mode` with
// `networks`, `name` with `external.name`...). Keys from a `<<` merge count.
import { isMap, isScalar } from 'yaml';
import { getValue, nodeRange } from '../../model/nodes';
import { DiagnosticSeverity } from '../make';
import { pathText, resolve, type MapVisit } from '../specWalk';
import type { FormatRule } from './formatRule';

/**
 * Whether the mapping has `dotted` (keys from merges count). `external=true`
 * only counts an external resource: `external: true`, or the old
 * `external: {name: ...}` form; `external: false` is no conflict.
 */
function lookup(v: MapVisit, entry: string): { present: boolean; own: boolean; range?: readonly [number, number] } {
  const { head, rest, expected } = parsed(entry);
  const pair = v.own.find(([key]) => key === head)?.[1];
  let value: unknown = pair ? pair.value : v.merged.get(head!);
  if (!pair && !v.merged.has(head!)) return { present: false, own: false };
  const range = pair ? nodeRange(pair.key) : undefined;
  for (const part of rest) {
    value = getValue(resolve(v.doc, value), part);
    if (value === undefined) return { present: false, own: false };
  }
  if (expected === 'true') {
    const resolved = resolve(v.doc, value);
    const on = isMap(resolved) || (isScalar(resolved) && String(resolved.value) === 'true');
    if (!on) return { present: false, own: false };
  }
  return { present: true, own: !!pair, range };
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

const WHY: Record<string, string> = {
  'network_mode+networks': 'network_mode replaces the networks the service would join: remove one of them',
  'name+external.name': 'name and external.name conflict; only use name (with external: true)',
  'external=true+driver': 'an external volume already exists, so Compose refuses to set its driver',
  'external=true+driver_opts': 'an external volume already exists, so Compose refuses to set its driver options',
  'external=true+labels': 'an external volume already exists, so Compose refuses to set its labels',
};

/** `external=true` reads as `external: true` in messages. */
const shown = (entry: string) => entry.replace('=', ': ');

export const exclusiveKeys: FormatRule = {
  code: 'exclusive-keys',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.exclusive && spec.exclusive.length > 0,
    map(v, report) {
      for (const [a, b] of v.spec.exclusive ?? []) {
        const first = lookup(v, a);
        const second = lookup(v, b);
        if (!first.present || !second.present) continue;
        if (!first.own && !second.own) continue; // both from a merge: reported where they are written
        const at = v.alias ? v.range : (second.own ? second.range : first.range) ?? v.range;
        const why = WHY[`${a}+${b}`] ?? `use only one of them`;
        report(at, `${pathText(v.path)}: '${shown(a)}' and '${shown(b)}' cannot be used together: ${why}.`);
      }
    },
  },
};
