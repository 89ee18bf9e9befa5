// One block of an open document read alone (incremental.ts keeps and reuses
// them across versions): by our own reader where the block is plain block
// style, else by `yaml`; its tree readied to be kept (item lists at their
// length, every range listed once so the block can be moved by one number),
// and the names it defines and uses as the file model lists them.
import { isAlias, isCollection, isNode, isPair, parseDocument, YAMLMap, type Document, type Pair, type YAMLError } from 'yaml';
import type { BlockSpan } from './blocks';
import { readBlock } from './blockReader';
import { tooDeepToRead } from './nestingDepth';
import { BlockPlace } from './blockNodes';
import { lazyPair } from './blockTrees';
import { PARSE_OPTIONS } from './document';
import { anchorUseOf, NO_ALIASED_ENTRIES, sectionPieces, type AnchorUse, type ModelPieces } from './fileModel';
import type { ParsedBlock } from './parsedBlock';
import { halfTypedKey, readTypedEntry } from './typedEntry';

/** One block parsed alone, its ranges made relative to its placement; or why it cannot stand alone. */
/** `lazy`: a section's entry keeps its tree only while something reads it (blockTrees.ts). */
export function parseBlock(uri: string, text: string, span: BlockSpan, checkInContext = false, lazy = false): ParsedBlock | string {
  // An item is one level below its section's mapping. The whole parse then says the document is too deep.
  if (tooDeepToRead(text, span.role === 'item' ? 1 : 0)) return 'a block nested deeper than Dockhand reads';
  // Most blocks are plain block style, which our own reader builds the same nodes for, several times faster,
  // with its lists already cut to length and every range listed once (aliases as whole values, no anchors: it leaves those to yaml).
  const read = readBlock(text, BLOCK_PARSE_OPTIONS.schema);
  if (read) {
    const aliases = read.aliases.length === 0 ? NO_ANCHORS : read.aliases.map((alias) => anchorUseOf(alias, text)!);
    // A section's entry keeps its tree only while something reads it (blockTrees.ts).
    const pair = lazy && span.role === 'item' ? lazyPair(read.pair, text, read.place) : read.pair;
    const pieces = blockPieces(uri, text, span, pair, aliases);
    return placedBlock({ text, role: span.role, section: span.section, place: read.place, ranges: NO_RANGES, pair, warnings: NO_ERRORS, errors: NO_ERRORS, pieces, ...(checkInContext ? { errorsNeedContext: true } : {}) });
  }
  let parsed = parseBlockWithYaml(text);
  if (typeof parsed === 'string' && span.role !== 'header') parsed = readTypedEntry(text, BLOCK_PARSE_OPTIONS) ?? parsed;
  if (typeof parsed === 'string') return parsed;
  const { pair, warnings, errors, errorsNeedContext } = parsed;
  const { ranges, anchors } = adoptTree(pair, text);
  const pieces = blockPieces(uri, text, span, pair, anchors);
  for (const w of warnings) ranges.add(w.pos);
  for (const e of errors) ranges.add(e.pos);
  const place = new BlockPlace(0, BLOCK_PARSE_OPTIONS.schema);
  return placedBlock({ text, role: span.role, section: span.section, place, ranges: exactArray(ranges), pair, warnings, errors, pieces, ...(errorsNeedContext || checkInContext ? { errorsNeedContext: true } : {}) });
}

/**
 * `block` (an item) as an entry of `span`'s section: the same nodes, and the names it defines and uses
 * read again for that section (moved to 0 first: they are read against the block's own text).
 */
export function resectioned(uri: string, block: ParsedBlock, span: BlockSpan): ParsedBlock {
  moveBlock(block, 0);
  const pieces = blockPieces(uri, block.text, span, block.pair, block.pieces.anchors as AnchorUse[]);
  return placedBlock({ text: block.text, role: 'item', section: span.section, place: block.place, ranges: block.ranges, pair: block.pair, warnings: block.warnings, errors: block.errors, pieces, ...(block.errorsNeedContext ? { errorsNeedContext: true } : {}) });
}

/** The block with its `offset` read from its place (the one number moveBlock changes). */
function placedBlock(block: Omit<ParsedBlock, 'offset'>): ParsedBlock {
  return Object.defineProperty(block, 'offset', { get: offsetOfPlace, enumerable: true }) as ParsedBlock;
}

function offsetOfPlace(this: ParsedBlock): number {
  return this.place.offset;
}

const NO_RANGES: readonly number[][] = [];

const NO_ANCHORS: AnchorUse[] = [];

