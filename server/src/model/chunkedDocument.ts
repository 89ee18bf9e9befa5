// An open document's text kept in chunks of whole lines, so an edit copies
// the chunk it lands in, not the whole text.
//
// The library's text document keeps one string: every keystroke makes a new
// one, and the first character read flattens it into a fresh copy of the
// whole text. On 5,000 services that is 3.4 MB per keystroke: ~10 ms on the
// bench's machine (the page faults of the fresh memory; the copy itself is
// 0.1 ms), and a large object that lives until V8's next full collection, so
// a burst of typing grew the heap's large objects by ~50 MB.
//
// Chunks hold whole lines of ~64 KB (each ends with its line break but the
// last), so a line, its break and any `\r\n` lie in one chunk, and each chunk
// knows where its lines start. The whole text is joined only when asked for
// (`getText()` with no range) and kept until the next edit; `slice` reads a
// span without it. Positions and offsets are the library's to the letter
// (`\r\n`, `\r` and `\n` end a line; a position past a line's end is its end),
// which the unit test holds it to over random edits.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Chunks are cut at the first line break past this many characters. */
const CHUNK = 64 * 1024;

const LF = 10;
const CR = 13;

/**
 * The offsets where lines start in a chunk, relative to it (the first line's 0 included). A chunk that is not
 * the text's last ends with a line feed: the line after it starts the next chunk.
 */
function lineStarts(text: string, last: boolean): number[] {
  const starts = [0];
  const end = last ? text.length : text.length - 1;
  // Nearly every file ends its lines with `\n` alone, and `indexOf` finds them faster than a loop over every
  // character: the document's set-up on an open of 5,000 services (3.4 MB) went from 23-31 to 17-21 ms.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === CR) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      if (i + 1 < text.length || last) starts.push(i + 1);
    } else if (ch === LF) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** `text` cut after a line feed past every `size` characters; one chunk (maybe empty) at least. */
function cut(text: string, size: number): string[] {
  const chunks: string[] = [];
  let from = 0;
  while (text.length - from > size) {
    const feed = text.indexOf('\n', from + size - 1);
    if (feed < 0 || feed === text.length - 1) break;
    chunks.push(text.slice(from, feed + 1));
    from = feed + 1;
  }
  chunks.push(from === 0 ? text : text.slice(from));
  return chunks;
}

/** How many times a chunked document's whole text was joined since the process started (what the tests hold the typing path to). */
let joins = 0;

export function wholeTextJoins(): number {
  return joins;
}

