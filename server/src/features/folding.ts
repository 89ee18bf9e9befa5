// Folding ranges: every mapping or sequence (and multi-line text block) that
// spans lines folds from its key's line to its last line; runs of two or
// more comment lines fold as comments. When there are more than the editor
// takes (LSP's `rangeLimit`: VS Code's `editor.foldingMaximumRegions`, 5,000
// by default), the innermost are left out, as the editor itself would drop
// them: a file of thousands of services would otherwise send ~55,000 ranges
// (2 MB) after every edit for the editor to throw most away.
import { isCollection, isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { startOf, valueEndOf } from '../model/blockNodes';
import { lineAt, lineStartsOf } from '../model/lineTable';

export function foldingRanges(doc: ComposeDocument, limit?: number): FoldingRange[] {
  const source = doc.text.getText();
  // Lines from a table of this text's line starts, searched from the last answer: the walk asks in nearly
  // increasing order, for every block (two questions each, ~110,000 on a file of 5,000 services).
  const starts = lineStartsOf(source);
  let lastLineFound = 0;
  const lineOf = (offset: number): number => {
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
  const ranges = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine <= startLine) return;
    const existing = ranges.get(startLine);
    // Two candidates on one line (a key and its value's first item): keep the wider one.
    if (!existing || existing.endLine < endLine) ranges.set(startLine, { startLine, endLine, ...(kind ? { kind } : {}) });
  };
  const blockScalars: [number, number][] = [];
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
        if (range) blockScalars.push([range[0], range[1]]);
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) walkPair(pair);
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
  walk(doc.yaml.contents);

  // Comment lines inside a block scalar (a shell script's `#`) are text, not comments.
  const inBlockScalar = (offset: number) => blockScalars.some(([s, e]) => offset >= s && offset < e);
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
      add(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = -1;
    }
    offset = lineEnd + 1;
  }
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  const sorted = [...ranges.values()].sort((a, b) => a.startLine - b.startLine);
  return limit !== undefined && sorted.length > limit ? outermost(sorted, limit) : sorted;
}

/**
 * At most `limit` of `ranges` (sorted by start line): every range of the outer nesting levels that fit whole,
 * then ranges of the next level in document order, as VS Code keeps them when it gets more than it shows.
 */
function outermost(ranges: readonly FoldingRange[], limit: number): FoldingRange[] {
  const levels = new Array<number>(ranges.length);
  const open: number[] = []; // end lines of the ranges enclosing the current one
  ranges.forEach((range, i) => {
    while (open.length > 0 && open[open.length - 1]! < range.startLine) open.pop();
    levels[i] = open.length;
    open.push(range.endLine);
  });
  const perLevel: number[] = [];
  for (const level of levels) perLevel[level] = (perLevel[level] ?? 0) + 1;
  let whole = -1;
  let kept = 0;
  while (whole + 1 < perLevel.length && kept + perLevel[whole + 1]! <= limit) kept += perLevel[++whole]!;
  let room = limit - kept;
  return ranges.filter((_, i) => levels[i]! <= whole || (levels[i] === whole + 1 && room-- > 0));
}

/** What `\s` matches in a JavaScript pattern, one character code at a time (no string made per character). */
function isWhitespace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
