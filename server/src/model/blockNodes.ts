// The nodes the block reader (blockReader.ts) builds: the `yaml` library's
// classes (every `isScalar`, `isMap`, `instanceof`, `visit`, `toJS` and
// `clone` sees them as the library's own), built leaner. Kept trees are most
// of an open document's memory (~50 MB of ~78 at 5,000 services), and most of
// that was per node: each node's `range`, an array of three numbers of its
// own (72 bytes, ~265k of them), and the type mark the library's constructor
// puts on every node as a property of its own.
//
// Here a node keeps its three offsets as small integers in its own fields,
// relative to its block, and the block's place in the text once, in a
// `BlockPlace` all of its nodes share: moving a block after an edit changes
// that one number. `node.range` is a getter on the shared prototype that
// makes the absolute triple when read (a new array per read: readers may keep
// it, the library's `clone` copies it); code that reads one end in a loop
// over many nodes asks `startOf`/`valueEndOf`/`endOf`, which make nothing.
// Setting `range` gives the node an array of its own, as on the library's
// nodes. The type mark, the collections' schema (one per document, on the
// place) and the alias's tag guard live on the prototypes.
//
// A range read once is a snapshot: it does not move with its block. What is
// kept across versions keeps the node and reads its range when it needs it
// (portBindings.ts).
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node, type Schema } from 'yaml';

/** Where a block starts in the text of the document version that holds it, and the schema it was read with. */
export class BlockPlace {
  constructor(
    public offset: number,
    readonly schema: Schema,
  ) {}
}

const NODE_TYPE = Symbol.for('yaml.node.type');
// Symbols, not names: `Object.keys` (and so the tree comparisons of the tests) sees a node's own fields as the library's.
const PLACE = Symbol('block place');
const START = Symbol('start');
const VALUE_END = Symbol('value end');
const END = Symbol('end');

interface Placed {
  [PLACE]: BlockPlace;
  [START]: number;
  [VALUE_END]: number;
  [END]: number;
}

function placedRange(this: Placed): [number, number, number] {
  const offset = this[PLACE].offset;
  return [offset + this[START], offset + this[VALUE_END], offset + this[END]];
}

/** A range set on a node replaces the block's offsets for good, as an array of the node's own (the library's `clone` does this). */
function ownRange(this: Partial<Placed>, range: unknown): void {
  Object.defineProperty(this, 'range', { value: range, writable: true, enumerable: true, configurable: true });
  this[START] = this[VALUE_END] = this[END] = undefined; // startOf and its kin read the array from now on
}

function placeSchema(this: Placed): Schema {
  return this[PLACE].schema;
}

function ownSchema(this: object, schema: unknown): void {
  Object.defineProperty(this, 'schema', { value: schema, writable: true, enumerable: false, configurable: true });
}

/** Makes `made`'s instances pass for `base`'s: its prototype chain, its constructor, its type mark, and the range getter. */
function passFor(made: { prototype: object }, base: { prototype: object }, type: symbol, extra: PropertyDescriptorMap = {}): void {
  Object.setPrototypeOf(made.prototype, base.prototype);
  Object.defineProperties(made.prototype, {
    constructor: { value: base, writable: true, configurable: true },
    [NODE_TYPE]: { value: type },
    range: { get: placedRange, set: ownRange, configurable: true },
    ...extra,
  });
}

class PlacedScalar {
  declare value: unknown;
  declare source: string;
  declare type: Scalar.Type;
  declare [PLACE]: BlockPlace;
  declare [START]: number;
  declare [VALUE_END]: number;
  declare [END]: number;
  constructor(value: unknown, source: string, type: Scalar.Type, place: BlockPlace, start: number, valueEnd: number, end: number) {
    this.value = value;
    this.source = source;
    this.type = type;
    this[PLACE] = place;
    this[START] = start;
    this[VALUE_END] = valueEnd;
    this[END] = end;
  }
}