export class ChunkedTextDocument implements TextDocument {
  private chunks: string[] = [];
  /** Where each chunk starts in the text. */
  private starts: number[] = [];
  /** The line of each chunk's first character. */
  private firstLines: number[] = [];
  /** Where each chunk's lines start, relative to it (the last chunk's list ends with the text's last line, maybe empty). */
  private lines: number[][] = [];
  private size = 0;
  /** Each chunk's length in UTF-8, for the file-size limit (workspace.ts), which a large file is measured against on every edit. */
  private bytes: number[] = [];
  /** The whole text, once asked for, until the next edit. */
  private whole: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
    /** @internal The tests cut small texts into chunks of a few characters. */
    private readonly chunkSize = CHUNK,
  ) {
    this.reset(text);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text's length in UTF-8 bytes, without joining it. */
  get utf8Length(): number {
    let total = 0;
    for (let c = 0; c < this.bytes.length; c++) total += this.bytes[c]!;
    return total;
  }

  /** The text's length, without joining it. */
  get length(): number {
    return this.size;
  }

  get lineCount(): number {
    const last = this.chunks.length - 1;
    return this.firstLines[last]! + this.lines[last]!.length;
  }

  getText(range?: Range): string {
    if (range) {
      // A range given backwards reads forwards, as the library's `substring` does.
      const a = this.offsetAt(range.start);
      const b = this.offsetAt(range.end);
      return this.slice(Math.min(a, b), Math.max(a, b));
    }
    if (this.whole === undefined) {
      joins++;
      this.whole = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
      // The chunks become slices of the joined text: one copy of the text is held, not two.
      if (this.chunks.length > 1) for (let c = 0; c < this.chunks.length; c++) this.chunks[c] = this.whole.slice(this.starts[c]!, this.starts[c]! + this.chunks[c]!.length);
    }
    return this.whole;
  }

  /** The text from `start` to `end`, as a string's `slice` reads it (negative: from the end), without joining the whole text. */
  slice(start: number, end: number = this.size): string {
    let from = start < 0 ? Math.max(this.size + start, 0) : Math.min(start, this.size);
    const to = end < 0 ? Math.max(this.size + end, 0) : Math.min(end, this.size);
    if (to <= from) return '';
    if (this.whole !== undefined) return this.whole.slice(from, to);
    const first = this.chunkAt(from);
    const chunkStart = this.starts[first]!;
    const chunk = this.chunks[first]!;
    if (to - chunkStart <= chunk.length) return chunk.slice(from - chunkStart, to - chunkStart);
    const parts = [chunk.slice(from - chunkStart)];
    for (let c = first + 1; c < this.chunks.length && this.starts[c]! < to; c++) {
      from = this.starts[c]!;
      parts.push(to - from >= this.chunks[c]!.length ? this.chunks[c]! : this.chunks[c]!.slice(0, to - from));
    }
    return parts.join('');
  }

  /** The character code at `index` (NaN outside the text), as a string's. */
  charCodeAt(index: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(index);
    if (!(index >= 0 && index < this.size)) return NaN;
    const c = this.chunkAt(index);
    return this.chunks[c]!.charCodeAt(index - this.starts[c]!);
  }

  /** The character at `index` ('' outside the text), as a string's. */
  charAt(index: number): string {
    const code = this.charCodeAt(index);
    return Number.isNaN(code) ? '' : this.slice(index, index + 1);
  }

  /** The first place of `search` at or after `from`, as a string's `indexOf` finds it, without joining the text. */
  indexOf(search: string, from = 0): number {
    if (this.whole !== undefined) return this.whole.indexOf(search, from);
    from = Math.max(0, Math.min(Number.isNaN(from) ? 0 : Math.trunc(from), this.size));
    if (search.length === 0) return from;
    for (let c = this.chunkAt(from); c < this.chunks.length; c++) {
      const start = this.starts[c]!;
      const local = Math.max(0, from - start);
      const found = this.chunks[c]!.indexOf(search, local);
      if (found >= 0) return start + found;
      // A longer search may straddle the next chunk's start.
      if (search.length > 1 && c + 1 < this.chunks.length) {
        const edge = this.starts[c + 1]!;
        const near = Math.max(from, edge - search.length + 1);
        const at = this.slice(near, edge + search.length - 1).indexOf(search);
        if (at >= 0) return near + at;
      }
    }
    return -1;
  }

  /** The last place of `search` at or before `from`, as a string's `lastIndexOf` finds it, without joining the text. */
  lastIndexOf(search: string, from = Infinity): number {
    if (this.whole !== undefined) return this.whole.lastIndexOf(search, from);
    from = Number.isNaN(from) ? this.size : Math.max(0, Math.min(Math.trunc(from), this.size));
    if (search.length === 0) return from;
    const first = this.chunkAt(from);
    // One that starts by `from` may run into the next chunk: it starts after any that this chunk holds whole.
    if (search.length > 1 && first + 1 < this.chunks.length) {
      const near = Math.max(0, this.starts[first + 1]! - search.length + 1);
      if (near <= from) {
        const at = this.slice(near, from + search.length).lastIndexOf(search);
        if (at >= 0) return near + at;
      }
    }
    for (let c = first; c >= 0; c--) {
      const start = this.starts[c]!;
      const found = this.chunks[c]!.lastIndexOf(search, from - start);
      if (found >= 0) return start + found;
      // A longer search may straddle this chunk's start.
      if (search.length > 1 && c > 0) {
        const near = Math.max(0, start - search.length + 1);
        const at = this.slice(near, Math.min(start + search.length - 1, from + search.length)).lastIndexOf(search);
        if (at >= 0 && near + at <= from) return near + at;
      }
    }
    return -1;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.size));
    const c = this.chunkAt(offset);
    const local = offset - this.starts[c]!;
    const lines = this.lines[c]!;
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (lines[mid]! > local) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const start = lines[line]!;
    return { line: this.firstLines[c]! + line, character: this.beforeLineBreak(c, local, start) - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.size;
    if (position.line < 0) return 0;
    const c = this.chunkOfLine(position.line);
    const lines = this.lines[c]!;
    const index = position.line - this.firstLines[c]!;
    const start = lines[index]!;
    if (position.character <= 0) return this.starts[c]! + start;
    const next = index + 1 < lines.length ? lines[index + 1]! : this.chunks[c]!.length;
    const local = Math.min(start + position.character, next);
    return this.starts[c]! + this.beforeLineBreak(c, local, start);
  }

  getLineRange(line: number): Range {
    const count = this.lineCount;
    if (line >= count) {
      const last = count - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - this.lineEnds(last).start } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const { start, contentEnd } = this.lineEnds(line);
    return { start: { line, character: 0 }, end: { line, character: contentEnd - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const { contentEnd, next } = this.lineEnds(line);
    return this.slice(contentEnd, next);
  }

  /** Where line `line` (of the text) starts, where its content ends (before its line break) and where the next starts. */
  private lineEnds(line: number): { start: number; contentEnd: number; next: number } {
    const c = this.chunkOfLine(line);
    const lines = this.lines[c]!;
    const index = line - this.firstLines[c]!;
    const start = lines[index]!;
    const next = index + 1 < lines.length ? lines[index + 1]! : this.chunks[c]!.length;
    const base = this.starts[c]!;
    return { start: base + start, contentEnd: base + this.beforeLineBreak(c, next, start), next: base + next };
  }

  /** Applies the changes in order (each one's range is in the text the ones before it left), as the library does. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.replace(change.range, change.text);
      else this.reset(change.text);
    }
    this.currentVersion = version;
  }

  private reset(text: string): void {
    this.chunks = cut(text, this.chunkSize);
    this.lines = this.chunks.map((chunk, c) => lineStarts(chunk, c === this.chunks.length - 1));
    this.bytes = this.chunks.map((chunk) => Buffer.byteLength(chunk, 'utf8'));
    this.whole = text;
    this.renumberFrom(0);
  }

  private replace(range: Range, text: string): void {
    const [a, b] = before(range.start, range.end) ? [range.start, range.end] : [range.end, range.start];
    const from = this.offsetAt(a);
    const to = this.offsetAt(b);
    const first = this.chunkAt(from);
    let last = this.chunkAt(to);
    if (last > first && this.starts[last] === to) last--;
    const regionStart = this.starts[first]!;
    const old = first === last ? this.chunks[first]! : this.chunks.slice(first, last + 1).join('');
    let region = old.slice(0, from - regionStart) + text + old.slice(to - regionStart);
    // Every chunk but the last ends with a line feed: a line (and its `\r\n`) never straddles two.
    while (last < this.chunks.length - 1 && region.charCodeAt(region.length - 1) !== LF) region += this.chunks[++last]!;
    const pieces = cut(region, this.chunkSize);
    const final = last === this.chunks.length - 1;
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.lines.splice(first, last - first + 1, ...pieces.map((piece, i) => lineStarts(piece, final && i === pieces.length - 1)));
    this.bytes.splice(first, last - first + 1, ...pieces.map((piece) => Buffer.byteLength(piece, 'utf8')));
    this.whole = undefined;
    this.renumberFrom(first);
  }

  private renumberFrom(first: number): void {
    const count = this.chunks.length;
    this.starts.length = count;
    this.firstLines.length = count;
    let start = first === 0 ? 0 : this.starts[first - 1]! + this.chunks[first - 1]!.length;
    let line = first === 0 ? 0 : this.firstLines[first - 1]! + this.lines[first - 1]!.length;
    for (let c = first; c < count; c++) {
      this.starts[c] = start;
      this.firstLines[c] = line;
      start += this.chunks[c]!.length;
      line += this.lines[c]!.length;
    }
    this.size = start;
  }

  /** The chunk that holds `offset` (the last one for the text's end). */
  private chunkAt(offset: number): number {
    return lastAtMost(this.starts, offset);
  }

  private chunkOfLine(line: number): number {
    return lastAtMost(this.firstLines, line);
  }

  /** `local` (in chunk `c`) moved back before the line break it is in or after, not before `lineStart`. */
  private beforeLineBreak(c: number, local: number, lineStart: number): number {
    const chunk = this.chunks[c]!;
    while (local > lineStart) {
      const ch = chunk.charCodeAt(local - 1);
      if (ch !== LF && ch !== CR) break;
      local--;
    }
    return local;
  }
}

/** The last index of ascending `list` whose entry is at most `value` (0 when none is). */
function lastAtMost(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (list[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * What the features read of a text by offset: a string has all of it, and so has a chunked document,
 * without joining its text.
 */
export interface TextLike {
  readonly length: number;
  slice(start: number, end?: number): string;
  charCodeAt(index: number): number;
  charAt(index: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
}

/** `doc`'s text to read by offset: the chunked document itself, any other document's string. */
export function readable(doc: TextDocument): TextLike {
  return doc instanceof ChunkedTextDocument ? doc : doc.getText();
}

/** The length of `doc`'s text, without joining a chunked document's whole text. */
export function textLength(doc: TextDocument): number {
  return doc instanceof ChunkedTextDocument ? doc.length : doc.getText().length;
}

/** The length of `doc`'s text in UTF-8 bytes, without joining a chunked document's whole text. */
export function utf8Length(doc: TextDocument): number {
  return doc instanceof ChunkedTextDocument ? doc.utf8Length : Buffer.byteLength(doc.getText(), 'utf8');
}

/** The text of `doc` from offset `from` to `to`, without joining a chunked document's whole text. */
export function textBetween(doc: TextDocument, from: number, to: number): string {
  return readable(doc).slice(from, to);
}
