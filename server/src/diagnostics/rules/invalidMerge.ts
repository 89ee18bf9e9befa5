// `invalid-merge`: a `<<` key whose value is not a mapping or a list of
// mappings, written there or named by an alias (a list with a text in it, a
// text, a number, nothing). The `yaml` library reads such a merge without a
// word and merges nothing; Compose's parser refuses the file ("map merge
// requires map or sequence of maps as the value"). An alias that names no
// anchor is `unknown-anchor`'s to report. (The `<<` pairs are found in the
// walk that structure.ts shares with the other rules about the tree as
// written.)
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { resolve } from '../specWalk';
import type { ComposeDocument } from '../../model/document';
import type { Rule } from './rule';
import { structureOf } from './structure';

/** What a merge source is, when it is not a mapping; undefined for a mapping, or an alias that names no anchor. */
function notAMapping(doc: ComposeDocument, node: unknown): string | undefined {
  const target = resolve(doc, node);
  if (target === undefined && isAlias(node)) return undefined;
  if (isMap(target)) return undefined;
  if (isSeq(target)) return 'a list';
  if (isScalar(target) && target.value !== null && target.value !== undefined) return typeof target.value === 'string' ? 'a text' : 'a number or boolean';
  return 'nothing';
}

export const invalidMerge: Rule = {
  codes: ['invalid-merge'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    for (const { key, value } of structureOf(doc).merges) {
      const target = resolve(doc, value);
      // An alias that names no anchor is unknown-anchor's.
      if (target === undefined && isAlias(value)) continue;
      // A list merges each of its items, which must all be mappings, whether it is written here or an alias names it.
      const sources: readonly unknown[] = isSeq(target) ? target.items : [value];
      for (const source of sources) {
        const what = notAMapping(doc, source);
        if (!what) continue;
        // An item of a list an alias names is shown at the alias: the list may be in another block.
        const range = (isAlias(value) ? nodeRange(value) : nodeRange(source as Node) ?? nodeRange(value)) ?? nodeRange(key);
        if (!range) continue;
        const shown = isAlias(value) ? (isSeq(target) ? `*${value.source}, a list with ${what} in it` : `*${value.source}, ${what}`) : what;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-merge',
          `<< merges mappings, or a list of them, and this is ${shown}: Compose refuses the file ("map merge requires map or sequence of maps as the value").`));
        break;
      }
    }
    return out;
  },
};
