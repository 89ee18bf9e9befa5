// `invalid-name`: a user-chosen key (a service, network, volume... name) with
// characters Compose refuses.
import { DiagnosticSeverity } from '../make';
import { nodeRange } from '../../model/nodes';
import { pathText } from '../specWalk';
import { regex, type FormatRule } from './formatRule';
import { textBetween } from '../../model/chunkedDocument';

/** For the fix: the name as written, and the nearest one Compose accepts. */
export interface InvalidNameData {
  readonly rename?: { readonly from: string; readonly to: string };
}

/** Each run of refused characters becomes one '-', none at either end; undefined when nothing is left. */
function acceptedName(key: string, pattern: RegExp): string | undefined {
  const name = key.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return name !== '' && pattern.test(name) ? name : undefined;
}

export const invalidName: FormatRule<InvalidNameData> = {
  code: 'invalid-name',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.additional && !!spec.keyPattern,
    map(v, report) {
      const { spec } = v;
      if (!spec.additional || !spec.keyPattern) return;
      const pattern = regex(spec.keyPattern);
      for (const [key, pair] of v.own) {
        if (spec.properties && Object.prototype.hasOwnProperty.call(spec.properties, key)) continue;
        if (spec.extensions && key.startsWith('x-')) continue;
        if (pattern.test(key)) continue;
        const why = key === '' ? `an empty key is not a valid name in ${pathText(v.path)}: Compose refuses it` : `'${key}' is not a valid name in ${pathText(v.path)}: use letters, digits, '.', '_' and '-' only`;
        const keyAt = v.alias ? undefined : nodeRange(pair.key);
        const to = keyAt ? acceptedName(key, pattern) : undefined;
        report(keyAt ?? v.range, `${why}.`, to ? { data: { rename: { from: textBetween(v.doc.text, keyAt![0], keyAt![1]), to } } satisfies InvalidNameData } : undefined);
      }
    },
  },
  /** Renamed as Rename Symbol would, in every file that uses it; offered only while the key is as the check saw it. */
  fix({ doc, diagnostic, data }) {
    const rename = data.rename;
    if (!rename || typeof rename.from !== 'string' || typeof rename.to !== 'string') return [];
    if (doc.text.getText(diagnostic.range) !== rename.from) return [];
    return [{ title: `Rename to '${rename.to}' wherever the project uses it`, edits: [], renames: { at: diagnostic.range.start, to: rename.to }, preferred: true }];
  },
};
