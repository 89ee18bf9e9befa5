import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import type { FeatureRequest } from './request';

export function codeActions(_req: Omit<FeatureRequest, 'offset'>, _range: Range, _diagnostics: readonly Diagnostic[]): CodeAction[] {
  return [];
}
