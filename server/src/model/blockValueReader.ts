// The lines of one block and the one-line values on them: plain and quoted
// scalars, block scalars, aliases, one-line flow sequences. The block reader
// (blockReader.ts, which says what its subset is and why) builds on this
// class the collections that hold them, mappings and sequences; the two halves
// share one reader's state, so a value read here lands in the collection being
// read there (`openItems`), and text outside the subset leaves both (`leave`).
import { Scalar, type Alias, type Schema, type YAMLMap, type YAMLSeq } from 'yaml';
import { BlockPlace, placedAlias, placedMap, placedSeq } from './blockNodes';
import { lineTables, textOf } from './blockText';
import { isPlainStart, plainScalar, tagsOf, textScalar, type SchemaTags } from './scalarNodes';

export type Node = Scalar | YAMLMap | YAMLSeq | Alias;

/** Thrown inside the reader when the text leaves the subset; caught once, in readBlock. */
export const OUTSIDE = Symbol('outside the subset');

/**
 * A list shared by every block, that the reader fills while it reads one: the
 * items of the collections still open (a collection takes its items off the
 * top when it ends). Each node list is then made once, at its length: grown
 * by pushing, each would leave a larger list behind for the collector.
 * A block left half read leaves entries here that the next one overwrites.
 */
export const openItems: unknown[] = [];

export const leave = (): never => {
  throw OUTSIDE;
};

/** An alias's name: no spaces, no flow indicators; one ending in `:` is left to the library (it calls it ambiguous). */
const ALIAS_NAME = /^[^\s[\]{},]*[^\s[\]{},:]$/;

/** What ends a plain scalar inside a flow sequence (the reader leaves on `:`, `#`, `{`, `[` rather than follow the flow rules for them). */
const FLOW_PLAIN_END = new Set([44, 93, 58, 35, 91, 123, 125]);

/** A block's lines and the values on them; `BlockReader` reads the collections. */
export abstract class BlockValueReader {
  /** Per line: where it starts, where its content starts (after the indentation), where it ends (before `\n` or `\r\n`). */
  protected readonly starts: Int32Array;
  protected readonly contents: Int32Array;
  protected readonly ends: Int32Array;
  /** How many lines the block has (the tables above are shared and may be longer). */
  protected readonly lines: number;
  private readonly tags: SchemaTags;
  /** The block's place, shared by its nodes (their offsets are relative to the block's text, which starts at 0 here). */
  protected readonly place: BlockPlace;
  /** The indentation of the block's first line: a comment after the last node may not go deeper. */
  protected rootIndent = 0;
  /** Where the items of the collections being read end, on the shared list `openItems`. */
  protected itemsTop = 0;
  /** Every alias read. */
  protected readonly aliases: Alias[] = [];
  /** The line after the node last read (each read method returns the node and leaves this set). */
  protected after = 0;

  constructor(
    protected readonly text: string,
    schema: Schema,
    place: BlockPlace,
  ) {
    const tables = lineTables(text);
    this.starts = tables.starts;
    this.contents = tables.contents;
    this.ends = tables.ends;
    this.lines = tables.lines;
    this.tags = tagsOf(schema) ?? leave();
    this.place = place;
  }

  /** The items a collection put on `openItems` from `base` on, in a list of their number; they leave the shared list. */
  protected itemsFrom(base: number): unknown[] {
    const items = openItems.slice(base, this.itemsTop);
    this.itemsTop = base;
    return items;
  }

  protected indentOf(line: number): number {
    return this.contents[line]! - this.starts[line]!;
  }

  protected blank(line: number): boolean {
    return this.contents[line]! >= this.ends[line]!;
  }

  protected isComment(line: number): boolean {
    return this.text.charCodeAt(this.contents[line]!) === 35; /* # */
  }

  /** The first line from `line` on with content (not blank, not a comment), or -1. */
  protected nextContentLine(line: number): number {
    for (let l = line; l < this.lines; l++) if (!this.blank(l) && !this.isComment(l)) return l;
    return -1;
  }

  /**
   * The content line after a node that ended before line `from`, or -1.
   * Comment lines on the way are allowed only where the library would hang
   * them on the next node (or on nothing we keep), not stretch a range: no
   * deeper than the line after them (than the block's first line at its end),
   * and none after an empty value.
   */
  protected following(from: number, afterEmpty: boolean): number {
    const next = this.nextContentLine(from);
    const limit = next < 0 ? this.rootIndent : this.indentOf(next);
    const to = next < 0 ? this.lines : next;
    for (let l = from; l < to; l++) {
      if (this.blank(l) || !this.isComment(l)) continue;
      if (afterEmpty || this.indentOf(l) > limit) leave();
    }
    return next;
  }

