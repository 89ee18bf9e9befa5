// What a rule receives and returns. Each rule is a plain function of the
// file and its project, so unit tests call it directly.
import type { Diagnostic } from 'vscode-languageserver';
import type { FeatureRequest } from '../../features/request';

export type RuleRequest = Omit<FeatureRequest, 'offset' | 'client'>;

export interface Rule {
  /** The codes this rule may report (for documentation and settings). */
  readonly codes: readonly string[];
  run(req: RuleRequest): Diagnostic[];
}
