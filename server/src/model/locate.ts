// "What is at this offset?" — the one question every feature asks. Answers
// from the YAML nodes where the cursor is on one, and from indentation where
// it is on a blank or half-typed line (the parser cannot place those).
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ComposeDocument } from './document';
import { endOf, startOf, valueEndOf } from './blockNodes';
import { outsideBlock } from './blockTrees';
import { readable, type TextLike } from './chunkedDocument';

export type PathSegment = string | number;

export interface CursorContext {
  /**
   * Where the cursor is. On a key: the key's own path (`services.web.image`),
   * with '' as the last segment on a blank line where a new key goes. On a
   * value: the value's path (`services.db.ports.0`).
   */
  readonly path: readonly PathSegment[];
  /** The cursor is where a mapping key is (or would be typed). */
  readonly onKey: boolean;
  /** The scalar under the cursor, key or value. */
  readonly scalar?: Scalar;
  /** The value node at `path` (onKey: the value of that key, if any). */
  readonly node?: Node | null;
  /** The mapping that holds the key (onKey), or the pair's mapping (value). */
  readonly map?: YAMLMap;
  readonly pair?: Pair;
  /** The sequence when the cursor is on one of its items (or on a blank line inside it, with `onKey`: no key may go there). */
  readonly seq?: YAMLSeq;
  /** The text a completion replaces: [start, end) offsets. */
  readonly replace: readonly [number, number];
  /** What is typed between the start of `replace` and the cursor. */
  readonly prefix: string;
}

export function keyText(key: unknown): string {
  // Nearly every key is a scalar holding its text: answered before the type checks (asked ~10 times per key on a large file).
  const text = (key as { value?: unknown } | null | undefined)?.value;
  if (typeof text === 'string' && isScalar(key)) return text;
  if (isScalar(key)) return typeof key.value === 'symbol' ? '<<' : String(key.value ?? '');
  if (key === null || key === undefined) return '';
  // An alias or a collection as a key is never a Compose name. Stringifying it
  // would expand its aliases (exponential on an alias bomb) or throw on a bad
  // merge, so it gets a text no name can equal (names never hold '?').
  if (isAlias(key)) return `?*${key.source}`;
  if (isNode(key)) return '?';
  return String(key);
}

/** The path of the mapping or sequence that holds the cursor's slot. */
export function parentPath(ctx: CursorContext): PathSegment[] {
  return ctx.path.slice(0, -1);
}

/**
 * Bounds the indentation fallback on documents the parser could not place at
 * all: each line above may itself need the fallback, so without memo and
 * budget a broken file of a few dozen lines takes exponential time.
 */
interface FallbackBudget {
  readonly anchors: Map<number, CursorContext>;
  steps: number;
  /** How many lines above are being located, each for the line below it (byIndentation). */
  depth: number;
}

const FALLBACK_STEPS = 5_000;

/**
 * How deep the fallback may go, locating a line above for the line below it: a text the parser placed little of
 * (tabs, thousands of lines at one column) made one frame per line, and the stack ran out after ~2,000 (a fuzzed
 * document of 2,676 lines failed hover, completion and definition that way). Past it, the line counts as a
 * top-level key, as when nothing above says otherwise.
 */
const FALLBACK_DEPTH = 200;

export function locate(doc: ComposeDocument, offset: number): CursorContext {
  return locateWithin(doc, offset, { anchors: new Map(), steps: FALLBACK_STEPS, depth: 0 });
}

function locateWithin(doc: ComposeDocument, offset: number, budget: FallbackBudget): CursorContext {
  const contents = doc.yaml.contents;
  const source = readable(doc.text);
  if (contents && isCollection(contents)) {
    const found = descend(contents, [], offset, source);
    if (found) return found;
  } else if (contents && isScalar(contents) && contains(contents, offset)) {
    // A lone word at the top of a new file: a top-level key being typed.
    return keyContext([keyText(contents)], contents, undefined, undefined, source, offset);
  }
  return byIndentation(doc, offset, source, budget);
}

function contains(node: Node, offset: number): boolean {
  // Asked of every entry passed on the way (thousands in a large `services`): the offsets, not a made range.
  const start = startOf(node);
  return start !== undefined && offset >= start && offset <= valueEndOf(node)!;
}