/** A class for placed collections, made once for mappings and once for sequences (each gets its own prototype). */
function placedCollection() {
  return class PlacedCollection {
    declare items: unknown[];
    declare [PLACE]: BlockPlace;
    declare [START]: number;
    declare [VALUE_END]: number;
    declare [END]: number;
    constructor(items: unknown[], place: BlockPlace, start: number, valueEnd: number, end: number) {
      this.items = items;
      this[PLACE] = place;
      this[START] = start;
      this[VALUE_END] = valueEnd;
      this[END] = end;
    }
  };
}

const PlacedMap = placedCollection();
const PlacedSeq = placedCollection();

class PlacedAlias {
  declare source: string;
  declare [PLACE]: BlockPlace;
  declare [START]: number;
  declare [VALUE_END]: number;
  declare [END]: number;
  constructor(source: string, place: BlockPlace, start: number, valueEnd: number, end: number) {
    this.source = source;
    this[PLACE] = place;
    this[START] = start;
    this[VALUE_END] = valueEnd;
    this[END] = end;
  }
}

class PlacedPair {
  declare key: unknown;
  declare value: unknown;
  constructor(key: unknown, value: unknown) {
    this.key = key;
    this.value = value;
  }
}

function noTag(): undefined {
  return undefined;
}

function refuseTag(): never {
  throw new Error('Alias nodes cannot have tags');
}

const collection = { schema: { get: placeSchema, set: ownSchema, configurable: true } };
passFor(PlacedScalar, Scalar, Symbol.for('yaml.scalar'));
passFor(PlacedMap, YAMLMap, Symbol.for('yaml.map'), collection);
passFor(PlacedSeq, YAMLSeq, Symbol.for('yaml.seq'), collection);
passFor(PlacedAlias, Alias, Symbol.for('yaml.alias'), {
  // The library's aliases refuse a tag.
  tag: { get: noTag, set: refuseTag, configurable: true },
});
passForPair(PlacedPair);

/** Makes `made`'s instances pass for the library's pairs (blockTrees.ts makes one more kind). */
export function passForPair(made: { prototype: object }, extra: PropertyDescriptorMap = {}): void {
  Object.setPrototypeOf(made.prototype, Pair.prototype);
  Object.defineProperties(made.prototype, {
    constructor: { value: Pair, writable: true, configurable: true },
    [NODE_TYPE]: { value: Symbol.for('yaml.pair') },
    ...extra,
  });
}

/** Offsets are relative to the block's start (`place`); the node's range is [start, valueEnd, end] once placed. */
export function placedScalar(value: unknown, source: string, type: Scalar.Type, place: BlockPlace, start: number, valueEnd: number, end: number): Scalar {
  return new PlacedScalar(value, source, type, place, start, valueEnd, end) as unknown as Scalar;
}

export function placedMap(items: Pair[], place: BlockPlace, start: number, valueEnd: number, end: number): YAMLMap {
  return new PlacedMap(items, place, start, valueEnd, end) as unknown as YAMLMap;
}

export function placedSeq(items: unknown[], place: BlockPlace, start: number, valueEnd: number, end: number): YAMLSeq {
  return new PlacedSeq(items, place, start, valueEnd, end) as unknown as YAMLSeq;
}

export function placedAlias(source: string, place: BlockPlace, start: number, valueEnd: number, end: number): Alias {
  return new PlacedAlias(source, place, start, valueEnd, end) as unknown as Alias;
}

export function placedPair(key: unknown, value: unknown): Pair {
  return new PlacedPair(key, value) as unknown as Pair;
}

// One end of a node's range without making the triple: for code that reads
// ranges in loops over many nodes. Any node, the library's or ours.

export function startOf(node: Node): number | undefined {
  const start = (node as unknown as Placed)[START];
  return start === undefined ? node.range?.[0] : (node as unknown as Placed)[PLACE].offset + start;
}

export function valueEndOf(node: Node): number | undefined {
  const valueEnd = (node as unknown as Placed)[VALUE_END];
  return valueEnd === undefined ? node.range?.[1] : (node as unknown as Placed)[PLACE].offset + valueEnd;
}

