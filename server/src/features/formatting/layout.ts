// Where every line of a Compose file should start, read from the document the
// model already parsed (the `yaml` library's nodes with ranges) and the text:
// formatting never parses again, so it costs a walk of the nodes and a pass
// over the lines. The formatter moves tokens, never re-prints one. Lines that
// start a mapping key or a sequence item ("structural" lines) get a column
// computed from their nesting alone, so formatting twice changes nothing;
// every other line keeps its place relative to the item that owns it (block
// scalar bodies, continued scalars, multi-line flow collections), which
// keeps the data identical.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { startOf, valueEndOf } from '../../model/blockNodes';
import { lineAt } from '../../model/lineTable';

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
  /** Per line: true inside a block scalar's body or a scalar continued on other lines (text kept byte for byte but the indentation). */
  readonly verbatim: boolean[];
  readonly inline: InlineEdit[];
}

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

const isBlockCollection = (node: unknown): node is Collection => (isMap(node) || isSeq(node)) && !node.flow;

export function computeLayout(text: string, lineStarts: readonly number[], root: unknown, options: LayoutOptions): Layout {
  const layout: Layout = { target: new Array(lineStarts.length), verbatim: new Array(lineStarts.length).fill(false), inline: [] };
  const lineOf = (offset: number): number => lineAt(lineStarts, offset);
  /** The offset of the first non-space character of `line`. */
  const firstOnLine = (line: number): number => {
    let i = lineStarts[line]!;
    while (text[i] === ' ') i++;
    return i;
  };
  const isDash = (i: number) => text[i] === '-' && (i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === '\n' || text[i + 1] === '\r');
  /** The next token at or after `from`, past spaces, line breaks and comments. */
  const nextToken = (from: number): number => {
    let i = from;
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') i++;
      else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else break;
    }
    return i;
  };

  /** The first character at or after `from` that is not a space or a tab (on the same line). */
  const pastBlanks = (from: number): number => {
    let i = from;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return i;
  };

  const markVerbatim = (from: number, to: number) => {
    const first = lineOf(from);
    const last = lineOf(Math.max(from, to - 1));
    for (let line = first; line <= last; line++) layout.verbatim[line] = true;
  };

  /** Block scalars and scalars continued on other lines keep their text; so do those inside flow collections. */
  const scalarBodies = (node: unknown): void => {
    if (isScalar(node)) {
      const range = node.range;
      if (!range || range[1] <= range[0]) return;
      if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        const header = text.indexOf('\n', range[0]);
        if (header >= 0 && header + 1 < range[1]) markVerbatim(header + 1, range[1]);
      } else {
        const firstBreak = text.indexOf('\n', range[0]);
        // The first line holds the key; only the continuation lines are verbatim.
        if (firstBreak >= 0 && firstBreak < range[1]) markVerbatim(firstBreak + 1, range[1]);
      }
    } else if ((isMap(node) || isSeq(node)) && node.flow) {
      flowSpacing(node);
      for (const item of node.items) {
        if (isPair(item)) {
          scalarBodies(item.key);
          scalarBodies(item.value);
        } else scalarBodies(item);
      }
    }
  };

  /**
   * A flow collection on one line is spaced as YAML formatters commonly write one (Prettier): `[a, b]` and
   * `{ a: 1, b: 2 }`, one space after each comma and after a flow mapping's colons, none before them. Only the
   * blanks between its tokens change; one with anything else between them (a trailing comma, a tab, a pair in a
   * list, a key with no value) is left as written.
   */
  const flowSpacing = (node: Collection): void => {
    const start = startOf(node as Node);
    const end = valueEndOf(node as Node);
    if (start === undefined || end === undefined || end - start < 2 || lineOf(start) !== lineOf(end - 1)) return;
    const open = text[start];
    const close = text[end - 1];
    if (!(open === '[' && close === ']') && !(open === '{' && close === '}')) return;
    const inside = open === '{' && node.items.length > 0 ? ' ' : '';
    const edits: InlineEdit[] = [];
    /** The text from `from` to `to` is blanks to be `want`: false when it is anything else. */
    const blanks = (from: number, to: number, want: string): boolean => {
      if (to < from) return false;
      for (let i = from; i < to; i++) if (text[i] !== ' ') return false;
      if (to - from !== want.length) edits.push({ start: from, end: to, text: want });
      return true;
    };
    let at = start + 1;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      const key = isPair(item) ? (item.key as Node | null) : isSeq(node) ? (item as Node | null) : null;
      const value = isPair(item) ? (item.value as Node | null) : key;
      const from = key ? startOf(key) : undefined;
      const to = value ? valueEndOf(value) : undefined;
      if (from === undefined || to === undefined || (isSeq(node) && isPair(item))) return;
      if (i > 0) {
        const comma = pastBlanks(at);
        if (text[comma] !== ',' || !blanks(at, comma, '')) return;
        at = comma + 1;
      }
      if (!blanks(at, from, i === 0 ? inside : ' ')) return;
      if (isPair(item)) {
        const keyEnd = valueEndOf(key!);
        const valueStart = startOf(value!);
        if (keyEnd === undefined || valueStart === undefined) return;
        const colon = pastBlanks(keyEnd);
        if (text[colon] !== ':' || !blanks(keyEnd, colon, '') || !blanks(colon + 1, valueStart, ' ')) return;
      }
      at = to;
    }
    if (!blanks(at, end - 1, inside)) return;
    layout.inline.push(...edits);
  };

  /**
   * `-   value` becomes `- value`, and `key:   value` becomes `key: value`: one space between the dash or the
   * key's colon and what follows it on its line (a comment there keeps its distance: it may be aligned).
   */
  const oneSpaceAfter = (mark: number) => {
    // Scanned rather than placed by line: this runs for every key of the file.
    const next = pastBlanks(mark + 1);
    if (next >= text.length || text[next] === '#' || text[next] === '\n' || text[next] === '\r') return;
    if (next - mark !== 2 || text[mark + 1] !== ' ') layout.inline.push({ start: mark + 1, end: next, text: ' ' });
  };

  /** The colon after a block mapping's key, when it is on the key's line (not for `? key`, which has none there). */
  const colonAfter = (key: Node | null): number | undefined => {
    const end = key ? valueEndOf(key) : undefined;
    if (end === undefined) return undefined;
    const colon = pastBlanks(end);
    return text[colon] === ':' ? colon : undefined;
  };

  /** Where the collection's first item starts (its first key, or its first dash). */
  const headOf = (node: Collection): number | undefined => {
    return startOf(node as Node);
  };

  /** Places the value of an item whose head is at `head` on line `headLine`, itself placed at `column`. */
  const placeValue = (value: unknown, parentIsMap: boolean, head: number, column: number, dash?: number) => {
    scalarBodies(value);
    if (dash !== undefined) oneSpaceAfter(dash);
    if (!isBlockCollection(value)) return;
    const childHead = headOf(value);
    if (childHead === undefined) return;
    if (lineOf(childHead) === lineOf(head)) {
      // `- key: value` or `- - item`: the child starts right after the dash, one space away.
      if (dash !== undefined) visit(value, column + 2);
    } else {
      const nested = isSeq(value) && parentIsMap && !options.indentSequences ? 0 : options.indent;
      visit(value, column + nested);
    }
  };

  const visit = (node: Collection, column: number): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = (key ? startOf(key) : undefined) ?? (value ? startOf(value) : undefined);
        if (start === undefined) continue;
        const line = lineOf(start);
        const first = firstOnLine(line);
        // The first key of a mapping that starts after a dash shares the dash's line.
        if (!isDash(first)) layout.target[line] = column;
        if (!isAlias(key)) scalarBodies(key);
        const colon = colonAfter(key);
        if (colon !== undefined) oneSpaceAfter(colon);
        placeValue(pair.value, true, start, column);
      }
      return;
    }
    let from = startOf(node as Node);
    if (from === undefined) return;
    for (const item of node.items) {
      const dash = nextToken(from);
      if (!isDash(dash)) return; // not where a dash should be: leave the rest as written
      const line = lineOf(dash);
      if (firstOnLine(line) === dash) layout.target[line] = column;
      placeValue(item, false, dash, column, dash);
      const end = item ? valueEndOf(item as Node) : undefined;
      from = end !== undefined && end > dash ? end : dash + 1;
    }
  };

  if (isBlockCollection(root)) {
    const head = headOf(root);
    if (head !== undefined) {
      const line = lineOf(head);
      // A collection that starts after `--- ` on its line stays where it is.
      visit(root, firstOnLine(line) === head ? 0 : head - lineStarts[line]!);
    }
  } else scalarBodies(root);
  return layout;
}

