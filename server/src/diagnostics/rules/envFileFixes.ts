// Quick fixes for `missing-env-file` (envFiles.ts), the three ways out its
// message names, none preferred (which one is meant is the user's call):
// - create the file from the template beside it (`local.env.example`,
//   `.env.sample`...), the step a project's README usually asks for by hand;
// - create it empty;
// - make it optional (`required: false`, Compose 2.24 and later), which needs
//   the entry's long form: `env_file: local.env` and `- local.env` become
//   `- path: local.env` with `required: false` under it, a flow item
//   `{path: local.env, required: false}`.
// Only for an entry of the service's own `env_file` (one a `<<` merge brings
// is shared with other services), written as the rule saw it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap } from 'yaml';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { locate } from '../../model/locate';
import { nodeRange, scalarText } from '../../model/nodes';
import { uriToPath } from '../../model/workspace';
import { endOfLine, indentUnit, setInMapping } from '../edits';
import type { QuickFix } from '../fix';

/** What a project keeps as the model of a local file, by the local file's name plus one of these. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist'];

/** A template larger than this is no env file to copy. */
const MAX_TEMPLATE_BYTES = 256 * 1024;

export function missingEnvFileFixes(doc: ComposeDocument, diagnostic: Diagnostic): QuickFix[] {
  const at = doc.text.offsetAt(diagnostic.range.start);
  const context = locate(doc, at);
  const written = scalarText(context.scalar);
  const range = nodeRange(context.scalar);
  const [section, , key] = context.path;
  if (section !== 'services' || key !== 'env_file' || written === undefined || !range || range[0] !== at || !doc.uri.startsWith('file:')) return [];
  const file = path.resolve(path.dirname(uriToPath(doc.uri)), written);
  const fixes: QuickFix[] = [];
  const template = templateOf(file);
  if (template) fixes.push({ title: `Create ${written} from ${path.basename(template.path)}`, edits: [], creates: { path: file, text: template.text } });
  fixes.push({ title: `Create ${written}, empty`, edits: [], creates: { path: file, text: '' } });
  const optional = optionalEdit(doc, context, range);
  if (optional) fixes.push({ title: `Make ${written} optional (required: false): Compose then loads the project without it`, edits: [optional] });
  return fixes;
}

/** The first template of `file` beside it, with its text. */
function templateOf(file: string): { path: string; text: string } | undefined {
  for (const suffix of TEMPLATE_SUFFIXES) {
    const candidate = file + suffix;
    try {
      if (fs.statSync(candidate).size > MAX_TEMPLATE_BYTES) continue;
      return { path: candidate, text: fs.readFileSync(candidate, 'utf8') };
    } catch {
      // not there, or not readable: the next
    }
  }
  return undefined;
}

/** The entry at `range` written with `required: false`, in the form each way of writing it takes. */
function optionalEdit(doc: ComposeDocument, context: ReturnType<typeof locate>, range: readonly [number, number, number?]): TextEdit | undefined {
  const source = doc.text.getText();
  const edit = (start: number, end: number, newText: string): TextEdit => ({ range: { start: doc.text.positionAt(start), end: doc.text.positionAt(end) }, newText });
  const value = source.slice(range[0], range[1]);
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
  const colon = source.indexOf(':', keyRange[1]);
  if (colon < 0 || colon >= range[0] || source.slice(colon + 1, range[0]).trim() !== '') return undefined;
  const column = ' '.repeat(doc.text.positionAt(keyRange[0]).character + indentUnit(doc).length);
  return edit(colon + 1, lineEnd, `\n${column}- path: ${value}${rest}\n${column}  required: false`);
}
