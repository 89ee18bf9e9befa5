// Go to definition: from a use of a name to every file that defines it (a
// service may be defined in compose.yaml and again in its override), from an
// alias to its anchor, from a build's `target` or `args` name to the line of
// the Dockerfile that declares it, and from a file path (include,
// extends.file, env_file) to that file.
import type { Location } from 'vscode-languageserver';
import { resolveAt, toLocation } from './occurrences';
import type { FeatureRequest } from './request';
import { fileLinkAt } from './links';
import { dockerfileNameAt, nameOnLine } from './serviceDockerfile';
import { pathToUri } from '../model/workspace';

export function definition(req: FeatureRequest): Location[] {
  const resolved = resolveAt(req);
  if (resolved) return resolved.occurrences.filter((o) => o.isDefinition).map(toLocation);
  // A stage or ARG of the service's Dockerfile: the line that declares it.
  const named = dockerfileNameAt(req);
  if (named?.dockerfile.path) {
    const at = nameOnLine(named);
    return [{ uri: pathToUri(named.dockerfile.path), range: { start: { line: at.line, character: at.start }, end: { line: at.line, character: at.end } } }];
  }
  const target = fileLinkAt(req);
  return target ? [{ uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
}
