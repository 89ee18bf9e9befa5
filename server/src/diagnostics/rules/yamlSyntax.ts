// `yaml-syntax`: what the YAML parser could not read, in words a person can
// act on. Duplicate keys have their own rule (with a better range).
import type { Diagnostic } from 'vscode-languageserver';
import type { YAMLError } from 'yaml';
import { diagnostic, DiagnosticSeverity } from '../make';
import { NESTING_TOO_DEEP_CODE, tooDeepFinding } from '../nesting';
import { CONTROL_CHARACTER_CODE, INVALID_ENCODING_CODE, streamCharacterFindings } from '../streamCharacters';
import type { Rule } from './rule';
import { readable, textLength, type TextLike } from '../../model/chunkedDocument';

/** The code of a YAML syntax error (the typing hold keeps a new one back wherever it lands: typingHold.ts). */
export const SYNTAX_ERROR_CODE = 'yaml-syntax';

const MESSAGES: Record<string, string> = {
  BAD_INDENT: 'The indentation is wrong here: keys of one mapping must line up, and a value must be indented more than its key.',
  TAB_AS_INDENT: 'A tab is used for indentation: YAML only allows spaces.',
  MISSING_CHAR: 'A closing character is missing (a quote, a bracket or a brace).',
  UNEXPECTED_TOKEN: 'Unexpected text: this does not fit the YAML structure around it (check indentation, colons and quotes).',
  BLOCK_AS_IMPLICIT_KEY: 'A key cannot span several lines or hold a block: put the value after "key:" on the next lines, indented.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line: maybe a colon or an indentation is missing on the line above.',
  BAD_SCALAR_START: 'A plain value cannot start with this character: quote the value.',
  BAD_DQ_ESCAPE: 'Invalid escape in a double-quoted string: write \\\\ for a backslash, or use single quotes.',
  BAD_ALIAS: 'This alias does not name a defined anchor (&name) above it.',
  ALIAS_PROPS: 'An alias (*name) cannot have an anchor or a tag.',
  MULTIPLE_ANCHORS: 'A node can have only one anchor (&name).',
  MULTIPLE_TAGS: 'A node can have only one tag.',
  KEY_OVER_1024_CHARS: 'A key is longer than 1024 characters.',
  BLOCK_IN_FLOW: 'A block (indented lines) cannot go inside [ ] or { }.',
  BAD_PROP_ORDER: 'Anchors and tags must come before the value.',
  BAD_DIRECTIVE: 'Unknown YAML directive.',
  BAD_COLLECTION_TYPE: 'This tag does not fit the kind of value it is on.',
  TAG_RESOLVE_FAILED: 'Unknown tag: Compose only knows !reset and !override.',
};

/**
 * The parser reports one code for several situations; its own words tell
 * them apart. `word` is the text at the error (a key being typed, a value).
 */
function specific(error: YAMLError, word: string): string | undefined {
  const said = error.message;
  if (error.code === 'MISSING_CHAR' && /Implicit map keys need to be followed by map values/.test(said)) {
    return word
      ? `\`${word}\` needs a colon: a key is written \`${word}: value\`, or \`${word}:\` with its block on the next lines.`
      : 'A key needs a colon after it: `key: value`, or `key:` with its block on the next lines.';
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings are not allowed in compact mappings/.test(said)) {
    return 'A colon followed by a space or the end of the line starts a nested key, which cannot go on the same line as its parent key: quote the value if the colon belongs to it (`image: "postgres:"`), or put the nested keys on their own lines.';
  }
  if (error.code === 'MISSING_CHAR' && /Missing closing "?quote/.test(said)) {
    return 'A quoted value is never closed: add the closing quote where the value ends (on the same line, unless the value spans lines on purpose).';
  }
  if (error.code === 'BAD_INDENT' && /must start at the same column/.test(said)) {
    return 'This key does not line up with the keys above it: keys of one mapping start at the same column (check the spaces before it).';
  }
  return undefined;
}

/**
 * Once the parser has closed the document (at a line less indented than its first key, or a stray bracket), it
 * reports every token after that point again, "... in YAML stream", none of it read.
 */
function closesDocument(error: YAMLError): boolean {
  return error.code === 'UNEXPECTED_TOKEN' && / in YAML stream/.test(error.message);
}

/** The one error said where the document closes early: nothing after it is read, so nothing after it is judged. */
const UNREAD_REST = ' Nothing after this point is read until it is fixed.';

/**
 * A line less indented than the file's first key (`rootColumn`, 0-based) ends the document there: most often a
 * block pasted with its indentation above `services:`, or the key that held some lines commented out.
 */
