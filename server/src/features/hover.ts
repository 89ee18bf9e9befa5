import type { Hover } from 'vscode-languageserver';
import type { FeatureRequest } from './request';

export function hover(_req: FeatureRequest): Hover | null {
  return null;
}
