// `exclusive-keys`: two keys Compose refuses together (`network_mode` with
// `networks`, `name` with `external.name`...). Keys from a `<<` merge count.
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { lookupKey, type FormatRule } from './formatRule';

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
        const first = lookupKey(v, a);
        const second = lookupKey(v, b);
        if (!first.present || !second.present) continue;
        if (!first.own && !second.own) continue; // both from a merge: reported where they are written
        const at = v.alias ? v.range : (second.own ? second.range : first.range) ?? v.range;
        const why = WHY[`${a}+${b}`] ?? `use only one of them`;
        report(at, `${pathText(v.path)}: '${shown(a)}' and '${shown(b)}' cannot be used together: ${why}.`);
      }
    },
  },
};
