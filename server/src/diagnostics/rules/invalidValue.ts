// `invalid-value`: a word outside the fixed set a key takes (`restart: sometimes`).
import { isScalar } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { scalarText } from '../../model/nodes';
import { isInterpolated } from '../../spec/formats';
import { closest } from '../suggest';
import { pathText } from '../specWalk';
import { valuesFix, type ValuesData } from '../fix';
import { quoteList, throughAlias, valueRange, valuesData, type FormatRule } from './formatRule';

export const invalidValue: FormatRule<ValuesData> = {
  fix: valuesFix,
  code: 'invalid-value',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.values && !spec.openValues,
    accepted(v, report) {
      const { spec, node } = v;
      if (!spec.values || spec.openValues || !isScalar(node)) return;
      const text = scalarText(node);
      if (text === undefined || isInterpolated(text)) return;
      if (spec.values.some((allowed) => String(allowed) === text)) return;
      const suggestion = closest(text, spec.values.map(String));
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      const range = valueRange(v);
      report(range, `'${text}' is not a valid value for ${pathText(v.path)}: use ${quoteList(spec.values)}.${hint}${throughAlias(v)}`, { data: valuesData(v, range, text, suggestion, spec.values.map(String)) });
    },
  },
};
