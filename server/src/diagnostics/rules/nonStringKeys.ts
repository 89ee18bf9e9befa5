// `non-string-key`: a key YAML reads as a number, boolean or null (`123:`,
// `1:`, `true:`). Compose needs text keys and refuses the file; quoting the
// key fixes it.
import { isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { forEachPair } from './mapWalk';
import type { Rule } from './rule';

export const nonStringKeys: Rule = {
  codes: ['non-string-key'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    forEachPair(doc.yaml.contents, (pair, _map, path) => {
      const key = pair.key;
      const range = nodeRange(key);
      if (!range) return;
      if (isScalar(key)) {
        const v = key.value;
        if (typeof v === 'string' || typeof v === 'symbol') return; // symbol: a merge key
        const written = key.source ?? String(v);
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'non-string-key',
          `non-string key in ${pathText(path)}: ${written}. Compose needs text keys: quote it ('${written}').`));
      } else if (key !== null && key !== undefined) {
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'non-string-key', `non-string key in ${pathText(path)}: a key must be plain text, not a list or mapping.`));
      }
    });
    return out;
  },
};
