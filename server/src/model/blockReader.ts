// A fast reader for the plain block style most Compose files are written in.
// It builds, for one block (blocks.ts), exactly the nodes the `yaml` library
// would build from the same text: the same classes (YAMLMap, YAMLSeq, Pair,
// Scalar, as blockNodes.ts makes them: ranges kept relative to the block),
// values, ranges, scalar types and formats. It is only a faster way to that
// tree: `yaml` is general (tokens, a concrete syntax tree, then nodes) and
// spends ~8 of every 10 milliseconds of opening
// a large file; this reader walks the lines once and allocates only the nodes.
//
// Anything outside its small subset makes it answer `undefined`, and the
// caller parses the block with `yaml` as before. The subset, line by line:
// - block mappings (`key: value`, `key:` with the value on the lines below)
//   and block sequences (`- item`, also `- key: value` and `- - item`), a
//   sequence may sit at its key's own indentation;
// - keys written plain or quoted, on one line, followed by `: ` or `:` at the line end;
// - values written plain or in single or double quotes, on one line, and
//   one-line flow sequences of such values (`["CMD", "curl"]`), `[]`, `{}`;
// - block scalars (`|`, `>`, `|-`, `>+`...) without an indentation indicator;
// - LF or CRLF line ends;
// - blank lines and comments, where they change no node's range (a comment
//   line indented deeper than the line after it, or after an empty value,
//   stretches the range of the node before it: those are left to `yaml`).
// - an alias as a whole value (`<<: *common`, `image: *img`, `- *item`), and
//   the merge key `<<` (the way services share an `x-` anchor);
// Refused (the `yaml` library reads them): other flow collections, the block
// scalars blockScalar() lists, anchors and tags (`&`, `!`), aliases inside flow
// collections, escapes in double quotes, a scalar that goes on over more lines, a
// carriage return that is not part of `\r\n`, any text the reader does not
// recognise, and every syntax error.
//
// Comments and blank lines are not kept on the nodes (`comment`,
// `commentBefore`, `spaceBefore`): nothing in the server reads them (a lint
// rule keeps it so), and they are all the two trees may differ in. The unit
// and corpus tiers compare the two readers node by node on every block this
// one accepts (test/unit/model/blockReader.test.ts, test/corpus/blockReader.test.ts).
import { Scalar, type Alias, type Pair, type Schema, type YAMLMap, type YAMLSeq } from 'yaml';
import { BlockPlace, endOf, placedAlias, placedMap, placedPair, placedSeq } from './blockNodes';
import { isPlainStart, plainScalar, tagsOf, textScalar, type SchemaTags } from './scalarNodes';
import { lineTables, textOf } from './blockText';

type Node = Scalar | YAMLMap | YAMLSeq | Alias;

/** Thrown inside the reader when the text leaves the subset; caught once, in readBlock. */
const OUTSIDE = Symbol('outside the subset');

/** Deeper blocks are left to the library (which reports running out of stack as an error): Compose files nest a few levels. */
const MAX_DEPTH = 64;

const LONE_CR = /\r(?!\n)/;

/**
 * The block's one pair (`key: value`), built as `yaml` would build it, or
 * undefined when the text is outside the subset (then parse it with `yaml`).
 */
export interface ReadBlock {
  readonly pair: Pair;
  /** Where the block is: every node's offsets are relative to it (what incremental.ts moves when the block moves). */
  readonly place: BlockPlace;
  /** The aliases read, in document order (the block's anchor uses: it defines no anchor). */
  readonly aliases: readonly Alias[];
}

/** An alias's name: no spaces, no flow indicators; one ending in `:` is left to the library (it calls it ambiguous). */
const ALIAS_NAME = /^[^\s[\]{},]*[^\s[\]{},:]$/;

