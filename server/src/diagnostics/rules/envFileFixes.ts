// Quick fixes for `missing-env-file` (envFiles.ts), the three ways out its
// message names, none preferred (which one is meant is the user's call):
// - create the file, from the template beside it or empty (../fileFixes.ts);
// - make it optional (`required: false`, Compose 2.24 and later), which needs
//   the entry's long form: `env_file: local.env` and `- local.env` become
//   `- path: local.env` with `required: false` under it, a flow item
//   `{path: local.env, required: false}`.
// The last only for an entry of the service's own `env_file` (one a `<<` merge
// brings is shared with other services); each only where the path is still
// written where the rule saw it.
import * as path from 'node:path';
import { isMap } from 'yaml';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { locate } from '../../model/locate';
import { nodeRange, scalarText } from '../../model/nodes';
import { uriToPath } from '../../model/workspace';
import { endOfLine, indentUnit, replaceRange, setInMapping } from '../edits';
import { createFileFixes } from '../fileFixes';
import type { QuickFix } from '../fix';

export function missingEnvFileFixes(doc: ComposeDocument, diagnostic: Diagnostic): QuickFix[] {
  const at = doc.text.offsetAt(diagnostic.range.start);
  const context = locate(doc, at);
  const written = scalarText(context.scalar);
  const range = nodeRange(context.scalar);
  if (written === undefined || !range || range[0] !== at || !doc.uri.startsWith('file:')) return [];
  // A path written with variables is made where they put it (the rule's data), not under the name written, and
  // where Compose looks for it (the folder it runs in, data.file), not beside this file.
  const data = diagnostic.data as { path?: unknown; file?: unknown } | undefined;
  const file = typeof data?.path === 'string' ? data.path : written;
  const full = typeof data?.file === 'string' ? data.file : path.resolve(path.dirname(uriToPath(doc.uri)), file);
  // An empty path names no file to make: only the long form's `required: false` helps.
  const fixes = file === '' ? [] : createFileFixes(full, file);
  const [section, , key] = context.path;
  const optional = section === 'services' && key === 'env_file' ? optionalEdit(doc, context, range) : undefined;
  if (optional) fixes.push({ title: `Make ${written === '' ? 'this entry' : written} optional (required: false): Compose then loads the project without it`, edits: [optional] });
  return fixes;
}

/** The entry at `range` written with `required: false`, in the form each way of writing it takes. */
function optionalEdit(doc: ComposeDocument, context: ReturnType<typeof locate>, range: readonly [number, number, number?]): TextEdit | undefined {
  const source = doc.text.getText();
  const edit = (start: number, end: number, newText: string) => replaceRange(doc, start, end, newText);
  const value = source.slice(range[0], range[1]);
  // A path written over several lines (a block scalar, a folded plain one) is left to the user.
  if (value.includes('\n') || context.scalar?.type === 'BLOCK_LITERAL' || context.scalar?.type === 'BLOCK_FOLDED') return undefined;
  const depth = context.path.length;
  // `- path: local.env` (or `{path: local.env}`): the key set in the entry.
  if (depth === 5 && context.path[4] === 'path' && context.map && isMap(context.map)) return setInMapping(doc, context.map, 'required', 'false');
  // What follows the value on its line (a comment) stays on the line of the path.
  const lineEnd = endOfLine(source, range[1]);
  const rest = source.slice(range[1], lineEnd);
  if (depth === 4 && context.seq) {
    if (context.seq.flow) return edit(range[0], range[1], `{path: ${value}, required: false}`);
    const column = doc.text.positionAt(range[0]).character;
    return edit(range[0], lineEnd, `path: ${value}${rest}\n${' '.repeat(column)}required: false`);
  }
  // `env_file: local.env`: a list of one entry, one step deeper than the key.
  const keyRange = nodeRange(context.pair?.key);
  if (depth !== 3 || !keyRange || context.pair?.value !== context.scalar) return undefined;
  // In a flow mapping (`web: {image: nginx, env_file: x.env}`) the list is written in flow style too.
  if (context.map?.flow) return edit(range[0], range[1], `[{path: ${value}, required: false}]`);
  const colon = source.indexOf(':', keyRange[1]);
  if (colon < 0 || colon >= range[0] || source.slice(colon + 1, range[0]).trim() !== '') return undefined;
  const column = ' '.repeat(doc.text.positionAt(keyRange[0]).character + indentUnit(doc).length);
  return edit(colon + 1, lineEnd, `\n${column}- path: ${value}${rest}\n${column}  required: false`);
}
