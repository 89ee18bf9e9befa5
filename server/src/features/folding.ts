// Folding ranges: every mapping or sequence (and multi-line text block) that
// spans lines folds from its key's line to its last line; runs of two or
// more comment lines fold as comments. When there are more than the editor
// takes (LSP's `rangeLimit`: VS Code's `editor.foldingMaximumRegions`, 5,000
// by default), the innermost are left out, as the editor itself would drop
// them: a file of thousands of services would otherwise send ~55,000 ranges
// (2 MB) after every edit for the editor to throw most away.
//
// The editor asks again after every pause in typing. In a document spliced
// from blocks (model/incremental.ts) an item's ranges are kept with its pair,
// counted from the item's first line, and only placed at its line again: an
// edit walks the one item it changed, not the ~375,000 nodes of 5,000
// services (~90 ms a request).
import { isCollection, isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { blockLines } from '../diagnostics/blockPlaces';
import { startOf, valueEndOf } from '../model/blockNodes';
import { lineAt, lineStartsOf } from '../model/lineTable';
import { readable } from '../model/chunkedDocument';

/** An item's ranges as (start, end) line pairs counted from its own first line, and its block scalars' offsets from its block's start. */
interface ItemFolds {
  readonly ranges: readonly number[];
  readonly blockScalars: readonly number[];
}

/** Kept per item pair: an item block that is reused keeps its pair (incremental.ts), and its text, so its folds. */
const itemFolds = new WeakMap<Pair, ItemFolds>();

export function foldingRanges(doc: ComposeDocument, limit?: number): FoldingRange[] {
  // Read by offset: a chunked document's text is not joined for it (model/chunkedDocument.ts).
  const source = readable(doc.text);
  // A whole walk asks in nearly increasing order, for every block (two questions each, ~110,000 on a file of
  // 5,000 services): lines from a table of this text's line starts, searched from the last answer. In a spliced
  // document only the items walked for the first time ask: the text document's own lines (which the blocks'
  // places have read already) answer them, without a table of the whole text per request.
  let starts: number[] | undefined;
  let lastLineFound = 0;
  const lineOf = doc.blocks
    ? (offset: number): number => doc.text.positionAt(offset).line
    : (offset: number): number => {
        starts ??= lineStartsOf(source);
        const line = lastLineFound;
        const here = starts[line]! <= offset && (line + 1 >= starts.length || offset < starts[line + 1]!);
        return (lastLineFound = here ? line : lineAt(starts, offset));
      };
  /** The line of a node's last character (block nodes end after their line break). */
  const lastLine = (start: number, end: number) => {
    let at = end;
    while (at > start && isWhitespace(source.charCodeAt(at - 1))) at--;
    return lineOf(at);
  };
  // The candidates as numbers (a range object is made only for those sent): start and end lines in the order
  // the walk finds them, then the comment runs. 5,000 services have ~55,000, of which the editor takes 5,000.
  const found: number[] = [];
  const put = (startLine: number, endLine: number) => {
    if (endLine > startLine) found.push(startLine, endLine);
  };
  const blockScalars: [number, number][] = [];
  // While an item is walked for the first time, what it adds is recorded from its first line and offset
  // (then placed like a kept item's), in the order the whole walk would add it.
  let recording: { ranges: number[]; blockScalars: number[]; line: number; offset: number } | undefined;
  const add = (startLine: number, endLine: number) => {
    if (recording) recording.ranges.push(startLine - recording.line, endLine - recording.line);
    else put(startLine, endLine);
  };
  const addBlockScalar = (start: number, end: number) => {
    if (recording) recording.blockScalars.push(start - recording.offset, end - recording.offset);
    else blockScalars.push([start, end]);
  };
  // The item blocks of a spliced document, by pair: their first lines and offsets in this version.
  const items = new Map<Pair, { line: number; offset: number }>();
  if (doc.blocks) {
    const lines = blockLines(doc);
    doc.blocks.forEach((block, i) => {
      if (block.role === 'item') items.set(block.pair, { line: lines[i]!, offset: block.offset });
    });
  }
  // Every node is asked: its offsets are read one by one (blockNodes.ts), a range array is made only for a block scalar's.
  const foldable = (node: Node | null | undefined): node is Node =>
    !!node && (isCollection(node) || (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED))) && startOf(node) !== undefined;

  // A plain walk (yaml's `visit` freezes a copy of the path at every node: most of the time on a large file).
  // Each node is asked what it is as few times as may be: the type mark is read through the prototype
  // (blockNodes.ts), and nodes of every class pass the same checks. An alias is none of the three.
  const walk = (node: unknown): void => {
    if (!node) return;
    if (isScalar(node)) {
      if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        const range = node.range;
        if (range) addBlockScalar(range[0], range[1]);
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const item = recording ? undefined : items.get(pair);
        if (item) walkItem(pair, item);
        else walkPair(pair);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as (Node | Pair | null)[]) {
        // A pair written in a flow list (`[a: 1]`) folds as in a mapping.
        if (isPair(item)) walkPair(item);
        // A list item that is itself a block (`- name: x` with more keys below) folds on its own.
        else if (foldable(item)) add(lineOf(startOf(item)!), lastLine(startOf(item)!, valueEndOf(item)!));
        walk(item);
      }
    }
  };
  const walkPair = (pair: Pair): void => {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (foldable(value)) {
      const keyStart = key ? startOf(key) : undefined;
      if (keyStart !== undefined) add(lineOf(keyStart), lastLine(startOf(value)!, valueEndOf(value)!));
    }
    // A key is text but for a complex key (`? [a, b]`), which may hold a block scalar or fold.
    if (key && !isScalar(key)) walk(key);
    walk(value);
  };
  /** An item block's folds: kept from the first walk of its pair, placed at its line and offset. */
  const walkItem = (pair: Pair, at: { line: number; offset: number }): void => {
    let folds = itemFolds.get(pair);
    if (!folds) {
      recording = { ranges: [], blockScalars: [], ...at };
      try {
        walkPair(pair);
        folds = { ranges: recording.ranges, blockScalars: recording.blockScalars };
      } finally {
        recording = undefined;
      }
      itemFolds.set(pair, folds);
    }
    for (let k = 0; k < folds.ranges.length; k += 2) put(folds.ranges[k]! + at.line, folds.ranges[k + 1]! + at.line);
    for (let k = 0; k < folds.blockScalars.length; k += 2) blockScalars.push([folds.blockScalars[k]! + at.offset, folds.blockScalars[k + 1]! + at.offset]);
  };
  walk(doc.yaml.contents);

  // Comment lines inside a block scalar (a shell script's `#`) are text, not comments.
  const inBlockScalar = (offset: number) => blockScalars.some(([s, e]) => offset >= s && offset < e);
  const comments: number[] = [];
  let runStart = -1;
  let runEnd = -1;
  // Line by line without splitting the text (a large file has a hundred thousand lines).
  for (let index = 0, offset = 0; offset <= source.length; index++) {
    let lineEnd = source.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = source.length;
    let first = offset;
    while (first < lineEnd && isWhitespace(source.charCodeAt(first))) first++;
    const isComment = first < lineEnd && source.charCodeAt(first) === 35 /* # */ && !inBlockScalar(first);
    if (isComment) {
      if (runStart < 0) runStart = index;
      runEnd = index;
    } else if (runStart >= 0) {
      if (runEnd > runStart) comments.push(runStart, runEnd);
      runStart = -1;
    }
    offset = lineEnd + 1;
  }
  if (runStart >= 0 && runEnd > runStart) comments.push(runStart, runEnd);
  const { startLines, endLines, isComment } = oneRangePerLine(found, comments);
  const kept = limit !== undefined && startLines.length > limit ? outermost(startLines, endLines, limit) : undefined;
  const out: FoldingRange[] = [];
  for (let i = 0; i < startLines.length; i++) {
    if (kept && !kept[i]) continue;
    out.push(isComment[i] ? { startLine: startLines[i]!, endLine: endLines[i]!, kind: FoldingRangeKind.Comment } : { startLine: startLines[i]!, endLine: endLines[i]! });
  }
  return out;
}

