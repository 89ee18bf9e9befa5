// Where every line of a Compose file should start, read from the `yaml`
// library's CST (tokens with offsets): the model's AST has no positions for
// `-` indicators or the space after them, and the formatter must never
// re-print a token, only move it. Lines that start a mapping key or a
// sequence item ("structural" lines) get a column computed from their nesting
// alone, so formatting twice changes nothing; every other line keeps its
// place relative to the item that owns it (block scalar bodies, continued
// scalars, multi-line flow collections), which keeps the data identical.
import { Parser, type CST } from 'yaml';

export interface LayoutOptions {
  /** Spaces per nesting level. */
  readonly indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  readonly indentSequences: boolean;
}

/** One in-line replacement, in offsets of the original text. */
export interface InlineEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Layout {
  /** Per line: the column it should start at, for structural lines (undefined for the others). */
  readonly target: (number | undefined)[];
  /** Per line: true inside a block scalar's body or a multi-line quoted scalar (text kept byte for byte but the indentation). */
  readonly verbatim: boolean[];
  readonly inline: InlineEdit[];
}

type Item = CST.BlockMap['items'][number] | CST.BlockSequence['items'][number];

const TRIVIA = new Set(['space', 'newline', 'comment']);

export function computeLayout(text: string, lineStarts: readonly number[], options: LayoutOptions): Layout {
  const lineCount = lineStarts.length;
  const layout: Layout = { target: new Array(lineCount), verbatim: new Array(lineCount).fill(false), inline: [] };
  const lineOf = (offset: number) => lineAt(lineStarts, offset);
  const startsLine = (offset: number) => {
    const line = lineOf(offset);
    for (let i = lineStarts[line]!; i < offset; i++) if (text[i] !== ' ') return false;
    return true;
  };
  const column = (offset: number) => offset - lineStarts[lineOf(offset)]!;

  const markVerbatim = (from: number, to: number) => {
    const first = lineOf(from);
    const last = lineOf(Math.max(from, to - 1));
    for (let line = first; line <= last; line++) layout.verbatim[line] = true;
  };

  /** Block scalars and quoted scalars that continue on other lines keep their text. */
  const scalarBody = (token: CST.Token | null | undefined) => {
    if (!token) return;
    if (token.type === 'block-scalar') {
      const last = token.props[token.props.length - 1];
      const bodyStart = last && 'source' in last ? last.offset + last.source.length : token.offset;
      if (token.source.length > 0) markVerbatim(bodyStart, bodyStart + token.source.length);
    } else if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar' || token.type === 'scalar') && token.source.includes('\n')) {
      // The first line holds the key; only the continuation lines are verbatim.
      const firstBreak = token.source.indexOf('\n');
      markVerbatim(token.offset + firstBreak + 1, token.offset + token.source.length);
    } else if (token.type === 'flow-collection') {
      for (const item of token.items) {
        scalarBody(item.key as CST.Token | null | undefined);
        scalarBody(item.value);
      }
    }
  };

  const headOf = (item: Item): number | undefined => {
    for (const t of item.start) if (!TRIVIA.has(t.type)) return t.offset;
    if ('key' in item && item.key) return item.key.offset;
    if ('sep' in item && item.sep) for (const t of item.sep) if (!TRIVIA.has(t.type)) return t.offset;
    return item.value?.offset;
  };

  const collectionHead = (token: CST.BlockMap | CST.BlockSequence): number | undefined => {
    for (const item of token.items) {
      const head = headOf(item);
      if (head !== undefined) return head;
    }
    return undefined;
  };

  const oneSpaceAfter = (dash: number, next: number) => {
    if (next - dash !== 2 || text[dash + 1] !== ' ') layout.inline.push({ start: dash + 1, end: next, text: ' ' });
  };

  const visit = (token: CST.BlockMap | CST.BlockSequence, newColumn: number) => {
    for (const item of token.items) {
      const head = headOf(item);
      if (head === undefined) continue;
      if (startsLine(head)) layout.target[lineOf(head)] = newColumn;
      if ('key' in item) scalarBody(item.key as CST.Token | null | undefined);
      const value = item.value;
      scalarBody(value);
      const dash = item.start.find((t) => t.type === 'seq-item-ind');
      if (!value || (value.type !== 'block-map' && value.type !== 'block-seq')) {
        // `-   value` becomes `- value`; props (`- &a value`) count as the value's start.
        const first = item.start.find((t) => t.offset > (dash?.offset ?? Infinity) && !TRIVIA.has(t.type))?.offset ?? value?.offset;
        if (dash && first !== undefined && lineOf(first) === lineOf(dash.offset)) oneSpaceAfter(dash.offset, first);
        continue;
      }
      const childHead = collectionHead(value);
      if (childHead === undefined) continue;
      if (lineOf(childHead) === lineOf(head)) {
        // `- key: value` or `- - item`: the child starts right after the dash, one space away.
        if (!dash) continue; // a block collection cannot follow a key on its line
        oneSpaceAfter(dash.offset, childHead);
        visit(value, newColumn + 2);
      } else {
        const nested = value.type === 'block-seq' && token.type === 'block-map' && !options.indentSequences ? 0 : options.indent;
        visit(value, newColumn + nested);
      }
    }
  };

  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    const value = token.value;
    if (value?.type === 'block-map' || value?.type === 'block-seq') {
      const head = collectionHead(value);
      // A collection that starts after `--- ` on its line stays where it is.
      if (head !== undefined) visit(value, startsLine(head) ? 0 : column(head));
    } else scalarBody(value);
  }
  return layout;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
