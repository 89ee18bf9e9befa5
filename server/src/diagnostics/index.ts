// Runs every rule on a file of a project. Each rule lives in its own module.
import type { Diagnostic } from 'vscode-languageserver';
import type { FeatureRequest } from '../features/request';
import type { DiagnosticSettings } from './settings';

export type DiagnosticRequest = Omit<FeatureRequest, 'offset' | 'client'> & { readonly settings: DiagnosticSettings };

export function diagnose(_req: DiagnosticRequest): Diagnostic[] {
  return [];
}
