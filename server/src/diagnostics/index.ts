// Runs every rule on a file of a project. Each rule lives in its own module
// under rules/; this file decides the order, stops cascades, and applies the
// user's `dockhand.diagnostics.rules` settings.
import { COMPOSE_REFUSES } from './composeRefusal';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { FeatureRequest } from '../features/request';
import { blockFindings, canCheckByBlock } from './blockRules';
import { aliases } from './rules/aliases';
import { bindSources } from './rules/bindSources';
import { buildSources } from './rules/buildSources';
import { containerNameConflicts } from './rules/containerNameConflicts';
import { containerNameReplicas } from './rules/containerNameReplicas';
import { hostPortReplicas } from './rules/hostPortReplicas';
import { dependencyCycles } from './rules/dependencyCycles';
import { duplicateKeys, topLevelDuplicateKeys } from './rules/duplicateKeys';
import { envFiles } from './rules/envFiles';
import { labelFiles } from './rules/labelFiles';
import { extendsRules } from './rules/extendsRules';
import { FORMAT_RULES, formatRules } from './rules/formatRules';
import { interpolatedValues } from './rules/interpolatedValues';
import { healthyDependencies } from './rules/healthyDependencies';
import { imageOrBuild } from './rules/imageOrBuild';
import { includes } from './rules/includes';
import { isLegacyFile, legacyLayout } from './rules/legacyLayout';
import { invalidMerge } from './rules/invalidMerge';
import { nonFiniteNumbers } from './rules/nonFiniteNumbers';
import { nonStringKeys } from './rules/nonStringKeys';
import { longKeys } from './rules/longKeys';
import { mountedFiles } from './rules/mountedFiles';
import { permissionsIgnored } from './rules/permissionsIgnored';
import { buildContexts } from './rules/buildContexts';
import { profileDependencies } from './rules/profileDependencies';
import { obsoleteVersion } from './rules/obsoleteVersion';
import { portConflicts } from './rules/portConflicts';
import { portNotExposed } from './rules/portNotExposed';
import type { Rule, RuleRequest } from './rules/rule';
import { serviceUrls } from './rules/serviceUrls';
import { takenServiceUrls } from './rules/takenServiceUrls';
import { staticAddressRule } from './rules/staticAddresses';
import { subnetOverlaps } from './rules/subnetOverlaps';
import { externalSecrets } from './rules/externalSecrets';
import { emptyServices } from './rules/emptyServices';
import { networkDrivers } from './rules/networkDrivers';
import { bridgeOptions } from './rules/bridgeOptions';
import { predefinedNetworks } from './rules/predefinedNetworks';
import { watchRebuild } from './rules/watchRebuild';
import { driveLetterVolumes } from './rules/driveLetterVolumes';
import { undefinedReferences } from './rules/undefinedReferences';
import { variables } from './rules/variables';
import { blockingSyntaxErrors, hasBlockingSyntaxErrors, yamlSyntax } from './rules/yamlSyntax';
import type { FixRequest, QuickFix } from './fix';
import { applySettings, type DiagnosticSettings } from './settings';
import { damagedRegions, outside, withAliasesOf, type LineSpan } from './syntaxRegions';
import { namesAfterTyping, namesSurviveTyping } from './typedKeys';
import { withUnmadeNetworks } from './unmadeNetworks';
import { messageText } from './make';

export type DiagnosticRequest = Omit<FeatureRequest, 'offset' | 'client'> & { readonly settings: DiagnosticSettings };

/** Rules that read the document's structure; the rest need a sound document. */
const STRUCTURE_RULES: readonly Rule[] = [duplicateKeys, nonStringKeys, longKeys, nonFiniteNumbers, invalidMerge, aliases];

