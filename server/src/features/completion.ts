import type { CompletionList } from 'vscode-languageserver';
import type { FeatureRequest } from './request';

export function completion(_req: FeatureRequest): CompletionList {
  return { isIncomplete: false, items: [] };
}
