// Document and range formatting. Tokens are moved, never re-printed, so
// comments, anchors, aliases, merge keys, tags (`!reset`, `!override`), key
// order, quoting, block scalars and multi-line flow collections stay as written. What
// changes: the indentation of keys and items (the editor's tab size), the
// space after `-` and after a key's `:` (one), the blanks inside a one-line flow collection (`[a, b]`,
// `{ a: 1 }`), trailing spaces, and short-syntax port mappings get
// quoted (`"8080:80"`: unquoted, YAML 1.1 parsers read `22:22` as a base-60
// number). A document with syntax errors is left alone.
import { isMap, isScalar, Scalar } from 'yaml';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { entries, getValue, seqItems } from '../model/nodes';
import { computeLayout, type InlineEdit } from './formatting/layout';
import { lineStartsOf } from '../model/lineTable';

export interface FormatSettings {
  readonly enable: boolean;
  /** Spaces per level; 0 means the editor's tab size. */
  readonly indent: number;
  readonly indentSequences: boolean;
  readonly quotePorts: boolean;
}

export const DEFAULT_FORMAT_SETTINGS: FormatSettings = { enable: true, indent: 0, indentSequences: true, quotePorts: true };

/** `dockhand.format.*` as the client sends it; anything missing or mistyped takes the default. */
export function readFormatSettings(raw: unknown): FormatSettings {
  const given = (raw ?? {}) as Partial<Record<keyof FormatSettings, unknown>>;
  const pick = <K extends keyof FormatSettings>(key: K, type: 'boolean' | 'number'): FormatSettings[K] =>
    (typeof given[key] === type ? given[key] : DEFAULT_FORMAT_SETTINGS[key]) as FormatSettings[K];
  return { enable: pick('enable', 'boolean'), indent: pick('indent', 'number'), indentSequences: pick('indentSequences', 'boolean'), quotePorts: pick('quotePorts', 'boolean') };
}

export function formatDocument(doc: ComposeDocument, options: FormattingOptions, settings: FormatSettings, range?: Range): TextEdit[] {
  if (!settings.enable || doc.errors.length > 0) return [];
  const text = doc.text.getText();
  const lineStarts = lineStartsOf(text);
  const indent = settings.indent > 0 ? settings.indent : Math.max(1, Math.min(8, options.tabSize || 2));
  const layout = computeLayout(text, lineStarts, doc.yaml.contents, { indent, indentSequences: settings.indentSequences });
  const inline = [...layout.inline];
  if (settings.quotePorts) inline.push(...portQuotes(doc));
  // A quote inserted where a blank run starts goes before that run is replaced (both start there).
  inline.sort((a, b) => a.start - b.start || a.end - b.end);

  const firstLine = range ? range.start.line : 0;
  const lastLine = range ? range.end.line : lineStarts.length - 1;
  const deltas = lineDeltas(text, lineStarts, layout.target, layout.verbatim);
  const edits = new LineRuns(text);
  let nextInline = 0;
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line]!;
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const ownInline: InlineEdit[] = [];
    while (nextInline < inline.length && inline[nextInline]!.start <= lineEnd) ownInline.push(inline[nextInline++]!);
    if (line < firstLine || line > lastLine) continue;
    const old = text.slice(start, lineEnd);
    const formatted = formatLine(old, start, deltas[line]!, layout.verbatim[line]!, ownInline);
    if (formatted !== old) edits.changed(line, start, lineEnd, formatted);
  }
  return edits.done();
}

/**
 * The changed lines as edits, one per run of consecutive changed lines (their line breaks kept as written):
 * a line left as it was is never inside an edit, and re-indenting a whole file is one edit instead of one
 * per line (1,000 services: 27,000 edits and 3.3 MB of JSON, the editor's to read too, against 0.7 MB).
 * VS Code narrows a formatter's edits to what changed itself, so the cursor stays where it was.
 */
class LineRuns {
  private readonly edits: TextEdit[] = [];
  private run: { readonly firstLine: number; lastLine: number; lastStart: number; lastEnd: number; readonly parts: string[] } | undefined;
  constructor(private readonly text: string) {}

  /** Line `line`, from `start` to `lineEnd` (its line break left out), is written `formatted`. */
  changed(line: number, start: number, lineEnd: number, formatted: string): void {
    const run = this.run;
    if (run && run.lastLine === line - 1) {
      run.parts.push(this.text.slice(run.lastEnd, start), formatted);
      run.lastLine = line;
      run.lastStart = start;
      run.lastEnd = lineEnd;
      return;
    }
    this.close();
    this.run = { firstLine: line, lastLine: line, lastStart: start, lastEnd: lineEnd, parts: [formatted] };
  }

