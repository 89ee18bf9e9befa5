// How deep a text nests, and whether Dockhand reads it at all. The `yaml`
// parser, and our walks over its trees, recurse once per level: near a
// thousand levels they run out of stack, where they stop depends on the stack
// already in use, and V8 may even end the process (a regular expression
// compiled that deep). So a text deeper than READABLE_DEPTH is not parsed at
// all (document.ts, blockParse.ts): the same answer every time, whoever reads
// it. What is said about such a file is diagnostics/nesting.ts's.

/** The deepest text Dockhand parses, in nested values: far below where the stack runs out, far above any real file. */
export const READABLE_DEPTH = 300;

/**
 * How many values deep `text` nests at its deepest, the root mapping counted as one: block levels
 * (each deeper indentation, and each `- ` or `? ` before an entry on a line, opens one) plus the
 * flow collections (`[`, `{`) open at that point. Brackets in quotes, comments and plain values
 * (`echo [a`) are not counted. Lines of a block scalar are read as any other (an indented `key: x`
 * in a script counts): close enough to tell a few hundred levels from ten thousand, which is all it is for.
 */
export function nestingDepth(text: string): number {
  // The open block collections, innermost last: each one's column, and whether it is a sequence
  // (a sequence may start at its parent key's column: `key:` then `- a` below it is one level deeper).
  const columns: number[] = [];
  const sequences: boolean[] = [];
  const open = (column: number, sequence: boolean) => {
    columns.push(column);
    sequences.push(sequence);
  };
  let flow = 0;
  let deepest = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    // Block structure is read only outside flow collections, from each line that holds a node.
    if (flow === 0 && i < lineEnd && text[i] !== '#' && text[i] !== '\r') {
      const column = i - lineStart;
      const entry = isIndicator(text, i, lineEnd);
      while (columns.length > 0 && columns[columns.length - 1]! > column) {
        columns.pop();
        sequences.pop();
      }
      const top = columns.length - 1;
      if (top < 0 || columns[top]! < column) {
        // A deeper line opens a block collection when it is an entry or a key; a value (`[1, 2]`, a scalar) opens none.
        if (entry || KEY_AHEAD.test(text.slice(i, lineEnd))) open(column, entry);
      }
      else if (entry && !sequences[top]) open(column, true);
      else if (!entry && sequences[top]) {
        // The sequence at its parent key's column has ended: this line is the next key of that mapping.
        columns.pop();
        sequences.pop();
        if (columns.length === 0 || columns[columns.length - 1]! < column) open(column, false);
      }
      // `- - a: 1`: an entry after an indicator is one level deeper when it is a collection itself
      // (another indicator, or a key); a scalar entry opens nothing.
      while (isIndicator(text, i, lineEnd)) {
        i++;
        while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
        const nested = isIndicator(text, i, lineEnd);
        if (!nested && !KEY_AHEAD.test(text.slice(i, lineEnd))) break;
        open(i - lineStart, nested);
      }
      deepest = Math.max(deepest, columns.length);
    }
    // A quote or a bracket starts a value only where a value may start: at the line's content (past any
    // `- `), after a key's `: `, and inside brackets after `[`, `{` or `,`. Elsewhere it is part of a
    // plain value (`echo it's [`), which opens nothing.
    let valueStart = true;
    for (; i < lineEnd; i++) {
      const c = text[i];
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (valueStart && (c === '"' || c === "'")) {
        i = quoteEnd(text, i, lineEnd);
        valueStart = false;
      } else if ((valueStart || flow > 0) && (c === '[' || c === '{')) {
        deepest = Math.max(deepest, columns.length + ++flow);
        valueStart = true;
      } else if (flow > 0 && (c === ']' || c === '}')) {
        flow--;
        valueStart = false;
      } else valueStart = (flow > 0 && c === ',') || (c === ':' && (i + 1 === lineEnd || ' \t\r'.includes(text[i + 1]!)));
    }
    lineStart = lineEnd + 1;
  }
  return deepest;
}

/**
 * Whether `text` (at `levelsAbove` levels below the document's root: 1 for an item of a section) nests
 * deeper than READABLE_DEPTH. Most texts are told apart without counting: a block level needs a deeper
 * column or a `- ` (so four levels take at least one more leading space or indicator), and a flow
 * level an open bracket.
 */
export function tooDeepToRead(text: string, levelsAbove = 0): boolean {
  const limit = READABLE_DEPTH - levelsAbove;
  const fewOpen = opensAtMost(text, limit / 2) || mostBracketsOpen(text) < limit / 2;
  if (fewOpen && !DEEP_FIRST_LINE.test(text) && !DEEP_LINE.test(text)) return false;
  return nestingDepth(text) > limit;
}

/** A line starting with READABLE_DEPTH / 8 spaces or indicators (`- `, `? `): the first line, and any after a newline (a literal to search for is much faster than `^` with the `m` flag). */
const LEADING = `(?: |[-?] ){${Math.floor(READABLE_DEPTH / 8)}}`;
const DEEP_FIRST_LINE = new RegExp(`^${LEADING}`);
const DEEP_LINE = new RegExp(`\n${LEADING}`);

/** Whether `text` holds at most `n` opening brackets (most blocks hold none or two): no count of how many are open at once needed. */
function opensAtMost(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++count > n) return false;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) if (++count > n) return false;
  return true;
}

const BRACKET = /[[\]{}]/g;

/** The most flow brackets open at once, quotes not told apart (a count too high only means counting properly). */
function mostBracketsOpen(text: string): number {
  let open = 0;
  let most = 0;
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(text); m; m = BRACKET.exec(text)) {
    const c = m[0];
    if (c === '[' || c === '{') most = Math.max(most, ++open);
    else if (open > 0) open--;
  }
  return most;
}

/** A key on the rest of a line (`name: x`, `name:`), before any comment. */
const KEY_AHEAD = /^[^#'"[{]*?:(?:[ \r]|$)/;

/** A block sequence's `- ` or a complex key's `? ` at `i`. */
function isIndicator(text: string, i: number, lineEnd: number): boolean {
  return (text[i] === '-' || text[i] === '?') && (i + 1 === lineEnd || text[i + 1] === ' ' || text[i + 1] === '\r');
}

/** The offset of the quote closing the one at `open` on its line (a quoted value spanning lines is taken as ending there). */
function quoteEnd(text: string, open: number, lineEnd: number): number {
  const quote = text[open];
  for (let i = open + 1; i < lineEnd; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return lineEnd;
}
