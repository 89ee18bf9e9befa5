// What a rule receives and returns. Each rule is a plain function of the
// file and its project, so unit tests call it directly; a rule whose
// diagnostics have an obvious fix also owns that fix (see ../fix.ts).
import type { Diagnostic } from 'vscode-languageserver';
import type { FeatureRequest } from '../../features/request';
import type { FixRequest, QuickFix } from '../fix';

export type RuleRequest = Omit<FeatureRequest, 'offset' | 'client'>;

/** `Data`: what the rule attaches to its diagnostics for its fix. */
export interface Rule<Data extends object = object> {
  /** The codes this rule may report (for documentation and settings). */
  readonly codes: readonly string[];
  run(req: RuleRequest): Diagnostic[];
  /** The same run paused between slices of its work (each `yield`), for a rule that may check thousands of services at once. */
  steps?(req: RuleRequest): Generator<void, Diagnostic[]>;
  /** Quick fixes for one of this rule's diagnostics, from the data it attached. */
  fix?(req: FixRequest<Data>): QuickFix[];
}