  done(): TextEdit[] {
    this.close();
    return this.edits;
  }

  private close(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const end = { line: run.lastLine, character: run.lastEnd - run.lastStart };
    this.edits.push({ range: { start: { line: run.firstLine, character: 0 }, end }, newText: run.parts.join('') });
  }
}

/**
 * How far each line moves. Structural lines move to their target; a comment
 * line follows the key or item at its column (the next one, else the one it
 * sits under); any other line moves with the nearest structural line above
 * that is less indented: the key or item it belongs to.
 */
function lineDeltas(text: string, lineStarts: readonly number[], target: readonly (number | undefined)[], verbatim: readonly boolean[]): number[] {
  const count = lineStarts.length;
  const indentOf = (line: number) => {
    let i = lineStarts[line]!;
    while (text[i] === ' ') i++;
    return i - lineStarts[line]!;
  };
  const kindOf = (line: number): 'structural' | 'comment' | 'blank' | 'other' => {
    if (target[line] !== undefined) return 'structural';
    const start = lineStarts[line]! + indentOf(line);
    const c = text[start];
    if (c === undefined || c === '\n' || c === '\r') return 'blank';
    return c === '#' && !verbatim[line] ? 'comment' : 'other';
  };
  const deltas = new Array<number>(count).fill(0);
  const stack: { column: number; delta: number }[] = [];
  const kinds = Array.from({ length: count }, (_, line) => kindOf(line));
  // The next structural line after each line, for comments.
  const nextStructural = new Array<number>(count).fill(-1);
  for (let line = count - 1, next = -1; line >= 0; line--) {
    nextStructural[line] = next;
    if (kinds[line] === 'structural') next = line;
  }
  const ownerDelta = (column: number) => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.column < column) return stack[i]!.delta;
    return 0;
  };
  for (let line = 0; line < count; line++) {
    const column = indentOf(line);
    const kind = kinds[line];
    if (kind === 'structural') {
      while (stack.length > 0 && stack[stack.length - 1]!.column >= column) stack.pop();
      const delta = target[line]! - column;
      stack.push({ column, delta });
      deltas[line] = delta;
    } else if (kind === 'comment') {
      const next = nextStructural[line]!;
      let same: { delta: number } | undefined;
      for (let i = stack.length - 1; i >= 0 && !same; i--) if (stack[i]!.column === column) same = stack[i];
      if (next >= 0 && indentOf(next) === column) deltas[line] = target[next]! - column;
      else if (same) deltas[line] = same.delta;
      else deltas[line] = ownerDelta(column);
    } else if (kind === 'other') deltas[line] = verbatim[line] ? (stack[stack.length - 1]?.delta ?? 0) : ownerDelta(column);
    // A blank line of a block scalar moves with its body: the item it belongs to is the last one seen.
    else if (verbatim[line]) deltas[line] = stack[stack.length - 1]?.delta ?? 0;
  }
  return deltas;
}

function formatLine(old: string, lineStart: number, delta: number, verbatim: boolean, inline: readonly InlineEdit[]): string {
  let spaces = 0;
  while (old[spaces] === ' ') spaces++;
  if (verbatim) {
    // Inside a block scalar: a blank line stays blank; spaces past the body's indentation are content and move with it.
    if (spaces === old.length && spaces === 0) return old;
    return ' '.repeat(Math.max(0, spaces + delta)) + old.slice(spaces);
  }
  let body = '';
  let at = lineStart + spaces;
  for (const edit of inline) {
    body += old.slice(at - lineStart, edit.start - lineStart) + edit.text;
    at = edit.end;
  }
  body += old.slice(at - lineStart);
  body = body.replace(/[ \t]+$/, '');
  return body === '' ? '' : ' '.repeat(Math.max(0, spaces + delta)) + body;
}

/** Plain short-syntax port mappings with a `:` (`8080:80`), to be written as `"8080:80"`. */
function portQuotes(doc: ComposeDocument): InlineEdit[] {
  const edits: InlineEdit[] = [];
  for (const [, pair] of entries(getValue(doc.yaml.contents, 'services'))) {
    const service = pair.value;
    if (!isMap(service)) continue;
    for (const item of seqItems(getValue(service, 'ports'))) {
      if (!isScalar(item) || item.type !== Scalar.PLAIN || typeof item.value !== 'string' || !item.range) continue;
      if (!item.value.includes(':') || /["\\]/.test(item.value) || item.tag || item.anchor) continue;
      edits.push({ start: item.range[0], end: item.range[0], text: '"' }, { start: item.range[1], end: item.range[1], text: '"' });
    }
  }
  return edits;
}
