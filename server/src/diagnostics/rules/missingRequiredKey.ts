// `missing-required-key`: a mapping without a key Compose insists on
// (`action` in a develop.watch rule, `capabilities` in a device request, a
// `source` for a bind mount...).
import { isMap, isScalar } from 'yaml';
import { DiagnosticSeverity } from '../make';
import { isInterpolated } from '../../spec/interpolated';
import { pathText, resolve, type MapVisit } from '../specWalk';
import { castBoolean } from '../../model/composeScalars';
import { quoteList, valueRange, type FormatRule } from './formatRule';

export const missingRequiredKey: FormatRule = {
  code: 'missing-required-key',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.required?.length || !!spec.requiredWhen?.length || !!spec.requiredOneOf,
    map(v, report) {
      const has = (key: string) => v.own.some(([k]) => k === key) || v.merged.has(key);
      const required = [...(v.spec.required ?? [])];
      const missing = required.filter((key) => !has(key));
      // A key required by another's value Compose checks by its text: written empty, it is as missing (a sync's
      // `target: ""`: "target is required for non-rebuild actions", Compose 2.26.1).
      for (const when of v.spec.requiredWhen ?? []) {
        if (valueOf(v, when.key) === when.value) missing.push(...when.keys.filter((key) => !has(key) || isBlank(v, key)));
      }
      const oneOf = v.spec.requiredOneOf;
      if (oneOf && !oneOf.keys.some(has) && !(oneOf.unlessTrue && isOn(v, oneOf.unlessTrue))) {
        const external = oneOf.unlessTrue ? ` (or \`${oneOf.unlessTrue}: true\`)` : '';
        report(valueRange(v), `${pathText(v.path)} needs one of ${quoteList(oneOf.keys)}${external}: Compose refuses it without.`);
      }
      if (missing.length === 0) return;
      const plural = missing.length > 1 ? 'keys' : 'key';
      const blank = missing.filter(has);
      const written = blank.length > 0 ? ` (${quoteList(blank)} ${blank.length > 1 ? 'are' : 'is'} written empty, which Compose takes as none)` : '';
      report(valueRange(v), `${pathText(v.path)} is missing the required ${plural} ${quoteList(missing)}${written}.`);
    },
  },
};

/** A key written with nothing or empty text as its value. */
function isBlank(v: MapVisit, key: string): boolean {
  const own = v.own.find(([k]) => k === key)?.[1].value;
  const value = resolve(v.doc, own ?? v.merged.get(key));
  return value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ''));
}

/** The plain text of a key's value in the mapping, its own or merged. */
function valueOf(v: MapVisit, key: string): string | undefined {
  const own = v.own.find(([k]) => k === key)?.[1].value;
  const value = resolve(v.doc, own ?? v.merged.get(key));
  return isScalar(value) ? String(value.value) : undefined;
}

/** `external: true` (or text Compose casts to true: `"true"`, `yes`), the old `external: {name: ...}` form, or `${VAR}` (which may say true). */
function isOn(v: MapVisit, key: string): boolean {
  const own = v.own.find(([k]) => k === key)?.[1].value;
  const value = resolve(v.doc, own ?? v.merged.get(key));
  return isMap(value) || (isScalar(value) && (castBoolean(String(value.value)) === true || isInterpolated(String(value.value))));
}
