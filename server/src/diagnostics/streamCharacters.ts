// Characters Compose refuses before it reads any YAML: the parser Compose
// uses (go-yaml) checks every character of the file and stops at the first
// control character ("control characters are not allowed") or byte that is
// not UTF-8 ("invalid leading UTF-8 octet", "incomplete UTF-8 octet
// sequence"). The `yaml` library reads both without a word, so without this a
// file Compose refuses showed no problem at all.
//
// What YAML admits in a file: tab, line feed, carriage return, the printable
// ASCII range, U+0085 and U+00A0 onwards, except the surrogates and
// U+FFFE/U+FFFF. Everything else in C0, DEL and C1 is refused. A byte that is
// not UTF-8 reaches the server as U+FFFD (the replacement character), which
// is also a character a file may hold: it is reported only when the file on
// disk, what Compose reads, is not UTF-8 (Workspace.invalidUtf8OnDisk).
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { ParsedBlock } from '../model/parsedBlock';
import type { Workspace } from '../model/workspace';
import { diagnostic, DiagnosticSeverity } from './make';

export const CONTROL_CHARACTER_CODE = 'control-character';
export const INVALID_ENCODING_CODE = 'invalid-encoding';

/** The characters YAML refuses in a stream, and U+FFFD (kept only where the disk's bytes are not UTF-8). */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFD\uFFFE\uFFFF]/g;

/** A binary file holds thousands: the first few say what is wrong (Compose names only the first). */
const MAX_REPORTED = 10;

const NONE: readonly number[] = [];

/** Offsets of the suspect characters in `text` (most texts have none: one search says so). */
function suspects(text: string): readonly number[] {
  SUSPECT.lastIndex = 0;
  if (!SUSPECT.test(text)) return NONE;
  const found: number[] = [];
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(text); m; m = SUSPECT.exec(text)) found.push(m.index);
  return found;
}

/** Per block, relative to its start: an edit searches the block it changed, not the file (thousands of blocks in a large one). */
const byBlock = new WeakMap<ParsedBlock, readonly number[]>();

function blockSuspects(block: ParsedBlock): readonly number[] {
  let found = byBlock.get(block);
  if (!found) byBlock.set(block, (found = suspects(block.text)));
  return found;
}

/** Offsets of the suspect characters of a document, in order. */
function documentSuspects(doc: ComposeDocument): number[] {
  if (!doc.blocks) return [...suspects(doc.text.getText())];
  const out: number[] = [];
  for (const block of doc.blocks) {
    const found = blockSuspects(block);
    for (let i = 0; i < found.length; i++) out.push(block.offset + found[i]!);
  }
  return out;
}

function escapeOf(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Errors for the characters Compose refuses in `doc`'s file: each control character (the first few), and one for bytes that are not UTF-8. */
export function streamCharacterFindings(doc: ComposeDocument, workspace: Workspace): Diagnostic[] {
  const offsets = documentSuspects(doc);
  if (offsets.length === 0) return [];
  const text = doc.text.getText();
  const out: Diagnostic[] = [];
  const replacements = offsets.filter((at) => text.charCodeAt(at) === 0xfffd);
  if (replacements.length > 0 && workspace.invalidUtf8OnDisk(doc.uri)) {
    const more = replacements.length - 1;
    out.push(diagnostic(doc, [replacements[0]!, replacements[0]! + 1], DiagnosticSeverity.Error, INVALID_ENCODING_CODE,
      `The file is not valid UTF-8: here${more > 0 ? ` (and in ${more === 1 ? 'one more place' : `${more} more places`})` : ''} its bytes are no character, shown as \uFFFD, and Compose refuses such a file ("invalid UTF-8"). Save it as UTF-8.`));
  }
  let controls = 0;
  for (const at of offsets) {
    const code = text.charCodeAt(at);
    if (code === 0xfffd) continue;
    if (++controls > MAX_REPORTED) break;
    out.push(diagnostic(doc, [at, at + 1], DiagnosticSeverity.Error, CONTROL_CHARACTER_CODE,
      `A control character (${codePoint(code)}) is in the file, and YAML allows none: Compose refuses the file ("control characters are not allowed"). Delete it; inside a double-quoted value it can be written as the escape "${escapeOf(code)}".`));
  }
  return out;
}