/** `place`: the one its nodes are placed at (a block read again keeps its place, blockTrees.ts); a new one at 0 by default. */
export function readBlock(text: string, schema: Schema, place = new BlockPlace(0, schema)): ReadBlock | undefined {
  // A carriage return ends a line only before a newline here (`\r\n`); a lone one is a line break of its own to YAML.
  if (text.includes('\r') && LONE_CR.test(text)) return undefined; // most texts have none: a search for one character is cheaper than the pattern
  // A tab (in a value, a comment, or as space around a colon) is white space the reader does not measure: `yaml` reads the block.
  if (text.includes('\t')) return undefined;
  try {
    return new BlockReader(text, schema, place).read();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

/**
 * A list shared by every block, that the reader fills while it reads one: the
 * items of the collections still open (a collection takes its items off the
 * top when it ends). Each node list is then made once, at its length: grown
 * by pushing, each would leave a larger list behind for the collector.
 * A block left half read leaves entries here that the next one overwrites.
 */
const openItems: unknown[] = [];

const leave = (): never => {
  throw OUTSIDE;
};

class BlockReader {
  /** Per line: where it starts, where its content starts (after the indentation), where it ends (before `\n` or `\r\n`). */
  private readonly starts: Int32Array;
  private readonly contents: Int32Array;
  private readonly ends: Int32Array;
  /** How many lines the block has (the tables above are shared and may be longer). */
  private readonly lines: number;
  private readonly tags: SchemaTags;
  /** The block's place, shared by its nodes (their offsets are relative to the block's text, which starts at 0 here). */
  private readonly place: BlockPlace;
  /** The indentation of the block's first line: a comment after the last node may not go deeper. */
  private rootIndent = 0;
  /** Where the items of the collections being read end, on the shared list `openItems`. */
  private itemsTop = 0;
  /** Every alias read. */
  private readonly aliases: Alias[] = [];
  /** The line after the node last read (each read method returns the node and leaves this set). */
  private after = 0;
  /** How many nodes deep the reader is (it recurses once per level). */
  private depth = 0;

  constructor(
    private readonly text: string,
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

  read(): ReadBlock {
    const first = this.nextContentLine(0);
    if (first < 0) leave();
    this.rootIndent = this.indentOf(first);
    const root = this.mapping(first, this.rootIndent);
    const next = this.after;
    // Exactly one pair, and nothing after it.
    if (root.items.length !== 1 || this.nextContentLine(next) >= 0) leave();
    return { pair: root.items[0]!, place: this.place, aliases: this.aliases };
  }

  /** The items a collection put on `openItems` from `base` on, in a list of their number; they leave the shared list. */
  private itemsFrom(base: number): unknown[] {
    const items = openItems.slice(base, this.itemsTop);
    this.itemsTop = base;
    return items;
  }

  private indentOf(line: number): number {
    return this.contents[line]! - this.starts[line]!;
  }

  private blank(line: number): boolean {
    return this.contents[line]! >= this.ends[line]!;
  }

  private isComment(line: number): boolean {
    return this.text.charCodeAt(this.contents[line]!) === 35; /* # */
  }

  /** The first line from `line` on with content (not blank, not a comment), or -1. */
  private nextContentLine(line: number): number {
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
  private following(from: number, afterEmpty: boolean): number {
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
  private afterLine(line: number): number {
    return line + 1 < this.lines ? this.starts[line + 1]! : this.text.length;
  }

  /** A node starting at column `column` of `line` (after `- ` or a key's line): returns it and the line after it. */
  private node(line: number, column: number, parent: number): Node {
    if (++this.depth > MAX_DEPTH) leave();
    try {
      return this.nodeAt(line, column, parent);
    } finally {
      this.depth--;
    }
  }

  private nodeAt(line: number, column: number, parent: number): Node {
    const at = this.starts[line]! + column;
    const c = this.text.charCodeAt(at);
    if (this.isEntry(at)) return this.sequence(line, column);
    const quoted = c === 39 || c === 34;
    if (quoted ? this.quotedKeyEnd(at, this.ends[line]!) >= 0 : c !== 91 && c !== 123 && this.keyEnd(at, this.ends[line]!) >= 0) return this.mapping(line, column);
    return this.inlineValue(at, line, column, parent);
  }

  /** Whether a sequence entry (`- `, or `-` at the end of the line) starts at `at`. */
  private isEntry(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && this.isIndicator(at);
  }

  /** `-`, `?` or `:` followed by a space or the end of the line. */
  private isIndicator(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return next === 32 || next === 10 || next === 13 || Number.isNaN(next);
  }

  /** The line after a one-line value at `line`; a more indented line below would continue it (or be an error). */
  private afterScalar(line: number, column: number): number {
    const next = this.nextContentLine(line + 1);
    if (next >= 0 && this.indentOf(next) > column) leave();
    return line + 1;
  }

  /**
   * The offset of the `:` ending a plain key that starts at `at`, or -1 when
   * the line holds no key. Keys the reader does not build (quoted, `<<`, `?`,
   * with properties) leave the subset.
   */
  private keyEnd(at: number, lineEnd: number): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    for (let i = at; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) return -1; // a comment: no key on this line
      if (c === 58 /* : */) {
        const next = text.charCodeAt(i + 1);
        if (i + 1 === lineEnd || next === 32) {
          if (i === at || text.charCodeAt(i - 1) === 32) leave(); // `: x`, `key : x`
          if (!isPlainStart(first, text.charCodeAt(at + 1))) leave();
          return i;
        }
      }
    }
    return -1;
  }

  /** The offset of the `:` right after a quoted key starting at `at` (`"key": value`), or -1 when the quoted text is not a key. */
  private quotedKeyEnd(at: number, lineEnd: number): number {
    const close = this.closingQuote(at, lineEnd, this.text.charCodeAt(at));
    if (close < 0 || this.text.charCodeAt(close + 1) !== 58 /* : */) return -1;
    return close + 2 === lineEnd || this.text.charCodeAt(close + 2) === 32 ? close + 1 : -1;
  }

  private mapping(line: number, column: number): YAMLMap {
    const base = this.itemsTop;
    let l = line;
    let at = this.starts[line]! + column;
    for (;;) {
      const lineEnd = this.ends[l]!;
      const quoted = this.text.charCodeAt(at) === 39 || this.text.charCodeAt(at) === 34;
      const colon = quoted ? this.quotedKeyEnd(at, lineEnd) : this.keyEnd(at, lineEnd);
      if (colon < 0) leave();
      let key: Scalar;
      if (quoted) {
        key = this.quotedScalar(at, colon - 1, colon);
      } else {
        // `<<` resolves to the merge key, as the library's schema makes it.
        key = this.plainScalar(textOf(this.text, at, colon), at, colon, colon, true);
      }
      let value: Node;
      let next: number;
      let valueAt = colon + 1;
      while (this.text.charCodeAt(valueAt) === 32) valueAt++;
      if (valueAt >= lineEnd || this.text.charCodeAt(valueAt) === 35 /* # */) {
        value = this.nestedValue(l, column, valueAt, true);
        next = this.after;
      } else {
        value = this.inlineValue(valueAt, l, column, column);
        next = this.after;
      }
      openItems[this.itemsTop++] = placedPair(key, value);
      const end = endOf(value)! - this.place.offset; // relative to the block: it may be read again at its place (blockTrees.ts)
      const following = this.following(next, hangsComments(value));
      if (following < 0 || this.indentOf(following) < column) {
        const map = placedMap(this.itemsFrom(base) as Pair[], this.place, this.starts[line]! + column, end, end);
        this.after = next;
        return map;
      }
      if (this.indentOf(following) > column) leave();
      l = following;
      at = this.contents[l]!;
    }
  }

  private sequence(line: number, column: number): YAMLSeq {
    const base = this.itemsTop;
    let l = line;
    let at = this.starts[line]! + column;
    for (;;) {
      if (!this.isEntry(at)) leave();
      let itemAt = at + 1;
      while (this.text.charCodeAt(itemAt) === 32) itemAt++;
      const item = itemAt >= this.ends[l]! || this.text.charCodeAt(itemAt) === 35 /* # */ ? this.nestedValue(l, column, itemAt, false) : this.node(l, itemAt - this.starts[l]!, column);
      const next = this.after;
      openItems[this.itemsTop++] = item;
      const end = endOf(item)! - this.place.offset;
      const following = this.following(next, hangsComments(item));
      // The sequence ends where a line is less indented, or (a sequence at its key's column) is not an entry.
      if (following < 0 || this.indentOf(following) < column || !this.isEntry(this.contents[following]!)) {
        // A comment line as deep as the entries, after the last one, is the sequence's own and stretches it.
        for (let c = next; c < (following < 0 ? this.lines : following); c++) if (!this.blank(c) && this.indentOf(c) >= column) leave();
        const seq = placedSeq(this.itemsFrom(base), this.place, this.starts[line]! + column, end, end);
        this.after = next;
        return seq;
      }
      if (this.indentOf(following) > column) leave();
      l = following;
      at = this.contents[l]!;
    }
  }

  /**
   * The value of `key:` or `-` with nothing after it on `line` but perhaps a
   * comment (at `at`): the node on the lines below (more indented; for a key,
   * a sequence may also sit at the key's own column), or an empty value.
   */
  private nestedValue(line: number, column: number, at: number, afterKey: boolean): Node {
    const next = this.nextContentLine(line + 1);
    if (next >= 0) {
      const indent = this.indentOf(next);
      const sameColumnSequence = afterKey && indent === column && this.isEntry(this.contents[next]!);
      if (indent > column || sameColumnSequence) {
        for (let l = line + 1; l < next; l++) if (!this.blank(l) && this.indentOf(l) > indent) leave();
        return this.node(next, indent, column);
      }
    }
    // An empty value sits at the end of its line. One with a comment after it
    // sits at the comment and takes in what the library reads as its trailing
    // space: up to the next line's content, to the end of its own line when a
    // blank line follows, to the end of the text when nothing does.
    // A comment line right before an empty entry (`-`) is hung on it and stretches it as well: left to the library.
    if (!afterKey) for (let l = line - 1; l >= 0 && (this.blank(l) || this.isComment(l)); l--) if (this.isComment(l)) leave();
    const lineEnd = this.ends[line]!;
    this.after = line + 1;
    if (at >= lineEnd) return this.plainScalar('', lineEnd, lineEnd, lineEnd, false);
    const end = next < 0 ? this.text.length : next === line + 1 ? this.contents[next]! : this.afterLine(line);
    return this.plainScalar('', at, at, end, false);
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
  private inlineValue(at: number, line: number, column: number, parent: number): Node {
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
  private closingQuote(at: number, lineEnd: number, quote: number): number {
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
  private quotedScalar(open: number, close: number, nodeEnd: number): Scalar {
    const single = this.text.charCodeAt(open) === 39;
    let value = textOf(this.text, open + 1, close);
    if (single && value.includes("'")) value = value.replaceAll("''", "'");
    return this.stringScalar(value, single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', open, close + 1, nodeEnd);
  }

  /** A scalar that is text whatever it reads (quoted, or a block scalar). */
  private stringScalar(value: string, type: Scalar.Type, start: number, valueEnd: number, nodeEnd: number): Scalar {
    return textScalar(this.tags, value, type, this.place, start, valueEnd, nodeEnd, leave);
  }

  private plainScalar(source: string, start: number, valueEnd: number, nodeEnd: number, atKey: boolean): Scalar {
    return plainScalar(this.tags, source, this.place, start, valueEnd, nodeEnd, atKey, leave);
  }
}

/**
 * An empty value (`key:` or `-` with nothing after it) or a block scalar:
 * the library hangs the comment lines after one on it (stretching its range).
 */
function hangsComments(node: Node): boolean {
  return node instanceof Scalar && (node.source === '' || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

/** What ends a plain scalar inside a flow sequence (the reader leaves on `:`, `#`, `{`, `[` rather than follow the flow rules for them). */
const FLOW_PLAIN_END = new Set([44, 93, 58, 35, 91, 123, 125]);