/**
 * The ranges in start order, one per start line: of the candidates on one line (a key and its value's first item),
 * the widest, and of equally wide ones the first found (the walk's before the comment runs'). `found` and `comments`
 * are (start, end) pairs; a walk finds them in start order (a key before what it holds), the comment runs too.
 */
function oneRangePerLine(found: number[], comments: readonly number[]): { startLines: number[]; endLines: number[]; isComment: boolean[] } {
  const walked = inStartOrder(found);
  const startLines: number[] = [];
  const endLines: number[] = [];
  const isComment: boolean[] = [];
  let w = 0;
  let c = 0;
  while (w < walked.length || c < comments.length) {
    const fromWalk = c >= comments.length || (w < walked.length && walked[w]! <= comments[c]!);
    const start = fromWalk ? walked[w]! : comments[c]!;
    const end = fromWalk ? walked[w + 1]! : comments[c + 1]!;
    if (fromWalk) w += 2;
    else c += 2;
    const last = startLines.length - 1;
    if (last >= 0 && startLines[last] === start) {
      if (endLines[last]! < end) {
        endLines[last] = end;
        isComment[last] = !fromWalk;
      }
    } else {
      startLines.push(start);
      endLines.push(end);
      isComment.push(!fromWalk);
    }
  }
  return { startLines, endLines, isComment };
}

/** (start, end) pairs sorted by start, pairs of one start in the order given; most often already so. */
function inStartOrder(pairs: number[]): number[] {
  let sorted = true;
  for (let k = 2; k < pairs.length && sorted; k += 2) sorted = pairs[k - 2]! <= pairs[k]!;
  if (sorted) return pairs;
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || a - b);
  return order.flatMap((i) => [pairs[2 * i]!, pairs[2 * i + 1]!]);
}

/**
 * Which of the ranges (start and end lines, sorted by start) to keep, at most `limit`: every range of the outer
 * nesting levels that fit whole, then ranges of the next level in document order, as VS Code keeps them when it
 * gets more than it shows.
 */
function outermost(startLines: readonly number[], endLines: readonly number[], limit: number): boolean[] {
  const levels = new Array<number>(startLines.length);
  const open: number[] = []; // end lines of the ranges enclosing the current one
  for (let i = 0; i < startLines.length; i++) {
    while (open.length > 0 && open[open.length - 1]! < startLines[i]!) open.pop();
    levels[i] = open.length;
    open.push(endLines[i]!);
  }
  const perLevel: number[] = [];
  for (const level of levels) perLevel[level] = (perLevel[level] ?? 0) + 1;
  let whole = -1;
  let kept = 0;
  while (whole + 1 < perLevel.length && kept + perLevel[whole + 1]! <= limit) kept += perLevel[++whole]!;
  let room = limit - kept;
  return levels.map((level) => level <= whole || (level === whole + 1 && room-- > 0));
}

/** What `\s` matches in a JavaScript pattern, one character code at a time (no string made per character). */
function isWhitespace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
