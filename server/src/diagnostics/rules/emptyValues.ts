// Empty text where Compose or the engine wants some, found by no other check
// (each checked against Compose 2.26.1's `config` and the engine's `up`):
// - an empty name where a service, network, config or secret is named
//   (`depends_on: [""]`, `networks: [""]`, `secrets: [{source: ""}]`,
//   `extends: {service: ""}`). The file model keeps no reference without a
//   name, so `undefined-*` never sees these; Compose refuses the file all the
//   same ("depends on undefined service \"\"", "refers to undefined secret"),
//   so each is that code's error here. Left to others: a name after a prefix
//   (`network_mode: service:`, the namespace format), `links` and
//   `volumes_from` (their formats), volumes (an empty long-syntax `source` is
//   an anonymous volume), and keys marked `emptyIsNone` (a credential spec's
//   `config: ""` is none given);
// - an empty value Compose or the engine refuses (the spec marks it
//   `emptyRefused`, with who refuses and in what words: `devices: [""]` and
//   `group_add: [""]` the engine when it creates the container, a secret's
//   `environment: ""` Compose), an `invalid-format` error as the others of
//   both are.
// The same verdicts on text written with variables (`${GROUP:-}`) are given by
// interpolatedValues.ts, through `emptyValueProblem`.
import type { KeySpec, NameKind } from '../../spec/types';
import { isInterpolated } from '../../spec/interpolated';
import { DiagnosticSeverity } from '../make';
import { pathText } from '../specWalk';
import { stringOf } from './castValues';
import { throughAlias, valueRange, type FormatRule } from './formatRule';

type NamedKind = Exclude<NameKind, 'volume'>;

/** Whether an empty text in a value of this spec names nothing, which Compose refuses. */
function namesNothingWhenEmpty(spec: KeySpec): spec is KeySpec & { refersTo: NamedKind } {
  return spec.refersTo !== undefined && spec.refersTo !== 'volume' && spec.refersToPrefix === undefined && spec.format === undefined && spec.pattern === undefined && !spec.emptyIsNone;
}

/** Whether an empty text is refused in a value of this spec (by Compose or by the engine). */
export function emptyRefused(spec: KeySpec): boolean {
  return spec.emptyRefused !== undefined || namesNothingWhenEmpty(spec);
}

/**
 * What is wrong with an empty value of this spec, said after "is empty, and" or "gives "" here, and", with its code;
 * undefined when it is taken. `fromVariables`: the empty text is what variables give (interpolatedValues.ts).
 */
export function emptyValueProblem(spec: KeySpec, fromVariables = false): { readonly code: string; readonly message: string } | undefined {
  if (spec.emptyRefused !== undefined) return { code: 'invalid-format', message: `${spec.emptyRefused}. Write a value, or remove it` };
  if (fromVariables && spec.emptyFromVariablesRefused !== undefined) return { code: 'invalid-format', message: `${spec.emptyFromVariablesRefused}. Give the variable a value, or write the name out` };
  if (!namesNothingWhenEmpty(spec)) return undefined;
  const kind = spec.refersTo;
  const said = kind === 'service' ? 'depends on undefined service ""' : `refers to undefined ${kind}`;
  return {
    code: `undefined-${kind}`,
    message: `so it names no ${kind}: Compose refuses the file ("${said}"). Write the name of a ${kind}${kind === 'service' ? '' : ` declared under the top-level \`${kind}s:\``}`,
  };
}

export const emptyValues: FormatRule = {
  // Each finding carries its own code (the report's `code`: `undefined-*` or `invalid-format`); this one names the rule.
  code: 'invalid-format',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: emptyRefused,
    accepted(v, report) {
      const text = stringOf(v);
      if (text !== '' || isInterpolated(text)) return;
      const problem = emptyValueProblem(v.spec);
      if (problem) report(valueRange(v), `${pathText(v.path)} is empty, and ${problem.message}.${throughAlias(v)}`, { code: problem.code });
    },
  },
};
