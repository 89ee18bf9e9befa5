// `wrong-type`: a value of a shape the key does not take (a list where a
// mapping goes, a number where a string goes...). Compose refuses the file.
// A `${VAR}` string where a number or boolean goes is fine: it is
// interpolated before Compose converts it. A plain `true` or `false` where
// text goes (`compress: true` under logging options, a driver option) is
// most often meant as that text: the message says to quote it, and the quick
// fix does.
import { isScalar } from 'yaml';
import { textBetween } from '../../model/chunkedDocument';
import { replaceFix, type ReplaceData } from '../fix';
import { DiagnosticSeverity, quoted } from '../make';
import { acceptsKind, kindOf, pathText, type SpecVisit } from '../specWalk';
import type { ValueKind } from '../../spec/types';
import { isInterpolated } from '../../spec/interpolated';
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

/** The value found, named by its kind: `the boolean true`, `the number 5`, `a string "x"`, `a list (- item lines)`. */
function whatIsWritten(node: unknown, kind: ValueKind): string {
  if (!isScalar(node) || kind === 'null') return NAMES[kind];
  if (kind === 'boolean') return `the boolean ${typeof node.source === 'string' ? node.source : String(node.value)}`;
  if (kind === 'number' || kind === 'integer') return `the number ${typeof node.source === 'string' ? node.source : String(node.value)}`;
  return `${NAMES[kind]} ${quoted(node.value)}`;
}

/** What a key that keeps its value as text takes, text named as such (`text or a number`). */
function takes(kinds: readonly ValueKind[]): string {
  const names = [...new Set(kinds.filter((k) => !(k === 'integer' && kinds.includes('number'))).map((k) => (k === 'string' ? 'text' : k === 'null' ? 'nothing' : NAMES[k])))];
  return names.length <= 1 ? names[0] ?? 'text' : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The number or boolean a quoted string holds (`"300"`, `'true'`) where the key takes that kind, when the
 * quoted text is where the finding is (not through an alias); else undefined.
 */
function quotedLiteral(v: SpecVisit, range: readonly [number, number]): string | undefined {
  const node = v.node;
  if (v.alias || !isScalar(node) || typeof node.value !== 'string' || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')) return undefined;
  const inner = node.value;
  const kinds = v.spec.kinds;
  const number = /^-?\d+(?:\.\d+)?$/.test(inner) && (kinds.includes('number') || (kinds.includes('integer') && /^-?\d+$/.test(inner)));
  const boolean = (inner === 'true' || inner === 'false') && kinds.includes('boolean');
  if (!number && !boolean) return undefined;
  const quote = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
  return textBetween(v.doc.text, range[0], range[1]) === `${quote}${inner}${quote}` ? inner : undefined;
}

export const wrongType: FormatRule<ReplaceData> = {
  code: 'wrong-type',
  severity: DiagnosticSeverity.Error,
  fix: replaceFix,
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
      const range = valueRange(v);
      if ((kind === 'boolean' || kind === 'number') && v.spec.keptAsText === true && v.spec.kinds.includes('string') && isScalar(v.node) && v.node.type === 'PLAIN' && typeof v.node.source === 'string') {
        // Text is taken here, so quoting the word makes it the text it reads as; the fix quotes it where it is written.
        const written = v.node.source;
        const inPlace = !v.alias && textBetween(v.doc.text, range[0], range[1]) === written;
        report(range, `${pathText(v.path)} takes ${takes(v.spec.kinds)}, not the ${kind} ${written}${throughAlias(v)}. Quote it ("${written}") to pass the ${kind === 'boolean' ? 'word' : 'text'}.`,
          inPlace ? { data: { replace: { from: written, to: `"${written}"` } } } : {});
        return;
      }
      if (kind === 'string' && isScalar(v.node) && typeof v.node.value === 'string') {
        const written = v.node.value;
        if (isInterpolated(written)) {
          // Only where the spec says Compose refuses text even from variables (acceptsKind): it converts such a value only at the keys it casts.
          report(range, `${pathText(v.path)} must be ${describe(v.spec.kinds)}: Compose does not convert a value written with variables here, so ${written} stays text, which it refuses${throughAlias(v)}.`);
          return;
        }
        // A number or boolean in quotes where no text is taken: the fix writes it without them.
        const bare = quotedLiteral(v, range);
        if (bare !== undefined) {
          report(range, `${pathText(v.path)} must be ${describe(v.spec.kinds)}, not ${whatIsWritten(v.node, kind)}${throughAlias(v)}: Compose takes no text here. Write ${bare} without quotes.`,
            { data: { replace: { from: textBetween(v.doc.text, range[0], range[1]), to: bare } } });
          return;
        }
        if (namesAnEntry(v, range)) {
          report(range, `${pathText(v.path)} must be ${describe(v.spec.kinds)}, not ${whatIsWritten(v.node, kind)}: \`${written}\` needs a colon to be a key under ${pathText(v.path)} (\`${written}:\`).`,
            { data: { replace: { from: written, to: `${written}:` } } });
          return;
        }
      }
      report(range, `${pathText(v.path)} must be ${describe(v.spec.kinds)}, not ${whatIsWritten(v.node, kind)}${throughAlias(v)}.`);
    },
  },
};

/**
 * A word alone on its line where a mapping goes, which is the first entry of that mapping with its colon missing
 * (`networks:` then `  back`): YAML reads the word as the key's text. Only where no list is taken either, which a
 * word could also have been meant for (`environment:` then `  DEBUG`: `DEBUG:` or `- DEBUG`).
 */
function namesAnEntry(v: SpecVisit, range: readonly [number, number]): boolean {
  const node = v.node;
  if (v.alias || !isScalar(node) || node.type !== 'PLAIN' || typeof node.value !== 'string' || !ENTRY_NAME.test(node.value)) return false;
  if (!v.spec.kinds.includes('mapping') || v.spec.kinds.includes('list')) return false;
  if (textBetween(v.doc.text, range[0], range[1]) !== node.value) return false;
  const before = textBetween(v.doc.text, Math.max(0, range[0] - 256), range[0]);
  const lineStart = before.lastIndexOf('\n');
  return lineStart >= 0 && /^[ ]+$/.test(before.slice(lineStart + 1));
}

const ENTRY_NAME = /^[A-Za-z0-9][\w.-]*$/;
