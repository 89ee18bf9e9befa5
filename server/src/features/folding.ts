// Folding ranges: every mapping or sequence (and multi-line text block) that
// spans lines folds from its key's line to its last line; runs of two or
// more comment lines fold as comments.
import { isCollection, isPair, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { startOf, valueEndOf } from '../model/blockNodes';

export function foldingRanges(doc: ComposeDocument): FoldingRange[] {
  const source = doc.text.getText();
  const lineOf = (offset: number) => doc.text.positionAt(offset).line;
  /** The line of a node's last character (block nodes end after their line break). */
  const lastLine = (start: number, end: number) => {
    let at = end;
    while (at > start && /\s/.test(source[at - 1])) at--;
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

  visit(doc.yaml, {
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyStart = key ? startOf(key) : undefined;
      if (keyStart !== undefined && foldable(value)) add(lineOf(keyStart), lastLine(startOf(value)!, valueEndOf(value)!));
    },
    Node(_key, node, path) {
      if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) {
        const range = node.range;
        if (range) blockScalars.push([range[0], range[1]]);
      }
      // A list item that is itself a block (`- name: x` with more keys below) folds on its own.
      const parent = path[path.length - 1];
      if (isSeq(parent) && !isPair(node) && foldable(node)) add(lineOf(startOf(node)!), lastLine(startOf(node)!, valueEndOf(node)!));
    },
  });

  // Comment lines inside a block scalar (a shell script's `#`) are text, not comments.
  const inBlockScalar = (offset: number) => blockScalars.some(([s, e]) => offset >= s && offset < e);
  let runStart = -1;
  let runEnd = -1;
  const lines = source.split('\n');
  let offset = 0;
  lines.forEach((line, index) => {
    const isComment = line.trimStart().startsWith('#') && !inBlockScalar(offset + line.indexOf('#'));
    if (isComment) {
      if (runStart < 0) runStart = index;
      runEnd = index;
    } else if (runStart >= 0) {
      add(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = -1;
    }
    offset += line.length + 1;
  });
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  return [...ranges.values()].sort((a, b) => a.startLine - b.startLine);
}