export function endOf(node: Node): number | undefined {
  const end = (node as unknown as Placed)[END];
  return end === undefined ? node.range?.[2] : (node as unknown as Placed)[PLACE].offset + end;
}

/**
 * A copy of `node` and everything under it, every node standing where `at` is written (an alias, a key) and
 * moving with `at`'s block: a value a `<<` merge brings, copied into each service that merges it
 * (diagnostics/rules/projectServices.ts), is shown at the alias. Where `at` is one of our nodes the copies share
 * its place and offsets; else its range array, which moveBlock shifts in place. Built as our nodes are, field by
 * field: a file whose thousands of services merge one anchor copies it for each. `made` sees every node copied.
 */
export function copyStandingAt(node: unknown, at: Node, made: (copy: object) => void): unknown {
  const placed = at as unknown as Partial<Placed>;
  const place = placed[START] !== undefined ? placed[PLACE] : undefined;
  const start = place ? placed[START]! : 0;
  const end = place ? placed[VALUE_END]! : 0;
  const shared = place ? undefined : at.range;
  const copy = (original: unknown): unknown => {
    if (isPair(original)) {
      const pair = place ? new PlacedPair(copy(original.key), copy(original.value)) : new Pair(copy(original.key), copy(original.value));
      made(pair);
      return pair;
    }
    let result: Node;
    if (isScalar(original)) {
      result = place ? placedScalar(original.value, original.source ?? '', original.type!, place, start, end, end) : Object.assign(new Scalar(original.value), { source: original.source, type: original.type });
      if (original.tag !== undefined) result.tag = original.tag;
      if (original.format !== undefined) (result as Scalar).format = original.format;
    } else if (isMap(original) || isSeq(original)) {
      const items = original.items.map(copy);
      const map = isMap(original);
      result = place ? (map ? placedMap(items as Pair[], place, start, end, end) : placedSeq(items, place, start, end, end)) : Object.assign(map ? new YAMLMap() : new YAMLSeq(), { items });
      if (original.flow) (result as YAMLMap).flow = true;
      if (original.tag !== undefined) result.tag = original.tag;
    } else if (isAlias(original)) {
      result = place ? placedAlias(original.source, place, start, end, end) : new Alias(original.source);
    } else {
      return original;
    }
    if (shared) result.range = shared as [number, number, number];
    made(result);
    return result;
  };
  return copy(node);
}

const MERGED = Symbol('merged value');
const AT = Symbol('standing at');
const MADE = Symbol('told of copies');
const COPIED = Symbol('copied value');
const NOT_YET = Symbol('not copied yet');

/**
 * A key a `<<` merge brings, as a pair of the service that merges it (copyStandingAt): its value is copied when
 * first read. The rules read a few keys of a service (its ports, container name, networks...), and a file whose
 * thousands of services merge an anchor of logging options would copy every option for each.
 */
class MergedPair {
  declare key: unknown;
  declare [MERGED]: unknown;
  declare [AT]: Node;
  declare [MADE]: (copy: object) => void;
  declare [COPIED]: unknown;
  constructor(key: unknown, value: unknown, at: Node, made: (copy: object) => void) {
    this.key = key;
    this[MERGED] = value;
    this[AT] = at;
    this[MADE] = made;
    this[COPIED] = NOT_YET;
  }
}

function mergedValueOf(this: MergedPair): unknown {
  if (this[COPIED] === NOT_YET) this[COPIED] = copyStandingAt(this[MERGED], this[AT], this[MADE]);
  return this[COPIED];
}

function setMergedValue(this: MergedPair, value: unknown): void {
  this[COPIED] = value;
}

passForPair(MergedPair, { value: { get: mergedValueOf, set: setMergedValue, enumerable: true, configurable: true } });

/** The pair `key: value` a merge brings, standing at `at` (copyStandingAt), its value copied when first read. */
export function mergedPair(key: string, value: unknown, at: Node, made: (copy: object) => void): Pair {
  const keyNode = copyStandingAt(Object.assign(new Scalar(key), { source: key, type: Scalar.PLAIN }), at, made);
  return new MergedPair(keyNode, value, at, made) as unknown as Pair;
}

