// `wrong-type` for the strings Compose converts: a number or boolean key
// takes a string too (so `${VAR}` can set it), but Compose then casts the
// string and refuses the file when it cannot ("failed to cast to expected
// type"): `replicas: many`, `init: "1"`, or `scale: ${N}` where .env says
// N=three. Plain strings are judged as written here; interpolated ones in
// interpolatedValues.ts, once every variable in them has a known value.
// `boolean-word`: YAML 1.1's words for a boolean (`yes`, `off`, `Y`...), which
// Compose still takes for true or false where it casts a string, with a
// warning that YAML 1.2 does not support them.
import { isScalar } from 'yaml';
import { castBoolean, numberTextAsCompose } from '../../model/composeScalars';
import { isInterpolated } from '../../spec/interpolated';
import type { KeySpec } from '../../spec/types';
import { DiagnosticSeverity, quoted } from '../make';
import { replaceFix, type ReplaceData } from '../fix';
import { pathText, type SpecVisit } from '../specWalk';
import { throughAlias, valueRange, type FormatRule } from './formatRule';
import { textBetween } from '../../model/chunkedDocument';

// Compose's casts: Go's strconv.Atoi / ParseFloat, and its own boolean words.
export const INTEGER = /^[+-]?[0-9]+$/;
const NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
/** The words of YAML 1.1 that Compose casts with a warning: the value each stands for. */
const BOOLEAN_WORD = /^(?:(yes|y|on)|no|n|off)$/i;

/** `yes` and its kin for a key Compose casts to true or false: the warning Compose gives, in our words. */
export function booleanWordProblem(spec: KeySpec, text: string): { readonly meant: 'true' | 'false' } | undefined {
  if (castTarget(spec) !== 'true or false') return undefined;
  const word = BOOLEAN_WORD.exec(text);
  return word ? { meant: word[1] !== undefined ? 'true' : 'false' } : undefined;
}

export function booleanWordMessage(path: string, word: string, meant: string, via = ''): string {
  return `${path}: "${word}" for ${meant} is a YAML 1.1 word. Compose reads it as ${meant} and warns that YAML 1.2 does not support it: write ${meant}${via}.`;
}

/** What a string must hold for a key that Compose casts, or undefined when the key keeps strings as they are. */
export function castTarget(spec: KeySpec): 'a whole number' | 'a number' | 'true or false' | undefined {
  // A format (cpus, durations...) has its own rule and its own words.
  if (!spec.castsString || spec.format) return undefined;
  if (spec.kinds.includes('integer') || spec.castsString === 'whole number') return 'a whole number';
  if (spec.kinds.includes('number')) return 'a number';
  if (spec.kinds.includes('boolean')) return 'true or false';
  return undefined;
}

/** Why Compose cannot cast `text` for this key, or undefined when it can. */
export function castProblem(spec: KeySpec, text: string): string | undefined {
  const target = castTarget(spec);
  if (!target) return undefined;
  const ok = target === 'a whole number' ? INTEGER.test(text) : target === 'a number' ? NUMBER.test(text) : castBoolean(text) !== undefined;
  return ok ? undefined : target;
}

export function stringOf(v: SpecVisit): string | undefined {
  return isScalar(v.node) && typeof v.node.value === 'string' ? v.node.value : undefined;
}

/** Plain strings (no `${`), in the format walk. */
export const castString: FormatRule = {
  code: 'wrong-type',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => castTarget(spec) !== undefined,
    accepted(v, report) {
      const text = stringOf(v);
      if (text === undefined || isInterpolated(text)) return;
      // A plain scalar Compose's parser reads as a number (`1_0`, which is text to the `yaml` library) is that number to Compose.
      const target = castProblem(v.spec, isScalar(v.node) && v.node.type === 'PLAIN' ? numberTextAsCompose(text) : text);
      if (target) report(valueRange(v), `${pathText(v.path)} must be ${target}, not ${quoted(text)}: Compose cannot convert it and refuses the file${throughAlias(v)}.`);
    },
  },
};

/** YAML 1.1 boolean words written as they are (no `${`), in the format walk, with a fix that writes the boolean. */
export const booleanWords: FormatRule<ReplaceData> = {
  code: 'boolean-word',
  severity: DiagnosticSeverity.Warning,
  fix: replaceFix,
  check: {
    applies: (spec) => castTarget(spec) === 'true or false',
    accepted(v, report) {
      const text = stringOf(v);
      if (text === undefined || isInterpolated(text)) return;
      const problem = booleanWordProblem(v.spec, text);
      if (!problem) return;
      const range = valueRange(v);
      // The fix replaces the word where it is written as it reads (not through an alias, not quoted).
      const written = !v.alias && textBetween(v.doc.text, range[0], range[1]) === text;
      report(range, booleanWordMessage(pathText(v.path), text, problem.meant, throughAlias(v)), written ? { data: { replace: { from: text, to: problem.meant } } } : {});
    },
  },
};
