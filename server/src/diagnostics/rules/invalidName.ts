// `invalid-name`: a user-chosen key (a service, network, volume... name) with
// characters Compose refuses.
import { DiagnosticSeverity } from '../make';
import { nodeRange } from '../../model/nodes';
import { pathText } from '../specWalk';
import { regex, type FormatRule } from './formatRule';

export const invalidName: FormatRule = {
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
        report(v.alias ? v.range : nodeRange(pair.key) ?? v.range, `${why}.`);
      }
    },
  },
};
