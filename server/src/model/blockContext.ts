// A block holding a syntax error, read again between its neighbours. Typing
// passes through broken YAML all the time (a line indented a step too far, a
// colon typed inside a value, a list item begun where a key goes), and a whole
// parse of a large file on such a keystroke costs seconds, during which
// completion and hover wait. Such a block is spliced like any other only when
// its error stays inside it, and that is checked, not assumed: the block is
// parsed again with what surrounds it in the text (its section's key line
// and the item before it, the next block after it), and must read exactly as
// it read alone (every node, range, error and warning), and its neighbours
// exactly as they read alone. The same check admits a new entry's name or
// top-level key being typed (`  web`, `volumes`, no colon yet), which cannot
// be read alone at all: it is read after a stand-in key, or with the entry or
// section key line after it (typedEntry.ts), and then checked here (a
// top-level word after the top-level key before it: `topKeyReadsAsAlone`). The parser reads a block-style document line by line,
// and a line indented no deeper than the block's own key closes every mapping,
// sequence, plain text and block scalar the block opened; what can run past
// it is a flow collection or quoted text left open, and the window shows
// that as a next block swallowed, or read with errors of its own. A next
// block that reads as it does alone leaves the parser where it would have
// been without the error, so the blocks after it read as they do alone too.
// A neighbour may be broken as well (a service edited next to one left
// broken): it is compared with its reading alone like a sound one, errors
// included, and checked between its own neighbours in turn, so from the first
// broken block down each window starts where the parser really is.
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, parseDocument, YAMLMap, type Node, type Pair, type ParseOptions, type DocumentOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { endOf, startOf, valueEndOf } from './blockNodes';
import { keyBefore } from './blocks';
import { halfTypedKey } from './typedEntry';

/** What of a parsed block the check reads (incremental.ts's ParsedBlock). */
export interface ContextBlock {
  readonly text: string;
  readonly role: 'section' | 'header' | 'item';
  readonly offset: number;
  readonly pair: Pair;
  readonly warnings: readonly YAMLError[];
  readonly errors: readonly YAMLError[];
}

/**
 * Why `blocks[index]` (which holds a syntax error other than a key being typed, or a new entry's name
 * read with its neighbours in mind) cannot be spliced as it read alone; undefined when it reads the
 * same between its neighbours, and so do they.
 */
export function readsAsAlone(blocks: readonly ContextBlock[], index: number, options: ParseOptions & DocumentOptions & SchemaOptions): string | undefined {
  const block = blocks[index]!;
  const next = blocks[index + 1];
  if (block.role !== 'item' && block.errors.length > 0 && block.errors.every(halfTypedKey)) return topKeyReadsAsAlone(blocks, index, options);
  if (block.role === 'header') return 'a syntax error in a section\'s key line';
  let header: ContextBlock | undefined;
  // An item is read after the item before it too: a word typed where an entry goes reads as a key only
  // inside a mapping that has begun (first under its section's key it reads as the section's value).
  let prev: ContextBlock | undefined;
  if (block.role === 'item') {
    let h = index - 1;
    while (h >= 0 && blocks[h]!.role === 'item') h--;
    header = blocks[h];
    if (!header || header.role !== 'header') return 'an item without its section';
    if (h < index - 1) prev = blocks[index - 1];
  }
  const before = (header?.text ?? '') + (prev?.text ?? '');
  const window = before + block.text + (next?.text ?? '');
  let yaml;
  try {
    yaml = parseDocument(window, options);
  } catch {
    return 'a block with a syntax error the parser cannot read between its neighbours';
  }
  const root = yaml.contents;
  if (!isMap(root) || root.flow) return 'a syntax error that changes the document\'s root';
  // Where each block's pair is in the window: an item under its section's key, the next block an item of
  // the same section or a top-level key of its own.
  const top = root.items;
  let own: Pair | undefined;
  let following: Pair | undefined;
  if (header) {
    const items = top[0]?.value;
    if (!isMap(items) || items.flow) return 'a syntax error that changes its section';
    const at = prev ? 1 : 0;
    if (prev && !samePair(prev.pair, prev.offset, items.items[0]!, header.text.length)) return 'a syntax error that changes how the block before reads';
    own = items.items[at];
    following = next?.role === 'item' ? items.items[at + 1] : top[1];
    const expected = next?.role === 'item' ? [1, at + 2] : [next ? 2 : 1, at + 1];
    if (top.length !== expected[0] || items.items.length !== expected[1]) return 'a syntax error that runs past its block';
  } else {
    own = top[0];
    following = top[1];
    if (top.length !== (next ? 2 : 1)) return 'a syntax error that runs past its block';
  }
  const nextStart = before.length + block.text.length;
  if (!own || !samePair(block.pair, block.offset, own, before.length)) return 'a block with a syntax error that reads otherwise between its neighbours';
  if (next && (!following || !samePair(next.pair, next.offset, following, nextStart))) return 'a syntax error that changes how the next block reads';
  const expected = (list: (b: ContextBlock) => readonly YAMLError[]) => [
    ...(header ? problems(list(header), header.offset, 0) : []),
    ...(prev ? problems(list(prev), prev.offset, header!.text.length) : []),
    ...problems(list(block), block.offset, before.length),
    ...(next ? problems(list(next), next.offset, nextStart) : []),
  ];
  if (!sameList(problems(yaml.errors, 0, 0), expected((b) => b.errors))) return 'a syntax error reported otherwise between its neighbours';
  if (!sameList(problems(yaml.warnings, 0, 0), expected((b) => b.warnings))) return 'a block whose warnings differ between its neighbours';
  return undefined;
}

