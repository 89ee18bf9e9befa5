// `non-finite-number`: a value YAML reads as an infinite number or as not a
// number (`.inf`, `-.Inf`, `.nan`). Compose turns the file into JSON to
// validate it, JSON has no such numbers, and so it refuses the file ("json:
// unsupported value: +Inf"), wherever the value is: a label, an environment
// value, an `x-` extension. Quoting it keeps it as text, which is what such a
// value almost always means. (Found in the walk that structure.ts shares with
// the other rules about the tree as written.)
import type { Diagnostic } from 'vscode-languageserver';
import { nodeRange } from '../../model/nodes';
import { replaceFix, type ReplaceData } from '../fix';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';
import { structureOf } from './structure';
import { textBetween } from '../../model/chunkedDocument';

export const nonFiniteNumbers: Rule<ReplaceData> = {
  codes: ['non-finite-number'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    for (const scalar of structureOf(doc).nonFinite) {
      const range = nodeRange(scalar);
      if (!range) continue;
      const written = scalar.source ?? textBetween(doc.text, range[0], range[1]);
      const json = Number.isNaN(scalar.value) ? 'NaN' : (scalar.value as number) > 0 ? '+Inf' : '-Inf';
      out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'non-finite-number',
        `YAML reads ${written} as ${json === 'NaN' ? 'not a number' : 'an infinite number'}, which JSON cannot hold: Compose refuses the file ("json: unsupported value: ${json}"). Quote it ("${written}") to keep it as text.`,
        { data: { replace: { from: written, to: `"${written}"` } } }));
    }
    return out;
  },
  fix: replaceFix,
};
