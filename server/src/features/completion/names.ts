// The names a reference may use, from the project (and, for `extends` with
// `file:`, from that other file), less the ones that make no sense here.
import * as path from 'node:path';
import { isSeq } from 'yaml';
import type { FileModel, NameKind } from '../../model/fileModel';
import { entries, getValue, scalarText } from '../../model/nodes';
import { pathToUri, uriToPath } from '../../model/workspace';
import type { FeatureRequest } from '../request';

/** The service whose definition holds the cursor, when it is in one. */
export function enclosingService(pathSegments: readonly (string | number)[]): string | undefined {
  return pathSegments[0] === 'services' && typeof pathSegments[1] === 'string' && pathSegments.length > 2 ? pathSegments[1] : undefined;
}

/** Names of `kind` defined in the project, in load order. */
export function projectNames(req: FeatureRequest, kind: NameKind): string[] {
  const names = req.project.names(kind);
  // A file outside any project (or not yet saved) still knows its own names.
  if (names.length === 0) for (const def of req.file.definitions) if (def.kind === kind && !names.includes(def.name)) names.push(def.name);
  return names;
}

/** Services of the file an `extends` points to: `file:` (relative to this file) or this file. */
export function extendsTargetServices(req: FeatureRequest, file: string | undefined): string[] {
  if (!file) return req.file.definitions.filter((d) => d.kind === 'service').map((d) => d.name);
  const target = path.resolve(path.dirname(uriToPath(req.doc.uri)), file);
  const model: FileModel | undefined = req.project.files.find((f) => f.path === target)?.model ?? req.workspace.fileModel(pathToUri(target));
  return model ? model.definitions.filter((d) => d.kind === 'service').map((d) => d.name) : [];
}

/** Names already written in a list (`- db`, `- db:alias`) or as keys of a mapping. */
export function alreadyListed(collection: unknown, current?: unknown): Set<string> {
  const listed = new Set<string>();
  if (isSeq(collection)) {
    for (const item of collection.items) {
      // The entry being typed is not "already there".
      if (current && item === current) continue;
      const text = scalarText(item) ?? scalarText(getValue(item, 'source'));
      if (text) listed.add(text.startsWith('service:') ? text.slice(8).split(':')[0] : text.split(':')[0]);
    }
  }
  for (const [name] of entries(collection)) listed.add(name);
  return listed;
}