  /** Where a node that ends at the end of `line` ends, newline included (as the library measures a value). */
  protected afterLine(line: number): number {
    return line + 1 < this.lines ? this.starts[line + 1]! : this.text.length;
  }

  /** The line after a one-line value at `line`; a more indented line below would continue it (or be an error). */
  private afterScalar(line: number, column: number): number {
    const next = this.nextContentLine(line + 1);
    if (next >= 0 && this.indentOf(next) > column) leave();
    return line + 1;
  }

  /** Where a one-line value starting at `at` ends, before any trailing spaces and comment. */
  private valueEnd(at: number, line: number): number {
    const text = this.text;
    let end = this.ends[line]!;
    for (let i = at + 1; i < end; i++) {
      if (text.charCodeAt(i) === 35 && text.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
    }
    while (text.charCodeAt(end - 1) === 32) end--;
    return end;
  }

  /**
   * A value starting at `at` on `line`: a one-line scalar or flow sequence
   * (the lines below must then be less indented than `column`), or a block
   * scalar, whose lines must be indented deeper than `parent`. Sets `after`.
   */
  protected inlineValue(at: number, line: number, column: number, parent: number): Node {
    const c = this.text.charCodeAt(at);
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(at, line, parent);
    const value = c === 91 /* [ */ || c === 123 /* { */ ? this.flowCollection(at, line) : c === 42 /* * */ ? this.alias(at, line) : this.inlineScalar(at, line);
    this.after = this.afterScalar(line, column);
    return value;
  }

  /**
   * A block scalar (`|`, `>`, with `-` or `+`) whose header is at `at`. Left
   * to the library: an indentation indicator, no content line, a line of only
   * spaces, a line indented between the parent and the content, the end of
   * the text without a line break, and in a folded scalar a more indented
   * line (folding keeps its line breaks).
   */
  private blockScalar(at: number, line: number, parent: number): Scalar {
    const text = this.text;
    const literal = text.charCodeAt(at) === 124;
    let h = at + 1;
    const chomp = text.charCodeAt(h) === 45 ? 'strip' : text.charCodeAt(h) === 43 ? 'keep' : 'clip';
    if (chomp !== 'clip') h++;
    if (this.valueEnd(at, line) !== h) leave(); // an indentation indicator, or text after the header
    // The content: lines indented as the first non-blank one, up to a line indented no deeper than the parent.
    let indent = -1;
    let last = -1; // the last content line
    let l = line + 1;
    const lines = this.lines;
    for (; l < lines; l++) {
      if (this.blank(l)) {
        if (this.ends[l]! > this.starts[l]!) leave(); // spaces only: content or not depending on their count
        continue;
      }
      const lineIndent = this.indentOf(l);
      if (lineIndent <= parent) break;
      if (indent < 0) indent = lineIndent;
      else if (lineIndent < indent) leave();
      last = l;
    }
    if (last < 0 || indent < 0) leave();
    const parts: string[] = [];
    let breaks = 0; // empty lines since the last content line
    for (let k = line + 1; k <= last; k++) {
      if (this.blank(k)) {
        breaks++;
        continue;
      }
      const content = text.slice(this.starts[k]! + indent, this.ends[k]!);
      if (!literal && this.indentOf(k) > indent) leave();
      if (parts.length === 0) parts.push('\n'.repeat(breaks));
      else if (literal) parts.push('\n'.repeat(breaks + 1));
      else parts.push(breaks > 0 ? '\n'.repeat(breaks) : ' '); // folded: a line break alone is a space
      parts.push(content);
      breaks = 0;
    }
    // Empty lines after the content, up to the next line with content (or the end).
    let trailing = 0;
    let after = last + 1;
    while (after < lines && this.blank(after)) {
      if (after < lines - 1 || this.starts[after]! < this.text.length) trailing++;
      after++;
    }
    if (this.afterLine(last) === text.length && !text.endsWith('\n')) leave(); // the text ends inside the scalar: its last line break is the library's guess
    if (chomp === 'clip') parts.push('\n');
    else if (chomp === 'keep') parts.push('\n'.repeat(1 + trailing));
    const value = parts.join('');
    const end = chomp === 'keep' ? (after < lines ? this.starts[after]! : text.length) : this.afterLine(last);
    this.after = last + 1;
    return this.stringScalar(value, literal ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', at, end, end);
  }

  /** A plain, 'single' or "double" quoted scalar on one line from `at`. */
  private inlineScalar(at: number, line: number): Scalar {
    const text = this.text;
    const nodeEnd = this.afterLine(line);
    const c = text.charCodeAt(at);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const close = this.closingQuote(at, this.ends[line]!, c);
      if (close < 0 || this.valueEnd(close, line) !== close + 1) leave(); // no closing quote on this line, or text after it
      return this.quotedScalar(at, close, nodeEnd);
    }
    if (!isPlainStart(c, text.charCodeAt(at + 1))) leave();
    const last = this.valueEnd(at, line);
    const source = textOf(text, at, last);
    // `a: b` inside a value is a nested mapping where none may be (an error); `x:` the same.
    if (source.includes(': ') || source.endsWith(':')) leave();
    return this.plainScalar(source, at, last, nodeEnd, false);
  }

  /** `*name` as a whole value, to the end of its line (or a comment). */
  private alias(at: number, line: number): Alias {
    const end = this.valueEnd(at, line);
    const name = this.text.slice(at + 1, end);
    if (!ALIAS_NAME.test(name)) leave();
    const alias = placedAlias(name, this.place, at, end, this.afterLine(line));
    this.aliases.push(alias);
    return alias;
  }

  /** `[a, "b"]`, `[]` or `{}` on one line from `at`. */
  private flowCollection(at: number, line: number): Node {
    const text = this.text;
    const lineEnd = this.ends[line]!;
    const nodeEnd = this.afterLine(line);
    if (text.charCodeAt(at) === 123 /* { */) {
      if (text.charCodeAt(at + 1) !== 125 || this.valueEnd(at + 1, line) !== at + 2) leave(); // only `{}`
      const map = placedMap([], this.place, at, at + 2, nodeEnd);
      map.flow = true;
      return map;
    }
    const base = this.itemsTop;
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === 32) i++;
      if (i >= lineEnd) leave();
      const c = text.charCodeAt(i);
      if (c === 93 /* ] */) break;
      let item: Scalar;
      if (c === 39 || c === 34) {
        const open = i;
        const close = this.closingQuote(open, lineEnd, c);
        if (close < 0) leave();
        i = close + 1;
        while (text.charCodeAt(i) === 32) i++;
        item = this.quotedScalar(open, close, i);
      } else {
        const start = i;
        while (i < lineEnd && !FLOW_PLAIN_END.has(text.charCodeAt(i))) i++;
        let last = i;
        while (text.charCodeAt(last - 1) === 32) last--;
        if (last === start || !isPlainStart(c, text.charCodeAt(start + 1))) leave();
        item = this.plainScalar(textOf(text, start, last), start, last, i, false);
      }
      openItems[this.itemsTop++] = item;
      const after = text.charCodeAt(i);
      if (after === 44 /* , */) {
        i++;
        continue;
      }
      if (after !== 93) leave();
      break;
    }
    // `i` is at the closing bracket: nothing may follow it but spaces and a comment.
    if (this.valueEnd(i, line) !== i + 1) leave();
    const seq = placedSeq(this.itemsFrom(base), this.place, at, i + 1, nodeEnd);
    seq.flow = true;
    return seq;
  }

  /** The offset of the quote closing the one at `at` before `lineEnd`, or -1 when the line has none. */
  protected closingQuote(at: number, lineEnd: number, quote: number): number {
    const text = this.text;
    for (let i = at + 1; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote === 34 && c === 92 /* \ */) leave();
      if (c !== quote) continue;
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        i++; // '' is a quote inside single quotes
        continue;
      }
      return i;
    }
    return -1;
  }

  /** The quoted scalar from the quote at `open` to the one at `close`, its node ending at `nodeEnd`. */
  protected quotedScalar(open: number, close: number, nodeEnd: number): Scalar {
    const single = this.text.charCodeAt(open) === 39;
    let value = textOf(this.text, open + 1, close);
    if (single && value.includes("'")) value = value.replaceAll("''", "'");
    return this.stringScalar(value, single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', open, close + 1, nodeEnd);
  }

  /** A scalar that is text whatever it reads (quoted, or a block scalar). */
  private stringScalar(value: string, type: Scalar.Type, start: number, valueEnd: number, nodeEnd: number): Scalar {
    return textScalar(this.tags, value, type, this.place, start, valueEnd, nodeEnd, leave);
  }

  protected plainScalar(source: string, start: number, valueEnd: number, nodeEnd: number, atKey: boolean): Scalar {
    return plainScalar(this.tags, source, this.place, start, valueEnd, nodeEnd, atKey, leave);
  }
}
