// `duplicate-item`: the same entry twice in a list whose entries should be
// distinct. Compose 2.26 refuses the file for a few lists (depends_on,
// networks, extra_hosts, volumes_from...: `uniqueItems: 'refused'` in the
// spec): an error there. Elsewhere (ports, environment, profiles, dns...) it
// keeps one entry and loads the file: a warning that says so.
import { isMap, isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity, firstLine, quoted } from '../make';
import { nodeRange } from '../../model/nodes';
import { pathText, resolve } from '../specWalk';
import type { FormatRule } from './formatRule';

export const duplicateItem: FormatRule = {
  code: 'duplicate-item',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.uniqueItems,
    accepted(v, report) {
      // One item cannot repeat.
      if (!v.spec.uniqueItems || !isSeq(v.node) || v.node.items.length < 2) return;
      const seen = new Map<string, number>();
      const items = v.node.items;
      items.forEach((raw, index) => {
        const item = resolve(v.doc, raw);
        let identity: string;
        if (isScalar(item)) {
          if (item.value === null) return;
          identity = `${typeof item.value}:${String(item.value)}`;
          // `KEY=value` lists (environment, labels, args...): Compose keeps one value per KEY, the last.
          const name = v.spec.items?.format === 'env-entry' && typeof item.value === 'string' ? /^([^=]+)=/.exec(item.value)?.[1] : undefined;
          if (name !== undefined) {
            identity = `key:${name}`;
            const earlier = seen.get(identity);
            const earlierItem = earlier === undefined ? undefined : resolve(v.doc, items[earlier]);
            if (earlier !== undefined && isScalar(earlierItem) && earlierItem.value !== item.value) {
              report(nodeRange(raw) ?? v.range, `${pathText(v.path)} sets ${name} twice (items ${earlier} and ${index}): Compose uses the last value, ${quoted(item.value)}; remove one.`, {
                severity: DiagnosticSeverity.Warning,
              });
              return;
            }
          }
        } else if (isMap(item)) {
          // Long-syntax entries (ports, volumes...) are equal when their keys and values are.
          identity = `map:${stableJson(item.toJSON())}`;
        } else return;
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, index);
          return;
        }
        const shown = isScalar(item) ? quoted(item.value) : 'the same entry';
        const range = v.alias ? v.range : isMap(item) ? firstLine(v.doc, nodeRange(raw) ?? v.range) : nodeRange(raw) ?? v.range;
        if (v.spec.uniqueItems === 'refused') {
          report(range, `${pathText(v.path)} lists ${shown} twice (items ${first} and ${index}): each entry must be unique.`);
        } else {
          report(range, `${pathText(v.path)} lists ${shown} twice (items ${first} and ${index}): Compose keeps one and drops the repeat; remove it.`, {
            severity: DiagnosticSeverity.Warning,
          });
        }
      });
    },
  },
};

/** JSON with object keys sorted, so key order does not make two entries differ. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
