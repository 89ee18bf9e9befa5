// Find references: every use of the name under the cursor across the
// project's files (and its definitions, when the client asks for them); for a
// service, also the environment addresses that reach it by name.
import type { Location } from 'vscode-languageserver';
import { addressOccurrences, resolveAt, toLocation } from './occurrences';
import type { FeatureRequest } from './request';
import { scopeOf } from './scope';

export function references(req: FeatureRequest, includeDeclaration: boolean): Location[] {
  const resolved = resolveAt(req);
  if (!resolved) return [];
  const found = resolved.occurrences.filter((o) => includeDeclaration || !o.isDefinition);
  if (resolved.target.type === 'name') found.push(...addressOccurrences(scopeOf(req.workspace, req.doc.uri, req.client.workspaceFolders), resolved.target, req.file));
  return found.map(toLocation);
}