export const RULES: readonly Rule[] = [
  yamlSyntax,
  ...STRUCTURE_RULES,
  formatRules,
  obsoleteVersion,
  undefinedReferences,
  dependencyCycles,
  extendsRules,
  imageOrBuild,
  includes,
  portConflicts,
  containerNameConflicts,
  healthyDependencies,
  portNotExposed,
  containerNameReplicas,
  hostPortReplicas,
  serviceUrls,
  takenServiceUrls,
  variables,
  interpolatedValues,
  envFiles,
  labelFiles,
  bindSources,
  mountedFiles,
  permissionsIgnored,
  buildContexts,
  profileDependencies,
  buildSources,
  staticAddressRule,
  subnetOverlaps,
  externalSecrets,
  driveLetterVolumes,
  emptyServices,
  networkDrivers,
  bridgeOptions,
  predefinedNetworks,
  watchRebuild,
];

/** The rules that read across blocks, for documents checked block by block (blockRules.ts). */
export const PROJECT_RULES: readonly Rule[] = [obsoleteVersion, undefinedReferences, dependencyCycles, extendsRules, imageOrBuild, includes, portConflicts, containerNameConflicts, healthyDependencies, portNotExposed, serviceUrls, takenServiceUrls, envFiles, labelFiles, bindSources, mountedFiles, permissionsIgnored, buildContexts, profileDependencies, buildSources, staticAddressRule, subnetOverlaps, externalSecrets, driveLetterVolumes, emptyServices, networkDrivers, bridgeOptions, predefinedNetworks, watchRebuild];

/** Every code a rule may report, and what the user's Compose says (`compose-refuses`, composeRefusal.ts), for settings and documentation. */
export const ALL_CODES: readonly string[] = [...new Set([...legacyLayout.codes, ...RULES.flatMap((r) => r.codes), COMPOSE_REFUSES])].sort();

type AnyFix = (req: FixRequest<object>) => QuickFix[];

/**
 * Each code's quick fixes, from the rules that report it: a code two rules share (`unset-variable`, in the
 * Compose file and in an env file's line) asks both, and each answers only for the findings it made.
 */
