// `extends: {file: other.yaml, service: base}`: the service lives in another
// file, outside this project's merged services.
import * as path from 'node:path';
import { isMap } from 'yaml';
import { getValue, scalarText } from '../../model/nodes';
import { pathToUri, uriToPath } from '../../model/workspace';
import type { FeatureRequest } from '../request';
import { bullets, code } from './markup';

export function extendsServiceBlocks(req: FeatureRequest, file: string, name: string): string[] {
  const target = path.resolve(path.dirname(uriToPath(req.doc.uri)), file);
  const model = req.project.files.find((f) => f.path === target)?.model ?? req.workspace.fileModel(pathToUri(target));
  const title = `**Service** ${code(name)} from ${code(file)}`;
  if (!model) return [title, `${code(target)} cannot be read: Compose will fail to load this service.`];
  const def = model.definitions.find((d) => d.kind === 'service' && d.name === name);
  if (!def) return [title, `${code(file)} defines no service ${code(name)}.`];
  const body = def.value;
  const image = isMap(body) ? scalarText(getValue(body, 'image')) : undefined;
  return [
    title,
    bullets([
      `Defined in ${code(target)}; this service starts from its settings and overrides them with its own keys.`,
      image ? `Image: ${code(image)}.` : undefined,
    ].filter((l): l is string => !!l)),
  ];
}