/**
 * The cursor is after a scalar, on its line, past blanks only (`command: echo |`):
 * it is still in that value (the user is typing its next word), never where a
 * key starts.
 */
function continuesOnLine(node: Node, offset: number, source: TextLike): boolean {
  const end = isScalar(node) ? valueEndOf(node) : undefined;
  if (end === undefined || offset <= end) return false;
  // Read a character at a time: the value may end thousands of lines above (the file's `name:`), and the first non-blank says no.
  for (let at = end; at < offset; at++) {
    const c = source.charCodeAt(at);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function descend(node: Node, path: PathSegment[], offset: number, source: TextLike): CursorContext | undefined {
  if (isMap(node)) {
    const pairs = node.items;
    for (let index = 0; index < pairs.length; index++) {
      // A section's entry whose lines are elsewhere is passed without reading its tree (model/blockTrees.ts).
      if (outsideBlock(pairs[index], offset)) continue;
      const found = inPair(node, pairs[index]!, path, offset, source);
      if (found) return found;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index];
      if (isPair(item)) {
        // `- key: value` inside a flow sequence becomes a pair: treat it as a one-key mapping.
        continue;
      }
      if (!item || !isNodeLike(item) || !(contains(item as Node, offset) || continuesOnLine(item as Node, offset, source))) continue;
      const itemPath = [...path, index];
      if (isCollection(item)) {
        const inner = descend(item, itemPath, offset, source);
        if (inner) return inner;
        continue;
      }
      return valueContext(itemPath, item as Node, undefined, undefined, node, source, offset);
    }
  }
  return undefined;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/**
 * The cursor's context in `pair`, or undefined when the cursor is not in it.
 * The pair's path is made only once the cursor is found in it (no closure
 * either, and an index loop over the items): a lookup passes every entry
 * before the cursor's (thousands in a large file's `services`), and what it
 * made for each was garbage on every completion and hover.
 */
function inPair(map: YAMLMap, pair: Pair, path: PathSegment[], offset: number, source: TextLike): CursorContext | undefined {
  const key = pair.key as Node | null;
  if (key && isNodeLike(key) && contains(key, offset)) {
    return keyContext([...path, keyText(key)], isScalar(key) ? key : undefined, map, pair, source, offset);
  }
  const value = pair.value as Node | null;
  if (value && isNodeLike(value)) {
    if (isCollection(value)) {
      const start = startOf(value);
      if (start !== undefined && offset >= start && offset <= endOf(value)!) {
        const own = [...path, keyText(key)];
        const inner = descend(value, own, offset, source);
        if (inner) return inner;
        // Inside a flow collection between items (`[a, |]`): a new item or key.
        if (value.flow && offset > start && offset < valueEndOf(value)!) {
          return isSeq(value)
            ? valueContext([...own, value.items.length], null, map, pair, value, source, offset)
            : keyContext([...own, ''], undefined, value as YAMLMap, undefined, source, offset);
        }
      }
      return undefined;
    }
    if (contains(value, offset) || continuesOnLine(value, offset, source)) return valueContext([...path, keyText(key)], value, map, pair, undefined, source, offset);
  }
  // `key:` with nothing after it yet, and the cursor on that line after the colon.
  if ((!value || (isScalar(value) && value.value === null)) && key && isNodeLike(key) && key.range) {
    const keyEnd = key.range[1];
    const lineEnd = endOfLine(source, keyEnd);
    const colon = source.indexOf(':', keyEnd);
    if (colon >= 0 && colon < lineEnd && offset > colon && offset <= lineEnd) {
      return valueContext([...path, keyText(key)], value ?? null, map, pair, undefined, source, offset);
    }
  }
  return undefined;
}

function keyContext(
  path: PathSegment[],
  scalar: Scalar | undefined,
  map: YAMLMap | undefined,
  pair: Pair | undefined,
  source: TextLike,
  offset: number,
): CursorContext {
  const [start, end] = onCursorLine(source, offset, scalar?.range ? scalar.range[0] : offset, scalar?.range ? scalar.range[1] : offset);
  return {
    path,
    onKey: true,
    scalar,
    node: (pair?.value as Node | null | undefined) ?? null,
    map,
    pair,
    replace: [start, end],
    prefix: source.slice(start, Math.min(offset, end)),
  };
}

function valueContext(
  path: PathSegment[],
  node: Node | null,
  map: YAMLMap | undefined,
  pair: Pair | undefined,
  seq: YAMLSeq | undefined,
  source: TextLike,
  offset: number,
): CursorContext {
  const scalar = node && isScalar(node) ? node : undefined;
  let start = offset;
  let end = offset;
  if (node?.range && (scalar || isAlias(node)) && node.range[1] > node.range[0]) {
    [start, end] = onCursorLine(source, offset, node.range[0], node.range[1]);
  }
  return {
    path,
    onKey: false,
    scalar,
    node,
    map,
    pair,
    seq,
    replace: [start, end],
    prefix: source.slice(start, Math.max(start, Math.min(offset, end))),
  };
}

/**
 * A completion replaces text on the cursor's line only: a word typed above a
 * key (`heal` over `ports:`) is read by the parser as one two-line key, and
 * editors drop items whose range spans lines.
 */
function onCursorLine(source: TextLike, offset: number, start: number, end: number): [number, number] {
  return [Math.max(start, startOfLine(source, offset)), Math.min(end, endOfLine(source, offset))];
}

function endOfLine(source: TextLike, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl < 0 ? source.length : nl;
}

function startOfLine(source: TextLike, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The cursor is on no node: a blank line, or text the parser could not place.
 * The nearest line above that is indented less (or equally, for a sibling key)
 * says which mapping the cursor belongs to.
 */
function byIndentation(doc: ComposeDocument, offset: number, source: TextLike, budget: FallbackBudget): CursorContext {
  const lineStart = startOfLine(source, offset);
  const before = source.slice(lineStart, offset);
  const typed = /[^\s-]*$/.exec(before)?.[0] ?? '';
  const dash = /^(\s*)-\s+/.exec(before);
  const column = dash ? dash[0].length : before.length - before.trimStart().length;
  const replaceStart = offset - typed.length;

  for (let lineEnd = lineStart - 1; lineEnd >= 0 && budget.steps-- > 0 && budget.depth < FALLBACK_DEPTH; ) {
    const start = startOfLine(source, lineEnd);
    const line = source.slice(start, lineEnd);
    lineEnd = start - 1;
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    // For `- key: value`, the item's mapping starts after the dash.
    const itemDash = /^-\s+/.exec(content);
    const keyColumn = itemDash ? indent + itemDash[0].length : indent;
    if (keyColumn > column) continue;
    let anchor = budget.anchors.get(start + keyColumn);
    if (!anchor) {
      budget.depth++;
      anchor = locateWithin(doc, start + keyColumn, budget);
      budget.depth--;
      budget.anchors.set(start + keyColumn, anchor);
    }
    if (!anchor.onKey) {
      if (indent < column) continue;
      break;
    }
    const owner = keyColumn === column ? anchor.path.slice(0, -1) : [...anchor.path];
    if (!dash && keyColumn < column && anchor.node && isSeq(anchor.node)) {
      // Under a key whose value is a list (`- cache`), without a dash: no key can go here.
      return { ...slot([...owner, typed], true, replaceStart, offset, typed), seq: anchor.node };
    }
    if (dash && keyColumn < column) {
      // `- ` typed under a key: a new item of that key's list.
      const node = anchor.node;
      const count = node && isSeq(node) ? node.items.length : 0;
      return slot([...owner, count], false, replaceStart, offset, typed);
    }
    const map = keyColumn === column ? anchor.map : anchor.node && isMap(anchor.node) ? anchor.node : undefined;
    return { ...slot([...owner, typed], true, replaceStart, offset, typed), map };
  }
  return { ...slot([typed], true, replaceStart, offset, typed), map: isMap(doc.yaml.contents) ? doc.yaml.contents : undefined };
}

function slot(path: PathSegment[], onKey: boolean, start: number, offset: number, typed: string): CursorContext {
  return { path, onKey, node: null, replace: [start, offset], prefix: typed };
}
