// Quick fixes that make a file a Compose file names and the disk lacks (an
// env file, a secret's or config's `file:`): from the template the project
// keeps beside it (`.env.local.example`, `nginx.conf.sample`...), the step a
// project's README usually asks for by hand, or empty. The editor makes them
// (QuickFix.creates), only where the client can and never over a file made
// meanwhile (features/codeActions.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComposeDocument } from '../model/document';
import { locate } from '../model/locate';
import { scalarText } from '../model/nodes';
import type { Diagnostic } from 'vscode-languageserver';
import type { QuickFix } from './fix';

/** What a project keeps as the model of a local file, by the local file's name plus one of these. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist'];

/** A template larger than this is no file to copy into a quick fix. */
const MAX_TEMPLATE_BYTES = 256 * 1024;

/** "Create `written` from its template", when there is one, then "Create `written`, empty"; `file` is its absolute path. */
export function createFileFixes(file: string, written: string): QuickFix[] {
  const fixes: QuickFix[] = [];
  const template = templateOf(file);
  if (template) fixes.push({ title: `Create ${written} from ${path.basename(template.path)}`, edits: [], creates: { path: file, text: template.text } });
  fixes.push({ title: `Create ${written}, empty`, edits: [], creates: { path: file, text: '' } });
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

/** What a finding about a missing file carries for its fixes: the path as written, where it is looked for, and the path its variables give. */
export interface MissingFileData {
  readonly written: string;
  readonly file: string;
  readonly read?: string;
}

/**
 * The fixes that make the file a finding says is missing (`data` as the rule attached it, returned by the
 * editor): only while the document still holds the path where the rule saw it, quoted or not.
 */
export function missingFileFixes(doc: ComposeDocument, diagnostic: Diagnostic, data: Partial<Record<keyof MissingFileData, unknown>>): QuickFix[] {
  const { written, file, read } = data;
  if (typeof written !== 'string' || typeof file !== 'string' || !path.isAbsolute(file)) return [];
  if (scalarText(locate(doc, doc.text.offsetAt(diagnostic.range.start)).scalar) !== written) return [];
  return createFileFixes(file, typeof read === 'string' ? read : written);
}
