// `exclusive-keys`: two keys Compose refuses together (`network_mode` with
// `networks`, `name` with `external.name`...). Keys from a `<<` merge count.
import { getValue, nodeRange } from '../../model/nodes';
import { DiagnosticSeverity } from '../make';
import { pathText, resolve, type MapVisit } from '../specWalk';
import type { FormatRule } from './formatRule';

function lookup(v: MapVisit, dotted: string): { present: boolean; own: boolean; range?: readonly [number, number] } {
  const [head, ...rest] = dotted.split('.');
  const pair = v.own.find(([key]) => key === head)?.[1];
  let value: unknown = pair ? pair.value : v.merged.get(head!);
  if (!pair && !v.merged.has(head!)) return { present: false, own: false };
  const range = pair ? nodeRange(pair.key) : undefined;
  for (const part of rest) {
    value = getValue(resolve(v.doc, value), part);
    if (value === undefined) return { present: false, own: false };
  }
  return { present: true, own: !!pair, range };
}

const WHY: Record<string, string> = {
  'network_mode+networks': 'network_mode replaces the networks the service would join: remove one of them',
  'name+external.name': 'name and external.name conflict; only use name (with external: true)',
};

export const exclusiveKeys: FormatRule = {
  code: 'exclusive-keys',
  severity: DiagnosticSeverity.Error,
  check: {
    map(v, report) {
      for (const [a, b] of v.spec.exclusive ?? []) {
        const first = lookup(v, a);
        const second = lookup(v, b);
        if (!first.present || !second.present) continue;
        if (!first.own && !second.own) continue; // both from a merge: reported where they are written
        const at = v.alias ? v.range : (second.own ? second.range : first.range) ?? v.range;
        const why = WHY[`${a}+${b}`] ?? `use only one of them`;
        report(at, `${pathText(v.path)}: '${a}' and '${b}' cannot be used together: ${why}.`);
      }
    },
  },
};