const FIXES: ReadonlyMap<string, readonly AnyFix[]> = (() => {
  const byCode = new Map<string, AnyFix[]>();
  const add = (code: string, fix: AnyFix) => (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(fix);
  for (const rule of RULES) if (rule.fix) for (const code of rule.codes) add(code, rule.fix.bind(rule));
  for (const rule of FORMAT_RULES) if (rule.fix) add(rule.code, rule.fix.bind(rule));
  return byCode;
})();

/** The quick fixes for one of our diagnostics, as the editor sent it back (with the data its rule attached). */
export function quickFixes(doc: ComposeDocument, diagnostic: Diagnostic): QuickFix[] {
  const fixes = FIXES.get(String(diagnostic.code ?? '')) ?? [];
  const data: object = typeof diagnostic.data === 'object' && diagnostic.data !== null ? diagnostic.data : {};
  return fixes.flatMap((fix) => fix({ doc, diagnostic, data }));
}

export function diagnose(req: DiagnosticRequest): Diagnostic[] {
  const steps = diagnoseInSteps(req);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run, paused between rules (each `yield`), so a server can answer
 * requests in between and drop a run a newer edit made pointless.
 */
export function* diagnoseInSteps(req: DiagnosticRequest): Generator<void, Diagnostic[]> {
  return applySettings(withUnmadeNetworks(yield* collect(req), req.doc, req.file, req.project), req.settings);
}

function* collect(req: DiagnosticRequest): Generator<void, Diagnostic[]> {
  const syntax = yamlSyntax.run(req);
  // Past a syntax error the recovered document is a guess where the error is: say what is broken
  // there, and what the rules find in the entries the parser read as written.
  const broken = hasBlockingSyntaxErrors(req.doc.errors);
  // The v1 layout: one diagnostic says it all; judged by today's format every line would be wrong. Not past a
  // syntax error: a service pasted above `services:` with its indentation is then all the parser reads, a file of
  // services at the top level, and Compose reports the YAML error (or the key it does not know), not a v1 file.
  if (isLegacyFile(req.doc, req.file)) return broken ? syntax : legacyLayout.run(req);
  const names = namesJudged(req);
  if (broken && !canCheckByBlock(req.doc)) return [...syntax, ...recovered(req, names)];
  const out = [...syntax];
  // An alias cycle or bomb: the whole-document run below reports it and stops there.
  const byAliases = canCheckByBlock(req.doc) ? yield* aliasFindings(req) : undefined;
  if (byAliases && !byAliases.some(stopsTheRun)) {
    // Spliced from blocks: the rules of one block run for changed blocks only, the others on the whole project.
    // With syntax errors its blocks keep to themselves (a key being typed; model/blockContext.ts), as `recovered` below.
    const found = [...topLevelDuplicateKeys(req.doc), ...byAliases, ...(yield* blockFindings(req, runGuarded))];
    for (const rule of PROJECT_RULES) {
      if (names === false && judgesNames(rule)) continue;
      yield;
      found.push(...(yield* runGuardedInSteps(rule, req)));
    }
    if (!broken) return dedupe([...out, ...found]);
    const spans = damagedSpans(req);
    return [...out, ...(spans ? outsideDamage(req, found, spans, names) : duplicateKeys.run(req))];
  }
  if (broken) return [...syntax, ...recovered(req, names)];
  for (const rule of RULES) {
    if (rule === yamlSyntax || (names === false && judgesNames(rule))) continue;
    yield;
    out.push(...(yield* runGuardedInSteps(rule, req)));
    // An alias cycle or bomb would make every later walk pointless (or slow).
    if (rule === aliases && out.some(stopsTheRun)) return out;
  }
  return dedupe(out);
}

/** What `aliases` finds in a document checked by block (run only when some block has an anchor or alias). */
function* aliasFindings(req: DiagnosticRequest): Generator<void, Diagnostic[]> {
  if (!req.doc.blocks!.some((b) => b.pieces.anchors.length > 0)) return [];
  return yield* runGuardedInSteps(aliases, req);
}

/** An alias cycle or bomb: the run says so and stops (every later walk would be pointless, or slow). */
function stopsTheRun(d: Diagnostic): boolean {
  return d.code === 'alias-cycle' || d.code === 'excessive-aliasing';
}

/**
 * The rules' findings outside the entries that hold a syntax error. Names are
 * not judged (`undefined-service`, cycles...): a definition broken by the
 * error may still be meant, and a reference to it is not wrong. Except while a
 * key is being typed, where it cannot change a verdict (`namesJudged`).
 */
function recovered(req: DiagnosticRequest, names: Names): Diagnostic[] {
  const spans = damagedSpans(req);
  if (!spans) return duplicateKeys.run(req);
  const out: Diagnostic[] = [];
  for (const rule of RULES) if (rule !== yamlSyntax && (names !== false || !judgesNames(rule))) out.push(...runGuarded(rule, req));
  return outsideDamage(req, out, spans, names);
}

/** Whether names are judged; a list: judged, except the verdicts that name one of these (typedKeys.ts namesAfterTyping). */
type Names = boolean | readonly string[];

/**
 * Whether names are judged: no file of the project, this one or another it is judged with (an override
 * being typed in hides its definitions as well), holds a syntax error that could make a name verdict
 * wrong. A key being typed mostly cannot (typedKeys.ts).
 */
function namesJudged(req: DiagnosticRequest): Names {
  const own = hasBlockingSyntaxErrors(req.doc.errors) ? namesAfterTyping(req.doc, blockingSyntaxErrors(req.doc.errors), req.file.anchors) : true;
  if (own === false) return false;
  for (const file of req.project.files) if (file.uri !== req.doc.uri && !namesSurviveErrors(file.model.doc, file.model.anchors)) return false;
  return own;
}

function namesSurviveErrors(doc: ComposeDocument, anchors: FileModel['anchors']): boolean {
  if (!hasBlockingSyntaxErrors(doc.errors)) return true;
  return namesSurviveTyping(doc, blockingSyntaxErrors(doc.errors), anchors);
}

/** The entries the syntax errors make unreliable; undefined when an error cannot be placed (nothing is then reliable but duplicate keys). */
function damagedSpans(req: DiagnosticRequest): LineSpan[] | undefined {
  return damagedRegions(req.doc, blockingSyntaxErrors(req.doc.errors));
}

/** Of what the rules found in a document with a syntax error: nothing in a damaged entry or at an alias of an anchor there, and no name judged unless `names`. */
function outsideDamage(req: DiagnosticRequest, found: readonly Diagnostic[], spans: readonly LineSpan[], names: Names): Diagnostic[] {
  const unread = Array.isArray(names) ? new Set(names) : undefined;
  const kept = names === true ? found : found.filter((d) => !NAME_CODES.test(String(d.code)) || (unread !== undefined && !quotesAny(messageText(d.message), unread)));
  return dedupe(outside(kept, withAliasesOf(req.doc, spans, req.file.anchors)));
}

/** Whether `message` quotes one of `names` (a lost section may hold thousands: each quoted text is looked up). */
function quotesAny(message: string, names: ReadonlySet<string>): boolean {
  for (const [, quoted] of message.matchAll(QUOTED)) if (names.has(quoted!)) return true;
  return false;
}

const QUOTED = /"([^"]*)"/g;

