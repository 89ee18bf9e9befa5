// Scalars made as the `yaml` library makes them, for the block reader
// (blockReader.ts): a plain scalar is resolved by the schema's own tags (null,
// bool, int, float, merge, then text), a quoted or block scalar is text. The
// node gets the same fields as the library gives it, its range kept as
// blockNodes.ts keeps it.
import { Scalar, type Schema } from 'yaml';
import { placedScalar, type BlockPlace } from './blockNodes';

/** What a scalar tag of the schema offers (the library's own tag objects). */
interface ScalarTag {
  readonly tag: string;
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  readonly collection?: string;
  resolve(source: string, onError: (message: string) => void, options: object): unknown;
}

export interface SchemaTags {
  readonly stringTag: ScalarTag;
  /** The tags a plain scalar is tested against, in the schema's order. */
  readonly scalarTags: readonly ScalarTag[];
}

/** Resolving options as the documents are parsed (integers as numbers, as the default). */
const RESOLVE_OPTIONS = { intAsBigInt: false };

const schemaTags = new WeakMap<Schema, SchemaTags>();

/** The schema's scalar tags, found once per schema (all blocks share one); undefined when it has no text tag. */
export function tagsOf(schema: Schema): SchemaTags | undefined {
  let found = schemaTags.get(schema);
  if (found) return found;
  const tags = schema.tags as unknown as ScalarTag[];
  const stringTag = tags.find((t) => t.tag === 'tag:yaml.org,2002:str');
  if (!stringTag) return undefined;
  const scalarTags = tags.filter((t) => !t.collection && t.test !== undefined && (t.default === true || t.default === 'key'));
  found = { stringTag, scalarTags };
  schemaTags.set(schema, found);
  return found;
}

/**
 * Plain values whose first character is none of these are text: every
 * pattern of the core schema's other tags (null, bool, int, float, merge)
 * starts with one of them. The differential tests would fail if that changed.
 */
const MAY_RESOLVE = /^[~nNtTfF0-9+\-.<]/;

/** A scalar that is text whatever it reads (quoted, or a block scalar), at offsets relative to `place`. `onError` is called where the library would report one. */
export function textScalar(tags: SchemaTags, value: string, type: Scalar.Type, place: BlockPlace, start: number, valueEnd: number, end: number, onError: () => never): Scalar {
  return placedScalar(tags.stringTag.resolve(value, onError, RESOLVE_OPTIONS), value, type, place, start, valueEnd, end);
}

/** A plain scalar resolved by the schema's tags, as the library resolves one (keys also by the merge tag). */
export function plainScalar(tags: SchemaTags, source: string, place: BlockPlace, start: number, valueEnd: number, end: number, atKey: boolean, onError: () => never): Scalar {
  let tag = tags.stringTag;
  if (source === '' || MAY_RESOLVE.test(source)) {
    for (const t of tags.scalarTags) {
      if ((t.default === true || atKey) && t.test!.test(source)) {
        tag = t;
        break;
      }
    }
  }
  const resolved = tag.resolve(source, onError, RESOLVE_OPTIONS);
  if (resolved instanceof Scalar) {
    // The merge key: the library's tag makes the node, with fields of its own (how `toJS` merges); they come along.
    const scalar = placedScalar(resolved.value, source, 'PLAIN', place, start, valueEnd, end);
    for (const key of Object.keys(resolved)) if (key !== 'value') (scalar as unknown as Record<string, unknown>)[key] = (resolved as unknown as Record<string, unknown>)[key];
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }
  const scalar = placedScalar(resolved, source, 'PLAIN', place, start, valueEnd, end);
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

/**
 * Whether a plain scalar may start with `c` (then `next`): not with an
 * indicator (`[]{},#&*!|>'"%@` and the backquote), and `-`, `?`, `:` only
 * when a non-space follows.
 */
export function isPlainStart(c: number, next: number): boolean {
  switch (c) {
    case 91: case 93: case 123: case 125: case 44: case 35: case 38: case 42: case 33: case 124: case 62: case 39: case 34: case 37: case 64: case 96:
      return false;
    case 45: case 63: case 58:
      return !(next === 32 || next === 10 || next === 13 || Number.isNaN(next));
    default:
      return !Number.isNaN(c) && c !== 32 && c !== 10 && c !== 13;
  }
}
