// Interpolated values judged as Compose judges them: with the project's
// variables (the environment, .env, the defaults written) substituted first,
// as Compose does before it reads the file. `mem_limit: ${MEM:-512x}` loads as
// `512x`, which Compose refuses ("invalid size"), and `restart:
// ${RESTART:-alwayz}` as a policy the engine refuses at `up`: the same verdicts
// the format rules give text written as it is (`wrong-type` for a cast,
// `invalid-format`, `invalid-value`), said with the text the variables give.
// A value with a variable nothing sets and no default is left to
// `unset-variable` (the shell Compose runs in may set it); a required one
// (`${VAR:?}`) too. No quick fix: the text to change may be a default, .env
// or the environment.
import type { Diagnostic } from 'vscode-languageserver';
import { knownText } from '../../model/interpolation';
import { isInterpolated } from '../../spec/interpolated';
import { composeSpec } from '../../spec/index';
import { checkFormat, formatWarning, negativeSize } from '../../spec/formats';
import { diagnostic, DiagnosticSeverity, quoted } from '../make';
import { anchorNodeBefore, pathText, walkSpec, type SpecCheck } from '../specWalk';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { quoteList, regex, throughAlias, valueRange } from './formatRule';
import type { Rule, RuleRequest } from './rule';
import { structureOf } from './structure';
import { emptyRefused, emptyValueProblem } from './emptyValues';
import { booleanWordMessage, booleanWordProblem, castProblem, castTarget, stringOf } from './castValues';

/**
 * A walk of its own, only where a value holds a `$` or an alias may bring one. A block rule (blockRules.ts): run
 * on the whole file, a file with one `${` anywhere had every service walked on every keystroke (~150-250 ms at
 * 5,000 services).
 */
export const interpolatedValues: Rule = {
  codes: ['wrong-type', 'boolean-word', 'invalid-format', 'invalid-value'],
  run({ doc, project, file }) {
    const out: Diagnostic[] = [];
    // A block's alias may bring a value from another block's anchor; a whole document holds its anchors' values.
    const aliasesOut = doc.whole !== undefined && file.anchors.some((a) => !a.isDefinition && aliasMayBringDollar(doc, a.name, a.range[0]));
    if (structureOf(doc).withDollar.length === 0 && !aliasesOut) return out;
    judging = { project, say: (range, severity, code, message) => void out.push(diagnostic(doc, range, severity, code, message)) };
    try {
      walkSpec(doc, composeSpec, CHECKS, REPORTS);
    } finally {
      judging = undefined;
    }
    return out;
  },
};

/** The run the walk's one check speaks for (the walk is synchronous): the list of checks stays one object, so the walk's plan per spec is made once. */
let judging: { readonly project: RuleRequest['project']; readonly say: (range: readonly [number, number], severity: DiagnosticSeverity, code: string, message: string) => void } | undefined;

const check: SpecCheck = {
  applies: (spec) => castTarget(spec) !== undefined || emptyRefused(spec) || !!spec.format || !!spec.pattern || (!!spec.values && !spec.openValues),
  accepted(v) {
    const { project, say } = judging!;
    const text = stringOf(v);
    if (text === undefined || !isInterpolated(text)) return;
    // An unset variable may be set when Compose runs: `unset-variable` speaks about it.
    const value = knownText(text, project.lookup);
    if (value === undefined) return;
    const range = valueRange(v);
    const path = pathText(v.path);
    const via = throughAlias(v);
    const target = castProblem(v.spec, value);
    if (target) say(range, DiagnosticSeverity.Error, 'wrong-type', `${path} must be ${target}: ${text} gives ${quoted(value)} here, which Compose cannot convert, so it refuses the file${via}.`);
    const word = booleanWordProblem(v.spec, value);
    if (word) say(range, DiagnosticSeverity.Warning, 'boolean-word', booleanWordMessage(path, value, word.meant, ` (${text} gives it here)${via}`));
    const format = v.spec.format;
    if (format) {
      const gives = `${path}: ${text} gives ${quoted(value)} here. `;
      const negative = negativeSize(format, value, false);
      const problem = negative === undefined ? checkFormat(format, value) : negative || undefined;
      if (problem) say(range, DiagnosticSeverity.Error, 'invalid-format', `${gives}${problem}${via}`);
      else if (negative === undefined) {
        const warning = formatWarning(format, value);
        if (warning) say(range, DiagnosticSeverity.Warning, 'invalid-format', `${gives}${warning}${via}`);
      }
    }
    const empty = value === '' ? emptyValueProblem(v.spec, true) : undefined;
    if (empty) say(range, DiagnosticSeverity.Error, empty.code, `${path}: ${text} gives "" here, and ${empty.message}.${via}`);
    const values = v.spec.values;
    if (value === '' && v.spec.emptyIsNone) return;
    // With a closed set of values, `invalid-value` speaks instead (as in invalidFormat.ts).
    if (v.spec.pattern && !(values && !v.spec.openValues) && !regex(v.spec.pattern).test(value)) {
      const words = values?.map(String);
      const expected = v.spec.acceptedForms ? `use ${quoteList(v.spec.acceptedForms)}` : words ? `use ${quoteList(words)} or a variant of them` : `it must match ${v.spec.pattern}`;
      say(range, DiagnosticSeverity.Error, 'invalid-format', `${path}: ${text} gives ${quoted(value)} here, which is not valid: ${expected}.${via}`);
    }
    if (values && !v.spec.openValues && !values.some((allowed) => String(allowed) === value)) {
      const swarm = v.spec.swarmOnly ? ' `docker compose` loads the file regardless; `docker stack deploy` refuses this value.' : '';
      say(range, v.spec.swarmOnly ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'invalid-value', `${path}: ${text} gives ${quoted(value)} here, which is not a valid value: use ${quoteList(values)}.${swarm}${via}`);
    }
  },
};

const CHECKS: readonly SpecCheck[] = [check];
const REPORTS = [() => undefined];

/**
 * Whether the alias `*name` at `at` may bring a value holding a `$`: its anchor's node holds one, or an alias
 * (which may). Most files share settings without variables, and every service that merges them would
 * otherwise be walked.
 */
function aliasMayBringDollar(doc: ComposeDocument, name: string, at: number): boolean {
  const node = anchorNodeBefore(doc, name, at);
  // An alias that names nothing brings nothing (`unknown-anchor` speaks).
  if (node === undefined) return false;
  return holdsDollarOrAlias(node);
}

/** Kept per anchored node: a thousand services merging one anchor ask about the same node. */
const dollarOrAlias = new WeakMap<object, boolean>();

function holdsDollarOrAlias(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (isScalar(node)) return typeof node.value === 'string' && node.value.includes('$');
  if (!isMap(node) && !isSeq(node)) return false;
  const known = dollarOrAlias.get(node);
  if (known !== undefined) return known;
  let found = false;
  for (const item of node.items) {
    found = isPair(item) ? isAlias(item.key) || holdsDollarOrAlias(item.value) : holdsDollarOrAlias(item);
    if (found) break;
  }
  dollarOrAlias.set(node, found);
  return found;
}
