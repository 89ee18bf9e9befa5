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
import { BlockPlace, endOf, placedMap, placedPair, placedSeq } from './blockNodes';
import { textOf } from './blockText';
import { BlockValueReader, leave, openItems, OUTSIDE, type Node } from './blockValueReader';
import { isPlainStart } from './scalarNodes';

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

/** The collections of a block (mappings, sequences) and the block's one pair; the values on their lines are `BlockValueReader`'s. */
class BlockReader extends BlockValueReader {
  /** How many nodes deep the reader is (it recurses once per level). */
  private depth = 0;

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
}

/**
 * An empty value (`key:` or `-` with nothing after it) or a block scalar:
 * the library hangs the comment lines after one on it (stretching its range).
 */
function hangsComments(node: Node): boolean {
  return node instanceof Scalar && (node.source === '' || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}
