// Small helpers over `yaml` nodes that every model module needs.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { castBoolean } from './composeScalars';
import { keyText } from './locate';
import { startOf, valueEndOf } from './blockNodes';
import type { TextLike } from './chunkedDocument';

export type Range = readonly [start: number, end: number];

/** The string a scalar holds (numbers and booleans as written), or undefined for non-scalars and null. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/**
 * The offsets of `part` inside a scalar's source, where `at` is its index in
 * the scalar's value. Plain and simply quoted scalars map one to one; for
 * others (escapes, folded text) the whole scalar is the best we can say.
 */
export function rangeInScalar(scalar: Scalar, source: Pick<TextLike, 'charAt' | 'slice'>, at: number, length: number): Range {
  const [start, end] = scalar.range ?? [0, 0];
  const first = source.charAt(start);
  const quoted = first === '"' || first === "'";
  const inner = quoted ? start + 1 : start;
  const value = typeof scalar.value === 'string' ? scalar.value : scalarText(scalar) ?? '';
  const raw = source.slice(inner, quoted ? end - 1 : end);
  if (raw === value) return [inner + at, inner + at + length];
  return [start, end];
}

/** The pairs of a mapping, with their keys as text. */
export function* entries(node: unknown): Generator<[string, Pair<unknown, unknown>]> {
  if (!isMap(node)) return;
  for (const pair of node.items) yield [keyText(pair.key), pair];
}

export function getPair(map: unknown, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) if (keyText(pair.key) === key) return pair;
  return undefined;
}

export function getValue(map: unknown, key: string): Node | null | undefined {
  return getPair(map, key)?.value as Node | null | undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function nodeRange(node: unknown): Range | undefined {
  if (!node) return undefined;
  const start = startOf(node as Node);
  return start === undefined ? undefined : [start, valueEndOf(node as Node)!];
}

/**
 * Whether the value of a network's, volume's, config's or secret's `external` says it exists outside the
 * project: `true` (or text Compose casts to true: `"true"`, `yes`), or the old `{name: ...}` form.
 */
export function isExternalValue(external: unknown): boolean {
  return isMap(external) || castBoolean(scalarText(external) ?? '') === true;
}