function leftOfTopLevel(error: YAMLError, column: number, rootColumn: number): string | undefined {
  if (error.code !== 'UNEXPECTED_TOKEN' || column >= rootColumn || !/at node end/.test(error.message)) return undefined;
  return `This line starts left of the file's first key (column ${rootColumn + 1}), which sets the column of the top level: no key can start left of it. Were the lines above pasted with their indentation, or the key that held them commented out?${UNREAD_REST}`;
}

function message(error: YAMLError, word = ''): string {
  const own = specific(error, word);
  if (own) return own;
  const known = MESSAGES[error.code];
  // The parser's own words, first line only, as a detail.
  const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return known ? `${known} (YAML: ${detail})` : `YAML syntax error: ${detail}`;
}

export const yamlSyntax: Rule = {
  codes: [SYNTAX_ERROR_CODE, 'yaml-warning', 'multiple-documents', NESTING_TOO_DEEP_CODE, CONTROL_CHARACTER_CODE, INVALID_ENCODING_CODE],
  run({ doc, workspace }) {
    // Characters Compose refuses before reading any YAML (the `yaml` library reads them without a word).
    const out: Diagnostic[] = streamCharacterFindings(doc, workspace);
    const length = textLength(doc.text);
    const range = (e: YAMLError): [number, number] => {
      const start = Math.min(e.pos[0], length);
      return [start, Math.max(start, Math.min(e.pos[1], length))];
    };
    const text = readable(doc.text);
    // One indentation slip makes the parser report two or three errors on that line: the slip says it all.
    const slipLines = new Set(doc.errors.filter((e) => e.code === 'BAD_INDENT').map((e) => doc.text.positionAt(e.pos[0]).line));
    // Read only for a file with errors: the run on every keystroke of a well-formed file has none.
    const root = doc.errors.length > 0 ? doc.yaml.contents : undefined;
    const rootColumn = root?.range ? doc.text.positionAt(root.range[0]).character : 0;
    let tooDeep = false;
    // Whether the document closed early (closesDocument) is said once, on the line where it happened.
    let closedSaid = false;
    let lastLine = -1;
    for (const e of doc.errors) {
      if (e.code === 'DUPLICATE_KEY') continue;
      // Too deep to read (model/nestingDepth.ts), or the parser ran out of stack all the same: Compose may read it.
      if (e.code === 'RESOURCE_EXHAUSTION') {
        if (!tooDeep) out.push(tooDeepFinding(doc, range(e)));
        tooDeep = true;
        continue;
      }
      if (e.code !== 'BAD_INDENT' && slipLines.has(doc.text.positionAt(e.pos[0]).line)) continue;
      if (e.code === 'MULTIPLE_DOCS') {
        // Compose reads every document of a file and merges them; we only check the first.
        out.push(diagnostic(doc, range(e), DiagnosticSeverity.Information, 'multiple-documents',
          'This file holds several YAML documents: Compose merges them, but Dockhand only checks the first one.'));
        continue;
      }
      const at = e.code === 'BAD_INDENT' ? lineContent(text, e.pos[0]) : range(e);
      const { line, character } = doc.text.positionAt(at[0]);
      const closes = closesDocument(e);
      if (closes) {
        // Said already: by the first of these, or by the error that closed it on this line (`at node end`).
        const already = closedSaid || lastLine === line;
        closedSaid = true;
        if (already) continue;
      }
      const said = leftOfTopLevel(e, character, rootColumn) ?? message(e, wordAt(text, at[0])) + (closes ? UNREAD_REST : '');
      out.push(diagnostic(doc, at, DiagnosticSeverity.Error, SYNTAX_ERROR_CODE, said));
      lastLine = line;
    }
    for (const w of doc.warnings) out.push(diagnostic(doc, range(w), DiagnosticSeverity.Warning, 'yaml-warning', message(w)));
    return out;
  },
};

/** The text of the line holding `offset`, without its indentation: a slip is underlined as a whole, not at column 1. */
function lineContent(text: TextLike, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  let first = start;
  while (first < end && (text.charAt(first) === ' ' || text.charAt(first) === '\t')) first++;
  return first < end ? [first, end] : [offset, offset];
}

/** The word (up to a blank or a colon) at `offset`, for messages that name what was typed. */
function wordAt(text: TextLike, offset: number): string {
  return /^[^\s:#]{1,40}/.exec(text.slice(offset, offset + 41))?.[0] ?? '';
}

/** Errors that stop the other rules: past them, the recovered document is a guess. */
export function blockingSyntaxErrors(errors: readonly YAMLError[]): YAMLError[] {
  return errors.filter(blocks);
}

export function hasBlockingSyntaxErrors(errors: readonly YAMLError[]): boolean {
  return errors.some(blocks);
}

function blocks(e: YAMLError): boolean {
  return e.code !== 'DUPLICATE_KEY' && e.code !== 'MULTIPLE_DOCS';
}
