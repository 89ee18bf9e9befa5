// A block of an open document parsed alone (incremental.ts): its text, its
// place, its tree and what was derived from it, kept across versions while its
// text is unchanged; and the anchors of earlier blocks its aliases read, which
// decide whether it may be kept when another block changes.
import type { Pair, YAMLError } from 'yaml';
import type { BlockPlace } from './blockNodes';
import type { BlockRole } from './blocks';
import type { ModelPieces } from './fileModel';
import { keyText } from './locate';

export interface ParsedBlock {
  /** The block's text (a copy that does not hold the whole file). */
  readonly text: string;
  readonly role: BlockRole;
  readonly section?: string;
  /** Where the block starts in the text its ranges describe (its `place.offset`). */
  readonly offset: number;
  /** The place its nodes' offsets are relative to, where our reader built them (blockNodes.ts). */
  readonly place: BlockPlace;
  /** The range arrays of its nodes the library built (a block our reader refused) and of its warnings, moved one by one (so are the pieces' names and anchors, moveBlock). */
  readonly ranges: readonly number[][];
  /** The block's one pair: a section, a section's key (header), or an item. */
  readonly pair: Pair;
  readonly warnings: readonly YAMLError[];
  /** Its syntax errors: a key being typed (`halfTypedKey`), or others the block holds (`errorsNeedContext`). */
  readonly errors: readonly YAMLError[];
  /** An error other than a key being typed, or a new entry's name (typedEntry.ts): each version keeps the block only while it reads the same between its neighbours (blockContext.ts). */
  readonly errorsNeedContext?: boolean;
  /** Definitions, references and anchors in this block, as the file model lists them. */
  readonly pieces: ModelPieces;
  /** Diagnostics of the block-local rules, kept by diagnostics/incremental.ts. */
  local?: unknown;
  /** The anchors of other blocks this block's aliases name, and the blocks that defined them when it was first placed. */
  reads?: readonly AnchorRead[];
}

/** An alias of a block to an anchor defined by an earlier block. */
export interface AnchorRead {
  readonly name: string;
  /** Undefined: no block before it defines that anchor (the alias names none). */
  readonly from: ParsedBlock | undefined;
}

/**
 * Records which anchors of earlier blocks a newly parsed block's aliases read, and makes
 * its own anchors the ones later aliases find; or says why the text must be parsed whole.
 */
export function placeAnchors(block: ParsedBlock, owners: Map<string, ParsedBlock>): string | undefined {
  const uses = block.pieces.anchors;
  // `<<: *names` among a section's entries (or the top-level keys) would bring names into the section from another block.
  if (block.role !== 'header' && keyText(block.pair.key) === '<<') return 'a merge key (<<) among the top-level keys or a section\'s entries';
  if (!block.reads) {
    // Runs once per parsed block with anchors or aliases (few): a set only for those.
    const own = new Set<string>();
    const reads: AnchorRead[] = [];
    for (const use of uses) {
      if (use.isDefinition) own.add(use.name);
      else if (!own.has(use.name)) {
        if (!reads.some((r) => r.name === use.name)) reads.push({ name: use.name, from: owners.get(use.name) });
      }
    }
    block.reads = reads;
  }
  for (const use of uses) if (use.isDefinition) owners.set(use.name, block);
  return undefined;
}

/** Each anchor the block read still comes from the same block. */
export function readsHold(reads: readonly AnchorRead[], owners: ReadonlyMap<string, ParsedBlock>): boolean {
  for (const read of reads) if (owners.get(read.name) !== read.from) return false;
  return true;
}
