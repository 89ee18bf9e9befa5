// `duplicate-item`: the same entry twice in a list whose entries must be
// distinct (ports, profiles, dns...). Compose refuses the file.
import { isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity } from '../make';
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
        if (!isScalar(item) || item.value === null) return;
        const identity = `${typeof item.value}:${String(item.value)}`;
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, index);
          return;
        }
        report(v.alias ? v.range : nodeRange(raw) ?? v.range, `${pathText(v.path)} lists ${JSON.stringify(item.value)} twice (items ${first} and ${index}): each entry must be unique.`);
      });
    },
  },
};
