// Cutting a new version of an open document into blocks around an edit the
// editor described, instead of cutting the whole text again: the blocks before
// and after the lines the edit touched are the last version's, found in place.
// On 5,000 services the whole cut and a lookup of every block by its text cost
// ~12 ms per keystroke; this reads only the lines the edit touched.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { leavesItems, splitRun, splitSectionRun, type BlockSpan } from './blocks';
import { textBetween } from './chunkedDocument';
import type { EditWindow } from './editWindow';
import type { ParsedBlock } from './parsedBlock';

/** The version the parser last spliced: its blocks in order, each at its offset in that text. */
export interface LastVersion {
  readonly length: number;
  readonly blocks: readonly ParsedBlock[];
}

/**
 * The cut of `text` when the edits since `last` (the last version) are known (`edits`): the blocks before and after
 * the lines they touched are the last version's, in place (`kept`, by index), and only the lines in
 * between are cut again (splitRun): items of one section, and, when a line among them is at column 0 (a
 * top-level key typed under a section's last item), the top-level sections from there to the next block
 * at column 0 (or the end). Undefined when
 * that cannot be said that way: the whole text is cut again (splitBlocks) and each block looked up by
 * its text. What is kept around the edit, and why it is the same block in the new text:
 * - before it, each block whose first line, with its line break, comes before the first changed
 *   character: its text is unchanged, and so is the line after it, which starts the next block (a
 *   top-level block whose first character comes before it is cut again, from its key line);
 * - after it, each block starting after the last changed character and its line break: its text,
 *   and the line break before it, unchanged.
 * The lines in between run from the start of an item (the last block kept before, whose first line is
 * unchanged), or of a top-level block, to the start of a block kept after (or the end), so they are
 * items of that one section (or sections, from a top-level block),
 * up to the first line at column 0 if any; the sections from there end where the block kept after
 * begins, at column 0, as the whole cut would end them (items of the last version's after the edit are
 * cut again up to there: they may be the new key's).
 */
export function reusedCut(last: LastVersion | undefined, edits: EditWindow | undefined, text: TextDocument, length: number): { spans: BlockSpan[]; kept: (ParsedBlock | undefined)[] } | undefined {
  if (!last || !edits || edits.length !== length || edits.previousLength !== last.length) return undefined;
  const blocks = last.blocks;
  const delta = length - last.length;
  const prefix = Math.min(edits.prefix, last.length);
  const suffix = Math.min(edits.suffix, last.length - prefix);
  const spanOf = (block: ParsedBlock, shift: number): BlockSpan => ({
    start: block.offset + shift,
    end: block.offset + shift + block.text.length,
    role: block.role,
    section: block.section,
  });
  if (prefix === last.length && delta === 0) return { spans: blocks.map((b) => spanOf(b, 0)), kept: blocks.slice() };
  // The last item whose first line (with its line break) lies before the first changed character, or the
  // last top-level block whose first character does: its key line still starts a section there.
  let before = lastStartingBefore(blocks, prefix);
  while (before >= 0) {
    if (blocks[before]!.role !== 'item') break;
    // Its first line as the last version had it: the text is the same up to `prefix`.
    const feed = blocks[before]!.text.indexOf('\n');
    if (feed >= 0 && blocks[before]!.offset + feed < prefix) break;
    before--;
  }
  if (before < 0) return undefined;
  // The first block starting after the last changed character and its line break.
  const firstUnchanged = last.length - suffix;
  let after = lastStartingBefore(blocks, firstUnchanged + 1) + 1;
  if (after <= before) after = before + 1;
  const keptBefore = blocks[before]!;
  const from = keptBefore.offset;
  const end = (i: number) => (i < blocks.length ? blocks[i]!.offset + delta : length);
  let to = end(after);
  if (to < from) return undefined;
  // The lines cut again, alone: the cut reads nothing of the text outside them (blocks.ts).
  let lines = textBetween(text, from, to);
  if (after < blocks.length && textBetween(text, to - 1, to).charCodeAt(0) !== 10) return undefined;
  // A line at column 0 among them ends the section's items: the lines after it are top-level sections, each
  // cut by its own lines up to the next block at column 0, so the items kept after it are cut again with them.
  if (leavesItems(lines, 0, lines.length)) {
    while (after < blocks.length && blocks[after]!.role === 'item') after++;
    to = end(after);
    lines = textBetween(text, from, to);
  }
  // Cut again from an item: the section's item indentation, from the kept block's own first line as it was.
  // From a top-level block (a section, or a section's key line with its items after it): sections.
  let indent = 0;
  while (keptBefore.text.charCodeAt(indent) === 32) indent++;
  const cutAlone = keptBefore.role === 'item' ? splitRun(lines, 0, lines.length, indent, keptBefore.section!) : splitSectionRun(lines, 0, lines.length);
  if (!cutAlone) return undefined;
  const run = cutAlone.map((span) => ({ ...span, start: span.start + from, end: span.end + from }));
  const spans = new Array<BlockSpan>(before + run.length + blocks.length - after);
  const kept = new Array<ParsedBlock | undefined>(spans.length);
  let i = 0;
  for (let b = 0; b < before; b++, i++) {
    spans[i] = spanOf(blocks[b]!, 0);
    kept[i] = blocks[b];
  }
  for (const span of run) spans[i++] = span;
  for (let b = after; b < blocks.length; b++, i++) {
    spans[i] = spanOf(blocks[b]!, delta);
    kept[i] = blocks[b];
  }
  return { spans, kept };
}

/** The index of the last block that starts before `offset` (-1 when none does); `blocks` are in text order. */
function lastStartingBefore(blocks: readonly ParsedBlock[], offset: number): number {
  let low = 0;
  let high = blocks.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (blocks[mid]!.offset < offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