/**
 * A block parsed by the `yaml` library: its one pair, the parser's warnings and errors, and whether an
 * error is other than a key being typed (then the block is spliced only if it reads the same between its
 * neighbours: blockContext.ts); or why it cannot stand alone.
 */
function parseBlockWithYaml(text: string): { pair: Pair; warnings: readonly YAMLError[]; errors: readonly YAMLError[]; errorsNeedContext: boolean } | string {
  let yaml: Document.Parsed;
  try {
    yaml = parseDocument(text, BLOCK_PARSE_OPTIONS);
  } catch {
    return 'a block the parser cannot read alone';
  }
  // Nesting deep enough to exhaust the stack: where the parser gave up depends on how deep the stack already was.
  if (yaml.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return 'a block nested too deep for the parser';
  const root = yaml.contents;
  const refused = yaml.errors.find((e) => !halfTypedKey(e));
  if (!(root instanceof YAMLMap) || root.items.length !== 1 || root.flow) return refused ? `a syntax error (${refused.code})` : 'a block that is not one key';
  const pair = root.items[0]!;
  if (!isNode(pair.key)) return 'a block whose key is not a plain node';
  return { pair, warnings: yaml.warnings, errors: yaml.errors.length === 0 ? NO_ERRORS : yaml.errors, errorsNeedContext: refused !== undefined };
}

const NO_ERRORS: readonly YAMLError[] = [];

export function moveBlock(block: ParsedBlock, offset: number): void {
  const delta = offset - block.offset;
  for (const range of block.ranges) for (let i = 0; i < range.length; i++) range[i]! += delta;
  // The names' and anchors' ranges are their own arrays (made by the file model, none a node's), moved here rather than listed twice.
  for (const list of [block.pieces.definitions, block.pieces.references, block.pieces.templateReferences, block.pieces.aliasedEntries, block.pieces.anchors]) {
    for (const { range } of list) for (let i = 0; i < range.length; i++) (range as unknown as number[])[i]! += delta;
  }
  block.place.offset = offset;
}

function blockPieces(uri: string, text: string, span: BlockSpan, pair: Pair, anchors: AnchorUse[]): ModelPieces {
  const names = span.role === 'item' ? sectionPieces(uri, text, [pair], span.section) : span.role === 'section' ? sectionPieces(uri, text, [pair]) : undefined;
  if (!names) return { definitions: [], references: [], templateReferences: [], aliasedEntries: NO_ALIASED_ENTRIES, anchors };
  return { definitions: exactList(names.definitions), references: exactList(names.references), templateReferences: names.templateReferences, aliasedEntries: names.aliasedEntries, anchors };
}

/**
 * Blocks are parsed with one schema built once from the same options: a parse
 * would otherwise build its own (its tag lists) for each of thousands of
 * blocks, and the block's mappings would keep it alive.
 */
export const BLOCK_PARSE_OPTIONS = { ...PARSE_OPTIONS, schema: parseDocument('', PARSE_OPTIONS).schema };

/**
 * Readies a block's tree to be kept, in one walk: returns the range array of
 * every node under the pair (each once, for moveBlock; a node may be reached
 * as a key and hold a range shared with nothing else) and its anchors and
 * aliases in document order (as collectAnchors lists them). Kept trees are
 * most of an open document's memory, so each collection's item list is
 * copied to its exact length (the parser grows lists by pushing, and a pushed
 * list reserves room for 17 items where a Compose mapping has a few).
 */
function adoptTree(pair: Pair, text: string): { ranges: Set<number[]>; anchors: AnchorUse[] } {
  const ranges = new Set<number[]>();
  const anchors: AnchorUse[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (!isNode(node)) return;
    if (node.range) ranges.add(node.range);
    if (isAlias(node) || node.anchor) {
      const use = anchorUseOf(node, text);
      if (use) anchors.push(use);
    }
    if (isCollection(node)) {
      const items = exactList(node.items);
      (node as { items: unknown[] }).items = items;
      for (const item of items) walk(item);
    }
  };
  walk(pair);
  return { ranges, anchors };
}

/** A copy of `list` that holds no spare room (a list built by pushing keeps some). */
function exactList<T>(list: readonly T[]): T[] {
  return list.slice();
}

/** The set's members in a list of exactly their number (a list built by pushing keeps spare room). */
function exactArray<T>(set: ReadonlySet<T>): T[] {
  const list = new Array<T>(set.size);
  let i = 0;
  for (const member of set) list[i++] = member;
  return list;
}
