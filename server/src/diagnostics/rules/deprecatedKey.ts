// `deprecated-key`: a key Compose still reads but has replaced. A hint, shown
// struck through: the file works.
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { keyRange, type FormatRule } from './formatRule';

export const deprecatedKey: FormatRule = {
  code: 'deprecated-key',
  severity: DiagnosticSeverity.Hint,
  check: {
    applies: (spec) => !!spec.deprecated,
    value(v, report) {
      // The top-level `version` has its own rule (and quick fix).
      if (!v.spec.deprecated || (v.path.length === 1 && v.path[0] === 'version') || v.alias) return;
      report(keyRange(v), `${pathText(v.path)} is deprecated: ${v.spec.deprecated}`);
    },
  },
};
