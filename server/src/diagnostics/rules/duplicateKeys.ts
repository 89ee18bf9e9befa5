// `duplicate-key`: the same key twice in one mapping. Compose refuses the
// file. Several `<<` merge keys in one mapping are allowed.
import type { Diagnostic } from 'vscode-languageserver';
import { keyText } from '../../model/locate';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { forEachPair } from './mapWalk';
import type { Rule } from './rule';

export const duplicateKeys: Rule = {
  codes: ['duplicate-key'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    const firstSeen = new WeakMap<object, Map<string, number>>();
    forEachPair(doc.yaml.contents, (pair, map) => {
      const key = keyText(pair.key);
      if (key === '<<') return;
      let seen = firstSeen.get(map);
      if (!seen) firstSeen.set(map, (seen = new Map()));
      const range = nodeRange(pair.key);
      if (!range) return;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, range[0]);
        return;
      }
      const line = doc.text.positionAt(first).line + 1;
      out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'duplicate-key', `Key '${key}' is already defined on line ${line}: Compose refuses duplicate keys. Remove one of them.`));
    });
    return out;
  },
};
