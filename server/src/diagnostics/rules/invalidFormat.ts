// `invalid-format`: text that does not follow the small language of its key
// (a duration, a size, a port mapping, a volume...). `checkFormat` in the
// spec explains what is wrong; interpolated text is never judged. Text that
// Compose loads but reads in part (a volume option it drops) is a warning,
// from `formatWarning`.
import { isScalar } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { scalarText } from '../../model/nodes';
import { numberTextAsCompose } from '../../model/composeScalars';
import { checkFormat, formatWarning, negativeSize } from '../../spec/formats';
import { isInterpolated } from '../../spec/interpolated';
import { pathText } from '../specWalk';
import { closest } from '../suggest';
import { valuesFix, type ValuesData } from '../fix';
import { quoteList, regex, throughAlias, valueRange, valuesData, type FormatRule } from './formatRule';

export const invalidFormat: FormatRule<ValuesData> = {
  fix: valuesFix,
  code: 'invalid-format',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.format || !!spec.pattern,
    accepted(v, report) {
      const { spec, node } = v;
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) return;
      const text = scalarText(node);
      if (text === undefined || isInterpolated(text)) return;
      // Empty text taken as none given (the engine's default) is no format to judge.
      if (text === '' && spec.emptyIsNone) return;
      if (spec.format) {
        // A plain scalar Compose's parser reads as a number (`0x10`, `1_000`, `1.5e0`) is judged as that number.
        const judged = node.type === 'PLAIN' ? numberTextAsCompose(text) : text;
        const negative = negativeSize(spec.format, judged, typeof node.value === 'number');
        if (negative !== undefined) {
          if (negative) report(valueRange(v), `${negative}${throughAlias(v)}`);
          return;
        }
        const problem = checkFormat(spec.format, judged);
        if (problem) {
          report(valueRange(v), `${problem}${throughAlias(v)}`);
          return;
        }
        const warning = formatWarning(spec.format, judged);
        if (warning) report(valueRange(v), `${warning}${throughAlias(v)}`, { severity: DiagnosticSeverity.Warning });
      }
      if (spec.pattern && typeof node.value === 'string') {
        // With a closed set of values, `invalid-value` speaks instead.
        if (spec.values && !spec.openValues) return;
        if (!regex(spec.pattern).test(text)) {
          // With suggested words, name them (and the closest one) rather than the pattern.
          const words = spec.values?.map(String);
          const suggestion = words ? closest(text, words) : undefined;
          const expected = spec.acceptedForms
            ? `use ${quoteList(spec.acceptedForms)}`
            : words ? `use ${quoteList(words)} or a variant of them` : `it must match ${spec.pattern}`;
          const range = valueRange(v);
          report(range, `'${text}' is not valid for ${pathText(v.path)}: ${expected}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${throughAlias(v)}`, { data: valuesData(v, range, text, suggestion, words) });
        }
      }
    },
  },
};
