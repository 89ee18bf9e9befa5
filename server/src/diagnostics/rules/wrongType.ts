// `wrong-type`: a value of a shape the key does not take (a list where a
// mapping goes, a number where a string goes...). Compose refuses the file.
// A `${VAR}` string where a number or boolean goes is fine: it is
// interpolated before Compose converts it.
import { isScalar } from 'yaml';
import { DiagnosticSeverity, quoted } from '../make';
import { acceptsKind, kindOf, pathText } from '../specWalk';
import type { ValueKind } from '../../spec/types';
import { throughAlias, valueRange, type FormatRule } from './formatRule';

const NAMES: Record<ValueKind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
  mapping: 'a mapping (key: value lines)',
  list: 'a list (- item lines)',
};

function describe(kinds: readonly ValueKind[]): string {
  const names = [...new Set(kinds.filter((k) => !(k === 'integer' && kinds.includes('number'))).map((k) => NAMES[k]))];
  // A string is accepted almost everywhere for the sake of `${VAR}`; naming it beside a number only confuses.
  const shown = names.length > 1 && (kinds.includes('number') || kinds.includes('integer') || kinds.includes('boolean')) && kinds.includes('string') && !kinds.includes('list') && !kinds.includes('mapping')
    ? names.filter((n) => n !== NAMES.string)
    : names;
  if (shown.length <= 1) return shown[0] ?? 'something else';
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

export const wrongType: FormatRule = {
  code: 'wrong-type',
  severity: DiagnosticSeverity.Error,
  check: {
    onlyRejected: true,
    value(v, report) {
      if (acceptsKind(v.spec, v.node)) return;
      // An empty service (`db:`): whether Compose takes it depends on the project's other files (an override may
      // leave one empty), which this walk of one block does not see; rules/emptyServices.ts judges it.
      if (kindOf(v.node) === 'null' && v.path.length === 2 && v.path[0] === 'services') return;
      // A new file with nothing in it yet (or only comments) is where every file starts: nothing is wrong so far.
      if (kindOf(v.node) === 'null' && v.path.length === 0) return;
      const kind = kindOf(v.node);
      const written = isScalar(v.node) && kind !== 'null' ? ` ${quoted(v.node.value)}` : '';
      report(valueRange(v), `${pathText(v.path)} must be ${describe(v.spec.kinds)}, not ${NAMES[kind]}${written}${throughAlias(v)}.`);
    },
  },
};
