// `decimal-mode`: permission bits written as a string. Compose's YAML parser
// reads a plain `0440` as octal (288), but converts a string with Go's decimal
// integer parser, so `mode: "0440"` gives 440: octal 0670, rw-rwx---, a file
// the group may write and the owner may not read as meant. Compose loads the
// file (checked with Compose 2.26.1's `config`), so a warning; the fix drops
// the quotes. Digits only 0-7, and only where the two readings differ ("7" is
// 7 either way); a string with 8 or 9 in it means a decimal number anyway.
import { isScalar } from 'yaml';
import { isInterpolated } from '../../spec/interpolated';
import { replaceFix, type ReplaceData } from '../fix';
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { throughAlias, valueRange, type FormatRule } from './formatRule';
import { textBetween } from '../../model/chunkedDocument';

const OCTAL_DIGITS = /^[0-7]+$/;

/** The value Compose gives the string `text` as permission bits, when it is not what the same digits mean in octal. */
export function decimalReading(text: string): number | undefined {
  if (!OCTAL_DIGITS.test(text)) return undefined;
  const decimal = Number.parseInt(text, 10);
  return decimal === Number.parseInt(text, 8) ? undefined : decimal;
}

/** `rwxr-x---` for 0750: what the bits let the owner, the group and others do. */
export function permissionText(bits: number): string {
  let out = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const part = (bits >> shift) & 7;
    out += (part & 4 ? 'r' : '-') + (part & 2 ? 'w' : '-') + (part & 1 ? 'x' : '-');
  }
  return out;
}

export const decimalMode: FormatRule<ReplaceData> = {
  code: 'decimal-mode',
  severity: DiagnosticSeverity.Warning,
  fix: replaceFix,
  check: {
    applies: (spec) => spec.permissionBits === true,
    accepted(v, report) {
      const node = v.node;
      if (!isScalar(node) || typeof node.value !== 'string' || isInterpolated(node.value)) return;
      const text = node.value;
      const decimal = decimalReading(text);
      if (decimal === undefined) return;
      const range = valueRange(v);
      const written = textBetween(v.doc.text, range[0], range[1]);
      const inPlace = !v.alias && (written === `"${text}"` || written === `'${text}'`);
      const octal = `0${(decimal & 0o7777).toString(8)}`;
      const bits = decimal > 0o7777 ? `more than any mode allows` : `octal ${octal}, ${permissionText(decimal & 0o777)}`;
      report(range,
        `${pathText(v.path)}: "${text}" is text, which Compose reads as the decimal number ${decimal} (${bits}), not as octal ${text}${throughAlias(v)}. Write it without quotes, ${text.startsWith('0') ? text : `0${text}`}, for octal.`,
        inPlace ? { data: { replace: { from: written, to: text.startsWith('0') ? text : `0${text}` } } } : {});
    },
  },
};