/**
 * `readsAsAlone` for a new top-level key being typed (typedEntry.ts): a word alone at column 0 read
 * after a stand-in key, or joined with the next section's key line (`x-new networks`, a header whose
 * items follow, or a whole section). A word reads as a key only in a root mapping that has begun, so
 * the window starts with the top-level key before it (`keyBefore`: a section, or a section's key line
 * and its last item); it ends with the next block (for a joined header, its first item).
 */
function topKeyReadsAsAlone(blocks: readonly ContextBlock[], index: number, options: ParseOptions & DocumentOptions & SchemaOptions): string | undefined {
  const block = blocks[index]!;
  const next = blocks[index + 1];
  const before = keyBefore(blocks, index);
  if (!before) return 'an item without its section';
  if (before.some((b) => b.errors.length > 0) || (next && next.errors.length > 0)) return 'syntax errors in two blocks in a row';
  if (block.role === 'header' && next?.role !== 'item') return 'a section\'s key line without its items';
  const beforeText = before.map((b) => b.text).join('');
  const nextStart = beforeText.length + block.text.length;
  let yaml;
  try {
    yaml = parseDocument(beforeText + block.text + (next?.text ?? ''), options);
  } catch {
    return 'a key being typed that the parser cannot read between its neighbours';
  }
  const root = yaml.contents;
  if (!isMap(root) || root.flow) return 'a key being typed that changes the document\'s root';
  const top = root.items;
  const at = before.length > 0 ? 1 : 0;
  // The key before: a section as it read alone, or a section's key with its last item.
  const [first, item] = before;
  if (first?.role === 'header') {
    const items = top[0]?.value;
    if (!sameNode(first.pair.key, first.offset, top[0]?.key, 0) || !isMap(items) || items.flow || items.items.length !== 1) return 'a key being typed that changes the section before it';
    if (!samePair(item!.pair, item!.offset, items.items[0]!, first.text.length)) return 'a key being typed that changes how the block before reads';
  } else if (first && !samePair(first.pair, first.offset, top[0]!, 0)) return 'a key being typed that changes how the block before reads';
  const own = top[at];
  if (!own) return 'a key being typed that reads otherwise between its neighbours';
  let following: Pair | undefined;
  if (block.role === 'header') {
    // A section's key line joined with the word: its items follow under the joined key.
    const items = own.value;
    if (top.length !== at + 1 || !sameNode(block.pair.key, block.offset, own.key, beforeText.length) || !isMap(items) || items.flow || items.items.length !== 1) return 'a key being typed that reads otherwise between its neighbours';
    following = items.items[0];
  } else {
    if (top.length !== at + (next ? 2 : 1) || !samePair(block.pair, block.offset, own, beforeText.length)) return 'a key being typed that reads otherwise between its neighbours';
    following = top[at + 1];
  }
  if (next && (!following || !samePair(next.pair, next.offset, following, nextStart))) return 'a key being typed that changes how the next block reads';
  const expected = (list: (b: ContextBlock) => readonly YAMLError[]) => [
    ...before.flatMap((b, k) => problems(list(b), b.offset, k === 0 ? 0 : before[0]!.text.length)),
    ...problems(list(block), block.offset, beforeText.length),
    ...(next ? problems(list(next), next.offset, nextStart) : []),
  ];
  if (!sameList(problems(yaml.errors, 0, 0), expected((b) => b.errors))) return 'a key being typed reported otherwise between its neighbours';
  if (!sameList(problems(yaml.warnings, 0, 0), expected((b) => b.warnings))) return 'a key being typed whose warnings differ between its neighbours';
  return undefined;
}

/** Each problem as one comparable line, its place counted from `base` and put at `at`. */
function problems(list: readonly YAMLError[], base: number, at: number): string[] {
  return list.map((p) => `${p.code} ${p.pos[0] - base + at} ${p.pos[1] - base + at} ${p.message}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((line, i) => line === sortedB[i]);
}

function samePair(a: Pair, aBase: number, b: Pair, bBase: number): boolean {
  return isPair(a) && isPair(b) && sameNode(a.key, aBase, b.key, bBase) && sameNode(a.value, aBase, b.value, bBase);
}

/** The same node as the parser builds it (kind, value, tag, anchor, flow style, and range counted from each side's base), all the way down. */
function sameNode(a: unknown, aBase: number, b: unknown, bBase: number): boolean {
  if (isPair(a) || isPair(b)) return isPair(a) && isPair(b) && samePair(a, aBase, b, bBase);
  if (!isNode(a) || !isNode(b)) return a === b || (a == null && b == null);
  if (isScalar(a) !== isScalar(b) || isMap(a) !== isMap(b) || isSeq(a) !== isSeq(b) || isAlias(a) !== isAlias(b)) return false;
  if (!sameOffset(startOf(a), aBase, startOf(b), bBase) || !sameOffset(valueEndOf(a), aBase, valueEndOf(b), bBase) || !sameOffset(endOf(a), aBase, endOf(b), bBase)) return false;
  if (a.tag !== b.tag || (a as Node & { anchor?: string }).anchor !== (b as Node & { anchor?: string }).anchor) return false;
  if (isScalar(a) && isScalar(b)) return a.type === b.type && a.source === b.source && (Object.is(a.value, b.value) || JSON.stringify(a.value) === JSON.stringify(b.value));
  if (isAlias(a) && isAlias(b)) return a.source === b.source;
  if (isCollection(a) && isCollection(b)) {
    if (Boolean((a as YAMLMap).flow) !== Boolean((b as YAMLMap).flow) || a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) if (!sameNode(a.items[i], aBase, b.items[i], bBase)) return false;
    return true;
  }
  return false;
}

function sameOffset(a: number | undefined, aBase: number, b: number | undefined, bBase: number): boolean {
  return a === undefined || b === undefined ? a === b : a - aBase === b - bBase;
}
