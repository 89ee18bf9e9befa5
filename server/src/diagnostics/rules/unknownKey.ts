// `unknown-key`: a key Compose does not know where it is written. Compose
// refuses the file ("additional properties ... not allowed"), so: an error,
// with the closest known key as a quick fix; a warning in a mapping whose keys
// Compose does not check (`unknownKeysIgnored`: an include entry).
import { DiagnosticSeverity } from '../make';
import { nodeRange } from '../../model/nodes';
import { closest } from '../suggest';
import { pathText } from '../specWalk';
import type { FormatRule } from './formatRule';

/** The key the user probably meant. */
export interface UnknownKeyData {
  readonly suggestion: string;
}

export const unknownKey: FormatRule<UnknownKeyData> = {
  code: 'unknown-key',
  severity: DiagnosticSeverity.Error,
  fix({ diagnostic, data }) {
    if (typeof data.suggestion !== 'string') return [];
    return [{ title: `Change to '${data.suggestion}'`, edits: [{ range: diagnostic.range, newText: data.suggestion }], preferred: true }];
  },
  check: {
    applies: (spec) => !spec.additional && !!spec.properties,
    map(v, report) {
      const { spec } = v;
      if (spec.additional || !spec.properties) return;
      for (const [key, pair] of v.own) {
        if (Object.prototype.hasOwnProperty.call(spec.properties, key)) continue;
        // Where Compose skips what it does not know, an `x-` key is a note written on purpose.
        if ((spec.extensions || spec.unknownKeysIgnored) && key.startsWith('x-')) continue;
        // Not a key the mapping already has: changing the word to it would write that key twice, which Compose refuses
        // too. Below the top level only: a document checked by block shows the walk one top-level section at a time,
        // and its findings must be a whole check's.
        const known = v.path.length === 0 ? Object.keys(spec.properties) : Object.keys(spec.properties).filter((name) => !v.own.some(([written]) => written === name));
        const suggestion = closest(key, known);
        const where = v.path.length === 0 ? 'at the top level' : `in ${pathText(v.path)}`;
        const hint = suggestion ? ` Did you mean '${suggestion}'?` : spec.extensions ? ` (Custom keys must start with 'x-'.)` : '';
        const range = v.alias ? v.range : nodeRange(pair.key) ?? v.range;
        const verdict = spec.unknownKeysIgnored ? 'Compose skips it without a word, so it has no effect.' : 'Compose does not allow it.';
        report(range, `Unknown key '${key}' ${where}: ${verdict}${hint}${v.alias ? ` (It comes from alias *${v.alias}.)` : ''}`, {
          data: suggestion && !v.alias ? ({ suggestion } satisfies UnknownKeyData) : undefined,
          ...(spec.unknownKeysIgnored ? { severity: DiagnosticSeverity.Warning } : {}),
        });
      }
      // Keys a `<<` merge brings in: Compose judges the merged mapping, so a misspelt key in a template is refused too.
      for (const [key, merged] of v.mergedFrom) {
        if (Object.prototype.hasOwnProperty.call(spec.properties, key)) continue;
        if (spec.extensions && key.startsWith('x-')) continue;
        const suggestion = closest(key, Object.keys(spec.properties));
        const where = v.path.length === 0 ? 'at the top level' : `in ${pathText(v.path)}`;
        report(v.alias ? v.range : merged.range, `Unknown key '${key}' ${where}, merged from *${merged.alias}: Compose does not allow it.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`);
      }
    },
  },
};
