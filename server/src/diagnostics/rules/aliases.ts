// `unknown-anchor`: an alias (`*name`) with no anchor of that name before it.
// YAML reads an alias as the closest anchor above it, so an anchor defined
// further down does not count; Compose refuses the file ("unknown anchor
// referenced"). `alias-cycle`: an alias used inside the very node its anchor names (the
// value would contain itself; Compose reports a cycle). `excessive-aliasing`:
// aliases nested so deep that expanding them would explode ("billion laughs");
// Compose refuses such files.
//
// A document spliced from blocks (model/incremental.ts) is judged from what
// each block keeps: its aliases and its expanded size are found once per
// block, not by walking the whole tree on every edit. Both stay true while the
// block lives, since the parser replaces a block when an anchor it reads
// changes.
import { isAlias, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import type { ParsedBlock } from '../../model/parsedBlock';
import { readable } from '../../model/chunkedDocument';
import { nodeRange, type Range } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { anchorNamesBefore, anchorNodeBefore, resolve } from '../specWalk';
import { closest } from '../suggest';
import { replaceFix, type ReplaceData } from '../fix';
import type { Rule } from './rule';

/**
 * More nodes than this once aliases are expanded is an attack, not a
 * configuration (Go's yaml.v3, which Compose uses, draws its line near here).
 */
export const MAX_EXPANDED_NODES = 4_000_000;

export const aliases: Rule = {
  codes: ['alias-cycle', 'excessive-aliasing', 'unknown-anchor'],
  fix: replaceFix,
  run(req) {
    const steps = judge(req.doc);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  },
  steps: (req) => judge(req.doc),
};

/** Blocks whose size is found between two pauses: after an edit of an anchor every block that merges it is new. */
const BLOCKS_PER_STEP = 250;

function* judge(doc: ComposeDocument): Generator<void, Diagnostic[]> {
  const out: Diagnostic[] = [];
  const found = yield* aliasesOf(doc);
  if (found.length === 0) return out;
  const unknown: Diagnostic[] = [];
  const targets: unknown[] = [];
  for (const alias of found) {
    const target = anchorNodeBefore(doc, alias.name, alias.range[0]);
    // `*` alone is a syntax error of its own (yamlSyntax).
    if (target === undefined) {
      if (alias.name !== '') unknown.push(unknownAnchor(doc, alias.name, alias.range));
      continue;
    }
    targets.push(target);
    const a = alias.range;
    const t = nodeRange(target);
    if (t && a[0] >= t[0] && a[1] <= t[1]) {
      out.push(diagnostic(doc, a, DiagnosticSeverity.Error, 'alias-cycle',
        `Cycle: alias *${alias.name} is used inside the node its anchor names, so the value would contain itself. Compose refuses this.`));
    }
  }
  // A cycle makes the size meaningless (infinite); an unknown anchor adds nothing to it.
  if (out.length > 0) return [...out, ...unknown];
  if (!underLimitBound(doc, targets) && (yield* expandedSize(doc)) > MAX_EXPANDED_NODES) {
    out.push(diagnostic(doc, found[0]!.range, DiagnosticSeverity.Error, 'excessive-aliasing',
      `excessive aliasing: expanding the aliases of this file would create more than ${MAX_EXPANDED_NODES.toLocaleString('en')} values. Compose refuses such a file ("excessive aliasing") or, for some shapes of it, never finishes loading it.`));
  }
  return [...out, ...unknown];
}

/**
 * Whether the document surely stays under MAX_EXPANDED_NODES, without walking its blocks: the nodes written
 * are at most two per character (a node takes at least a character, or shares its pair's `:` or its item's `-`
 * with one other), and each alias adds at most its target's expanded size. Files that share a few small
 * anchors among many services (the common use) are far under it; a bomb's targets alone are over it.
 */
function underLimitBound(doc: ComposeDocument, targets: readonly unknown[]): boolean {
  let bound = 1 + 2 * readable(doc.text).length;
  const sizes = new Map<unknown, number>();
  for (const target of targets) {
    if (bound > MAX_EXPANDED_NODES) return false;
    bound += sizeOf(doc, target, 0, sizes);
  }
  return bound <= MAX_EXPANDED_NODES;
}

/** `*name` with no `&name` above it; "did you mean" an anchor that is. */
function unknownAnchor(doc: ComposeDocument, name: string, range: Range): Diagnostic {
  const near = closest(name, anchorNamesBefore(doc, range[0]));
  const defined = anchorNamesBefore(doc, Infinity).includes(name);
  const where = defined ? `the anchor &${name} is defined below it, and an alias can only name an anchor above it` : `no anchor &${name} is defined above it`;
  const data: ReplaceData | undefined = near ? { replace: { from: `*${name}`, to: `*${near}` } } : undefined;
  return diagnostic(doc, [range[0], range[1]], DiagnosticSeverity.Error, 'unknown-anchor',
    `Unknown anchor: ${where}${near ? ` (did you mean *${near}?)` : ''}. Compose refuses the file.`, { data });
}

/** An alias as written: its name and the range of `*name`. */
interface AliasAt {
  readonly name: string;
  readonly range: Range;
}

/** A block's share of the document's expanded size, found once per block. */
const blockSizes = new WeakMap<ParsedBlock, number>();
const NO_ALIASES: AliasAt[] = [];

/**
 * The document's aliases, in document order. A document spliced from blocks lists them with each block's
 * names (model/blockParse.ts), so no tree is walked (the blocks of a large file hold their trees only while
 * something reads them).
 */
function* aliasesOf(doc: ComposeDocument): Generator<void, readonly AliasAt[]> {
  if (!doc.blocks) return aliasesUnder(doc.yaml.contents);
  let all: AliasAt[] | undefined;
  for (const block of doc.blocks) {
    for (const use of block.pieces.anchors) {
      // The name's range, after the `*`.
      if (!use.isDefinition) (all ??= []).push({ name: use.name, range: [use.range[0] - 1, use.range[1]] });
    }
  }
  yield;
  return all ?? NO_ALIASES;
}

/** The aliases under `root` (a whole document's contents), in document order. */
function aliasesUnder(root: unknown): AliasAt[] {
  let found: AliasAt[] | undefined;
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const range = nodeRange(node);
      if (range) (found ??= []).push({ name: node.source, range: [range[0], range[1]] });
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(root);
  return found ?? NO_ALIASES;
}

/**
 * How many nodes the document holds once its aliases are expanded. By block:
 * the root mapping, each section's key and (for a section cut into items) its
 * mapping, and each block's key and value, at the depths the whole walk meets
 * them.
 */
function* expandedSize(doc: ComposeDocument): Generator<void, number> {
  const sizes = new Map<unknown, number>();
  if (!doc.blocks) return sizeOf(doc, doc.yaml.contents, 0, sizes);
  let total = 1;
  let made = 0;
  for (const block of doc.blocks) {
    if (block.role === 'header') {
      // The section's key, and the mapping that holds its items.
      total += sizeOf(doc, block.pair.key, 1, sizes) + 1;
      continue;
    }
    let size = blockSizes.get(block);
    if (size === undefined) {
      if (++made % BLOCKS_PER_STEP === 0) yield;
      const depth = block.role === 'item' ? 2 : 1;
      size = sizeOf(doc, block.pair.key, depth, sizes) + sizeOf(doc, block.pair.value, depth, sizes);
      blockSizes.set(block, size);
    }
    total += size;
  }
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}

/**
 * Nodes under `node` with aliases expanded. Memoised at the nodes aliases resolve to (the anchored ones),
 * so each anchor is counted once however often it is expanded: enough to keep a bomb's count cheap, without
 * a map entry for every node of the file.
 */
function sizeOf(doc: ComposeDocument, node: unknown, depth: number, sizes: Map<unknown, number>): number {
  if (depth > 200) return Infinity;
  const anchored = isNode(node) && node.anchor !== undefined;
  if (anchored) {
    const cached = sizes.get(node);
    if (cached !== undefined) return cached;
  }
  let total = 1;
  if (isAlias(node)) total = sizeOf(doc, resolve(doc, node), depth + 1, sizes);
  else if (isMap(node)) for (const p of node.items) total += sizeOf(doc, p.key, depth + 1, sizes) + sizeOf(doc, p.value, depth + 1, sizes);
  else if (isSeq(node)) for (const item of node.items) total += isPair(item) ? 1 : sizeOf(doc, item, depth + 1, sizes);
  else if (!isScalar(node)) total = 0;
  total = Math.min(total, Number.MAX_SAFE_INTEGER);
  if (anchored) sizes.set(node, total);
  return total;
}
