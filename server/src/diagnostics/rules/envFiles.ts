// `missing-env-file`: an `env_file` that does not exist and is required (the
// default). Compose refuses to load the project (`docker compose config`
// fails with "env file ... not found"), so it is an error. `required: false`
// files and interpolated paths are left alone.
import * as path from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { getValue, nodeRange, scalarText, seqItems } from '../../model/nodes';
import { uriToPath } from '../../model/workspace';
import { isInterpolated } from '../../spec/index';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

/** A service body's `env_file` entries, looked up once per body node (an unchanged block keeps its nodes across edits; the files are looked for on every run). */
const itemsOfBody = new WeakMap<object, readonly unknown[]>();

function envFileItems(body: unknown): readonly unknown[] {
  if (!body || typeof body !== 'object') return [];
  let items = itemsOfBody.get(body);
  if (!items) {
    const value = getValue(body, 'env_file');
    items = isScalar(value) ? [value] : seqItems(value);
    itemsOfBody.set(body, items);
  }
  return items;
}

export const envFiles: Rule = {
  codes: ['missing-env-file'],
  run({ doc, file, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    const dir = path.dirname(uriToPath(doc.uri));
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const item of envFileItems(def.value)) {
        const pathNode = isMap(item) ? getValue(item, 'path') : item;
        const required = isMap(item) ? scalarText(getValue(item, 'required')) : undefined;
        const text = scalarText(pathNode);
        const range = nodeRange(pathNode);
        if (!text || !range || required === 'false' || isInterpolated(text)) continue;
        if (workspace.exists(path.resolve(dir, text))) continue;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-env-file',
          `env file ${text} not found: Compose refuses to load the project without it (service "${def.name}"). Create the file, fix the path, or make it optional (long form with "required: false").`));
      }
    }
    return out;
  },
};