/** Verdicts on names, and on what one service's entry means for another's (a port or a container name two services take, unless their profiles part them): a syntax error can hide either. */
const NAME_CODES = /^(undefined-|dependency-cycle|extends-cycle|include-cycle|no-shared-network|unknown-host|port-conflict|container-name-conflict|no-healthcheck|address-not-in-network)/;

function judgesNames(rule: Rule): boolean {
  return rule.codes.some((code) => NAME_CODES.test(code));
}


/** One rule's bug must not take every other diagnostic with it: it is logged (stderr reaches the editor's output) and skipped. */
function runGuarded(rule: Rule, req: RuleRequest): Diagnostic[] {
  try {
    return rule.run(req);
  } catch (error) {
    console.error(`dockhand: the ${rule.codes.join('/')} rule failed on ${req.doc.uri}: ${(error as Error).stack ?? error}`);
    return [];
  }
}

/** `runGuarded` for a rule that may pause (`steps`): a bug in any of its steps is logged and skipped alike. */
function* runGuardedInSteps(rule: Rule, req: RuleRequest): Generator<void, Diagnostic[]> {
  if (!rule.steps) return runGuarded(rule, req);
  try {
    return yield* rule.steps(req);
  } catch (error) {
    console.error(`dockhand: the ${rule.codes.join('/')} rule failed on ${req.doc.uri}: ${(error as Error).stack ?? error}`);
    return [];
  }
}

/**
 * Drops repeats (same code, start and message). Keyed by place alone, as a number, and codes and
 * messages compared only where places meet: every run passes thousands of findings through here
 * (a string key made for each was ~3 ms of an edit on 5,000 services), and few share a start.
 */
export function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Map<number, Diagnostic | Diagnostic[]>();
  return list.filter((d) => {
    const key = d.range.start.line * 0x100000 + d.range.start.character;
    const same = seen.get(key);
    if (same === undefined) {
      seen.set(key, d);
      return true;
    }
    const others = Array.isArray(same) ? same : [same];
    if (others.some((other) => other.code === d.code && other.message === d.message && samePlace(other, d))) return false;
    seen.set(key, [...others, d]);
    return true;
  });
}

/** Two starts that share a key are the same place but past a millionth character on a line. */
function samePlace(a: Diagnostic, b: Diagnostic): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
