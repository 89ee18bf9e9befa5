// `missing-required-key`: a mapping without a key Compose insists on
// (`action` in a develop.watch rule, `capabilities` in a device request...).
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { quoteList, valueRange, type FormatRule } from './formatRule';

export const missingRequiredKey: FormatRule = {
  code: 'missing-required-key',
  severity: DiagnosticSeverity.Error,
  check: {
    map(v, report) {
      const missing = (v.spec.required ?? []).filter((key) => !v.own.some(([k]) => k === key) && !v.merged.has(key));
      if (missing.length === 0) return;
      const plural = missing.length > 1 ? 'keys' : 'key';
      report(valueRange(v), `${pathText(v.path)} is missing the required ${plural} ${quoteList(missing)}.`);
    },
  },
};
