// Block trees kept only while something reads them. The nodes of an open
// document's blocks were most of its memory (~50 MB of a ~80 MB live heap at
// 5,000 services), yet after the first diagnostics an edit reads one block's
// tree, a request a few: what was derived from the others (names, findings,
// facts, symbols) is kept beside the block, not in its nodes.
//
// So the pair of a section's entry that our reader built (blockReader.ts)
// keeps its key and reads its value again from the block's text when asked
// (~15 µs a block): `pair.value` is a getter, and every reader of the tree
// (features, rules, the library's own `visit`/`toJS`) sees the same nodes as
// before. `releaseBlockTrees` drops the values read since the last release:
// it is called once a document's diagnostics are settled
// (diagnostics/serviceChecks.ts), never inside a request or a rule, so one
// request or one step of a run sees one tree per block throughout.
//
// A value read again is equal to the one dropped, node by node, but not the
// same objects: what is kept across a release is keyed by the block, its pair
// or its definitions (all stable while the block's text is unchanged;
// definitionMemo.ts), not by its nodes, or is made again when missed (the
// rules' body caches). A node read before a release stays right: it keeps the
// block's place, which moves with the block. What reads by offset passes the
// entries elsewhere without reading them (`outsideBlock`).
//
// The unit test holds an edit and what the editor asks after it (completion,
// hover, outline, folding, links, inlay hints, lenses) to a few blocks read
// again: a lookup of every body on every run would read every block again.
//
// Only in a document of LAZY_FROM_BLOCKS blocks or more, where the trees
// weigh, and only entries our reader accepted (no anchors, no syntax errors:
// its subset), are trees read lazily; a block the `yaml` library parsed keeps
// its tree (its ranges are arrays moved one by one, incremental.ts), and so
// does a whole top-level section (a handful per file).
import type { Pair } from 'yaml';
import { passForPair, type BlockPlace } from './blockNodes';
import { readBlock } from './blockReader';

/**
 * Documents of fewer blocks keep every tree: 1,000 services (~1,220 blocks, 0.7 MB) gain ~16 MB of idle
 * memory from dropping them, and pay for reading them again where a request reads them all (Format
 * Document 10-15% slower, the first outline after the diagnostics ~50 ms more); 5,000 services (~5,220
 * blocks) gain ~60 MB.
 */
const LAZY_FROM_BLOCKS = 2_000;

let lazyFrom = LAZY_FROM_BLOCKS;

/** From how many blocks a document's new entries keep their trees only while read. */
export function lazyFromBlocks(): number {
  return lazyFrom;
}

/** @internal For the tests, which read small documents lazily too (undefined: as the server does). */
export function setLazyFromBlocks(blocks: number | undefined): void {
  lazyFrom = blocks ?? LAZY_FROM_BLOCKS;
}

const VALUE = Symbol('value');
const TEXT = Symbol('block text');
const PLACE = Symbol('block place');
const KEPT = Symbol('kept');

class LazyPair {
  declare key: unknown;
  declare [VALUE]: unknown;
  declare [TEXT]: string;
  declare [PLACE]: BlockPlace;
  /** A value set from outside (never by the server itself) is the pair's for good. */
  declare [KEPT]: boolean;
  constructor(key: unknown, value: unknown, text: string, place: BlockPlace) {
    this.key = key;
    this[VALUE] = value;
    this[TEXT] = text;
    this[PLACE] = place;
    this[KEPT] = false;
  }
}

/** The pairs whose value is held, to drop at the next release. */
let held: LazyPair[] = [];

/** How many values were read again since the process started (what the tests hold the edit path and the requests to). */
let readsAgain = 0;

export function blockTreesReadAgain(): number {
  return readsAgain;
}

function valueOf(this: LazyPair): unknown {
  let value = this[VALUE];
  if (value === undefined) {
    // The text read before, at the same place: the reader accepts it again and builds equal nodes.
    const read = readBlock(this[TEXT], this[PLACE].schema, this[PLACE]);
    if (!read) throw new Error('a block read once could not be read again');
    value = this[VALUE] = read.pair.value ?? null;
    held.push(this);
    readsAgain++;
  }
  return value;
}

function setValue(this: LazyPair, value: unknown): void {
  this[VALUE] = value;
  this[KEPT] = true;
}

passForPair(LazyPair, {
  value: { get: valueOf, set: setValue, enumerable: true, configurable: true },
});

/**
 * `pair` (the one pair our reader read from `text`, placed at `place`) as a pair whose value is dropped at
 * the next release and read again when asked.
 */
export function lazyPair(pair: Pair, text: string, place: BlockPlace): Pair {
  const lazy = new LazyPair(pair.key, pair.value ?? null, text, place);
  held.push(lazy);
  return lazy as unknown as Pair;
}

/**
 * Whether the offsets `from` to `to` lie outside the lines of the block `pair` was read from (only for a
 * pair read lazily; any other pair: false). A lookup by offset or by range passes such a pair without
 * reading its value.
 */
export function outsideBlock(pair: unknown, from: number, to = from): boolean {
  if (!(pair instanceof LazyPair)) return false;
  const start = pair[PLACE].offset;
  return to < start || from > start + pair[TEXT].length;
}

/**
 * Drops the values read since the last release (they are read again when asked). After the first
 * diagnostics of a large file that is most of what the open built; the server then asks V8 for a full
 * collection (idleCollection.ts), after which an idle server with 5,000 services open holds ~125 MB
 * instead of ~190 (bench/notes.md).
 */
export function releaseBlockTrees(): void {
  const dropped = held;
  held = [];
  for (const pair of dropped) if (!pair[KEPT]) pair[VALUE] = undefined;
}
