// Where the blocks of a document spliced from blocks (model/incremental.ts)
// are in one version, for the rules that keep findings by block
// (blockRules.ts, serviceChecks.ts): a kept finding is stored relative to its
// block and placed again at the block's line when the block has moved.
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';

/** The indexes of the blocks that define services, found once per version for every check (not a repeated `services`: ComposeDocument's `shadowed`). */
const serviceBlocksOf = new WeakMap<ComposeDocument, number[]>();

export function serviceBlocks(doc: ComposeDocument): number[] {
  let found = serviceBlocksOf.get(doc);
  if (!found) {
    found = [];
    (doc.blocks ?? []).forEach((block, i) => {
      if (block.pieces.definitions.some((d) => d.kind === 'service') && !doc.shadowed?.has(block)) found!.push(i);
    });
    serviceBlocksOf.set(doc, found);
  }
  return found;
}

/** The first line of each block of a document, found once per version for every rule that keeps findings by block. */
const linesOfBlocks = new WeakMap<ComposeDocument, number[]>();

export function blockLines(doc: ComposeDocument): number[] {
  let lines = linesOfBlocks.get(doc);
  if (!lines) {
    lines = (doc.blocks ?? []).map((block) => doc.text.positionAt(block.offset).line);
    linesOfBlocks.set(doc, lines);
  }
  return lines;
}

/** A finding `lines` lines further down (up when negative); the same object when it does not move. */
export function moved(d: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return d;
  const { start, end } = d.range;
  return { ...d, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}
