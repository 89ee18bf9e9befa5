// `restart-ignored`: a service sets both `restart` and
// `deploy.restart_policy`, and they ask for different things. Compose gives
// the container the policy of `deploy.restart_policy` and drops `restart`
// without a word (measured on Compose 2.26.1: `restart: unless-stopped` beside
// a policy of only `max_attempts: 2` makes a container that never restarts),
// and a Swarm reads only `deploy.restart_policy`. So `restart` is dead text
// there: a warning at it, saying what the container gets instead. The policy's
// `condition` maps to the engine's names as Compose maps it (`any` is always,
// `none` and no condition are no restart, `on-failure` keeps `max_attempts`).
// Keys from a merge count; values with variables are left alone.
import { isMap } from 'yaml';
import { getPair, getValue, nodeRange, scalarText } from '../../model/nodes';
import type { ComposeDocument } from '../../model/document';
import { locate } from '../../model/locate';
import { isInterpolated } from '../../spec/interpolated';
import { serviceDefinition } from '../../spec/service';
import { removeEntryAt } from '../edits';
import type { QuickFix } from '../fix';
import { DiagnosticSeverity } from '../make';
import { resolve } from '../specWalk';
import { lookupKey, type FormatRule } from './formatRule';

interface Policy {
  readonly name: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  readonly retries: number;
}

export const restartIgnored: FormatRule = {
  code: 'restart-ignored',
  severity: DiagnosticSeverity.Warning,
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const restart = lookupKey(v, 'restart');
      const policy = lookupKey(v, 'deploy.restart_policy');
      if (!restart.present || !restart.own || !policy.present || !isMap(policy.value)) return;
      const written = scalarText(restart.value);
      if (written === undefined || isInterpolated(written)) return;
      const asked = restartPolicy(written);
      const given = deployPolicy(v.doc, policy.value);
      if (!asked || !given || samePolicy(asked, given)) return;
      report(restart.range ?? v.range, `restart: ${written} is ignored: Compose gives the container the policy of deploy.restart_policy instead (here: ${shown(given)}) without a word, and a Swarm reads only that one. Keep one of them.`);
    },
  },
  // Either may be the one meant: one fix for each, neither preferred.
  fix({ doc, diagnostic }) {
    if (doc.text.getText(diagnostic.range) !== 'restart') return [];
    const at = doc.text.offsetAt(diagnostic.range.start);
    const fixes: QuickFix[] = [];
    const removeRestart = removeEntryAt(doc, at);
    if (removeRestart) fixes.push({ title: 'Remove restart (deploy.restart_policy decides)', edits: [removeRestart] });
    const service = locate(doc, at).map;
    const deploy = service ? getValue(service, 'deploy') : undefined;
    const policyKey = isMap(deploy) ? nodeRange(getPair(deploy, 'restart_policy')?.key) : undefined;
    const removePolicy = policyKey ? removeEntryAt(doc, policyKey[0]) : undefined;
    if (removePolicy) fixes.push({ title: 'Remove deploy.restart_policy (restart decides)', edits: [removePolicy] });
    return fixes;
  },
};

/** `restart` as the engine reads it; undefined for text it refuses (invalid-format speaks of that). */
function restartPolicy(text: string): Policy | undefined {
  const [name, count] = text.split(':') as [string, string | undefined];
  if (name === 'no' || name === 'always' || name === 'unless-stopped') return count === undefined ? { name, retries: 0 } : undefined;
  if (name === 'on-failure') return count === undefined ? { name, retries: 0 } : /^\+?\d+$/.test(count) ? { name, retries: Number(count) } : undefined;
  return undefined;
}

/** The policy Compose makes of `deploy.restart_policy`; undefined where a value is not known here. */
function deployPolicy(doc: ComposeDocument, policy: unknown): Policy | undefined {
  const conditionNode = resolve(doc, getValue(policy, 'condition'));
  const condition = conditionNode === undefined || conditionNode === null ? '' : scalarText(conditionNode);
  const attemptsText = scalarText(resolve(doc, getValue(policy, 'max_attempts')));
  if (condition === undefined || isInterpolated(condition) || (attemptsText !== undefined && !/^\d+$/.test(attemptsText))) return undefined;
  const retries = attemptsText === undefined ? 0 : Number(attemptsText);
  if (condition === 'any') return { name: 'always', retries: 0 };
  if (condition === 'on-failure') return { name: 'on-failure', retries };
  if (condition === 'none' || condition === '') return { name: 'no', retries: 0 };
  return undefined;
}

function samePolicy(a: Policy, b: Policy): boolean {
  return a.name === b.name && (a.name !== 'on-failure' || a.retries === b.retries);
}

function shown(policy: Policy): string {
  if (policy.name === 'no') return 'no restart at all';
  if (policy.name === 'always') return 'always restarted';
  return policy.retries > 0 ? `restarted on failure, up to ${policy.retries} times` : 'restarted on failure';
}
