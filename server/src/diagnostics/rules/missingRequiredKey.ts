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
      for (const when of v.spec.requiredWhen ?? []) if (valueOf(v, when.key) === when.value) required.push(...when.keys);
      const missing = required.filter((key) => !has(key));
      const oneOf = v.spec.requiredOneOf;
      if (oneOf && !oneOf.keys.some(has) && !(oneOf.unlessTrue && isOn(v, oneOf.unlessTrue))) {
        const external = oneOf.unlessTrue ? ` (or \`${oneOf.unlessTrue}: true\`)` : '';
        report(valueRange(v), `${pathText(v.path)} needs one of ${quoteList(oneOf.keys)}${external}: Compose refuses it without.`);
      }
      if (missing.length === 0) return;
      const plural = missing.length > 1 ? 'keys' : 'key';
      report(valueRange(v), `${pathText(v.path)} is missing the required ${plural} ${quoteList(missing)}.`);
    },
  },
};

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
