// Go to definition: from a use of a name to every file that defines it (a
// service may be defined in compose.yaml and again in its override), from an
// alias to its anchor, and from a file path (include, extends.file, env_file)
// to that file.
import type { Location } from 'vscode-languageserver';
import { resolveAt, toLocation } from './occurrences';
import type { FeatureRequest } from './request';
import { fileLinkAt } from './links';

export function definition(req: FeatureRequest): Location[] {
  const resolved = resolveAt(req);
  if (resolved) return resolved.occurrences.filter((o) => o.isDefinition).map(toLocation);
  const target = fileLinkAt(req);
  return target ? [{ uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
}
