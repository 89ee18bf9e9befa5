// `reformatted-value`: a plain value that Compose reads as a number, a
// boolean or a date where it keeps values as text (an environment value, a
// label, a build argument, a driver option), so that what reaches the
// container is not what was written: `PYTHON_VERSION: 3.10` gives `3.1`,
// `ZIP: 01234` gives `668` (a leading zero is octal to Compose's parser),
// `DEBUG: True` gives `true`, `SINCE: 2024-01-02` gives `2024-01-02 00:00:00
// +0000 UTC`. Compose loads the file, so a warning; quoting keeps the text.
// A value Compose passes on unchanged (`8080`, `true`, `1.5`) says nothing.
import { isScalar } from 'yaml';
import { composeReading, composeText } from '../../model/composeScalars';
import { replaceFix, type ReplaceData } from '../fix';
import { DiagnosticSeverity, quoted } from '../make';
import { pathText } from '../specWalk';
import { throughAlias, valueRange, type FormatRule } from './formatRule';
import { textBetween } from '../../model/chunkedDocument';

const READ_AS = { integer: 'a number', float: 'a number', boolean: 'a boolean', date: 'a date' } as const;

export const reformattedValue: FormatRule<ReplaceData> = {
  code: 'reformatted-value',
  severity: DiagnosticSeverity.Warning,
  fix: replaceFix,
  check: {
    applies: (spec) => spec.keptAsText === true,
    accepted(v, report) {
      const node = v.node;
      if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') return;
      const written = node.source;
      const passed = composeText(written);
      if (passed === undefined || passed === written) return;
      const kind = composeReading(written)!.kind as keyof typeof READ_AS;
      const range = valueRange(v);
      // The fix quotes the value where it is written as it reads (not through an alias).
      const inPlace = !v.alias && textBetween(v.doc.text, range[0], range[1]) === written;
      report(range,
        `${pathText(v.path)}: Compose reads ${written} as ${READ_AS[kind]} and passes on ${quoted(passed)}, not what is written${throughAlias(v)}. Quote it ("${written}") to keep the text.`,
        inPlace ? { data: { replace: { from: written, to: `"${written}"` } } } : {});
    },
  },
};
