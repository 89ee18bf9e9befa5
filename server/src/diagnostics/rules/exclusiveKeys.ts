// `exclusive-keys`: two keys Compose refuses together (`network_mode` with
// `networks`, `name` with `external.name`...), and a key the engine refuses
// beside a value of another (`source` on a `type: tmpfs` mount: the spec's
// `refusedWhen`). Keys from a `<<` merge count.
// Quick fixes remove one key or the other, where it is written in the mapping.
import { locate } from '../../model/locate';
import { getPair, nodeRange, scalarText } from '../../model/nodes';
import { removeEntryAt } from '../edits';
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

export const exclusiveKeys: FormatRule<ExclusiveKeysData> = {
  code: 'exclusive-keys',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => (!!spec.exclusive && spec.exclusive.length > 0) || !!spec.refusedWhen?.length,
    map(v, report) {
      for (const when of v.spec.refusedWhen ?? []) {
        const on = lookupKey(v, when.key);
        if (!on.present || scalarText(on.value) !== when.value) continue;
        for (const key of when.keys) {
          const found = lookupKey(v, key);
          if (!found.present) continue;
          // From a merge: at the merge that brings it, in each service that merges it (an anchor is no service of its own).
          const at = v.alias ? v.range : (found.own ? found.range : v.mergedFrom.get(key)?.range) ?? v.range;
          report(at, `${pathText(v.path)}: '${key}' cannot be set with '${when.key}: ${when.value}': Compose loads it, and the engine refuses it at up ("${when.said}").`, v.alias || !found.own ? undefined : { data: { remove: [key] } satisfies ExclusiveKeysData });
        }
      }
      for (const [a, b] of v.spec.exclusive ?? []) {
        const first = lookupKey(v, a);
        const second = lookupKey(v, b);
        if (!first.present || !second.present) continue;
        // Both from merges: at the merge that brings the second, in each service that merges them.
        const at = v.alias ? v.range : (second.own ? second.range : first.own ? first.range : v.mergedFrom.get(b.split('.')[0]!)?.range) ?? v.range;
        const why = WHY[`${a}+${b}`] ?? `use only one of them`;
        // Keys of this mapping written here, as the fixes may remove them (not `external: true`, which says what the entry is).
        const remove = v.alias ? [] : [a, b].filter((key, i) => (i === 0 ? first : second).own && isPlainKey(key));
        report(at, `${pathText(v.path)}: '${shown(a)}' and '${shown(b)}' cannot be used together: ${why}.`, remove.length > 0 ? { data: { remove } satisfies ExclusiveKeysData } : undefined);
      }
    },
  },
  fix({ doc, diagnostic, data }) {
    if (!Array.isArray(data.remove)) return [];
    const map = locate(doc, doc.text.offsetAt(diagnostic.range.start)).map;
    if (!map) return [];
    return data.remove.flatMap((key) => {
      const at = typeof key === 'string' ? nodeRange(getPair(map, key)?.key)?.[0] : undefined;
      const edit = at === undefined ? undefined : removeEntryAt(doc, at);
      return edit ? [{ title: `Remove ${key}`, edits: [edit] }] : [];
    });
  },
};

/** Quick fixes: the keys of the pair written in the mapping itself, each removed by one fix (none preferred: which one goes is the user's call). */
export interface ExclusiveKeysData {
  readonly remove: readonly string[];
}

/** A key of the mapping itself (`networks`), not a nested one (`external.name`) nor a value (`external=true`). */
function isPlainKey(entry: string): boolean {
  return !entry.includes('.') && !entry.includes('=');
}
