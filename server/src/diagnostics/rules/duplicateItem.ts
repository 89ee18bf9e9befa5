// `duplicate-item`: the same entry twice in a list whose entries must be
// distinct (ports, profiles, dns...). Compose refuses the file.
import { isMap, isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity, firstLine } from '../make';
import { nodeRange } from '../../model/nodes';
import { pathText, resolve } from '../specWalk';
import type { FormatRule } from './formatRule';

export const duplicateItem: FormatRule = {
  code: 'duplicate-item',
  severity: DiagnosticSeverity.Error,
  check: {
    accepted(v, report) {
      if (!v.spec.uniqueItems || !isSeq(v.node)) return;
      const seen = new Map<string, number>();
      v.node.items.forEach((raw, index) => {
        const item = resolve(v.doc, raw);
        let identity: string;
        if (isScalar(item)) {
          if (item.value === null) return;
          identity = `${typeof item.value}:${String(item.value)}`;
        } else if (isMap(item)) {
          // Long-syntax entries (ports, volumes...) are equal when their keys and values are.
          identity = `map:${stableJson(item.toJSON())}`;
        } else return;
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, index);
          return;
        }
        const shown = isScalar(item) ? JSON.stringify(item.value) : 'the same entry';
        const range = v.alias ? v.range : isMap(item) ? firstLine(v.doc, nodeRange(raw) ?? v.range) : nodeRange(raw) ?? v.range;
        report(range, `${pathText(v.path)} lists ${shown} twice (items ${first} and ${index}): each entry must be unique.`);
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
