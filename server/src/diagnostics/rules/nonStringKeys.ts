// `non-string-key`: a key YAML reads as a number, boolean or null (`123:`,
// `1:`, `true:`). Compose needs text keys and refuses the file; quoting the
// key fixes it.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { PathSegment } from '../../model/locate';
import { keyText } from '../../model/locate';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import type { Rule } from './rule';

export const nonStringKeys: Rule = {
  codes: ['non-string-key'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    // The path of the mapping being walked (aliases not followed), read only when a key is reported.
    const path: PathSegment[] = [];
    const walk = (node: unknown) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key;
          const placed = (key as Node | null)?.range !== undefined;
          if (placed && isScalar(key)) {
            const v = key.value;
            // symbol: a merge key
            if (typeof v !== 'string' && typeof v !== 'symbol') {
              const written = key.source ?? String(v);
              out.push(diagnostic(doc, nodeRange(key)!, DiagnosticSeverity.Error, 'non-string-key',
                `non-string key in ${pathText(path)}: ${written}. Compose needs text keys: quote it ('${written}').`));
            }
          } else if (placed && key !== null && key !== undefined) {
            out.push(diagnostic(doc, nodeRange(key)!, DiagnosticSeverity.Error, 'non-string-key', `non-string key in ${pathText(path)}: a key must be plain text, not a list or mapping.`));
          }
          if (!isMap(pair.value) && !isSeq(pair.value)) continue;
          path.push(keyText(key));
          walk(pair.value);
          path.pop();
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          if (!isMap(item) && !isSeq(item)) return;
          path.push(i);
          walk(item);
          path.pop();
        });
      }
    };
    walk(doc.yaml.contents);
    return out;
  },
};
