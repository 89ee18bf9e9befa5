// Find references: every use of the name under the cursor across the
// project's files (and its definitions, when the client asks for them); for a
// service, also the environment addresses that reach it by name.
import type { Location } from 'vscode-languageserver';
import { resolveAt, toLocation } from './occurrences';
import type { FeatureRequest } from './request';

export function references(req: FeatureRequest, includeDeclaration: boolean): Location[] {
  const resolved = resolveAt(req, 'project');
  if (!resolved) return [];
  return resolved.occurrences.filter((o) => includeDeclaration || !o.isDefinition).map(toLocation);
}
