/**
 * Small constructors for the shapes that recur all over the Compose format, so
 * each area file reads as a list of keys with their words, not as boilerplate.
 *
 * Compose interpolates `${VAR}` before it converts values, so the format
 * accepts a string almost everywhere a number or a boolean is expected: the
 * constructors below follow the schema and include 'string' in those kinds.
 */
import type { KeySpec, TextFormat, ValueKind } from './types';

type Extra = Partial<Omit<KeySpec, 'doc' | 'example'>>;

/** Any key: its kinds, our words, an example, and whatever else it needs. */
export function key(kinds: readonly ValueKind[], doc: string, example: string, extra: Extra = {}): KeySpec {
  return { doc, kinds, example, ...extra };
}

/** A plain string. */
export function text(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['string'], doc, example, extra);
}

/** A yes/no switch; a string too, so `${DEBUG}` can set it. */
export function flag(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['boolean', 'string'], doc, example, { castsString: true, ...extra });
}

/** A whole number, or a string holding one. */
export function whole(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['integer', 'string'], doc, example, { castsString: true, ...extra });
}

/** Any number, or a string holding one. */
export function numeric(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['number', 'string'], doc, example, { castsString: true, ...extra });
}

/**
 * A number and no text: where Compose decodes the value as a number and refuses a string, even one a variable
 * gives, though the schema allows one (a tmpfs's or a build secret's `mode`, checked against Compose 2.26.1).
 */
export function numberOnly(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['number'], doc, example, { textRefused: true, ...extra });
}

/**
 * A number, or a string holding a whole number: Compose cuts a written `1.5` to 1, but reads a string with
 * Go's integer parser, which refuses `"1.5"` (checked against Compose 2.26.1's `config`).
 */
export function cutToWhole(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['number', 'string'], doc, example, { castsString: 'whole number', ...extra });
}

/** A time span written the Go way: `10s`, `1m30s`, `2h`. */
export function duration(doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['string'], doc, example, { format: 'duration', ...extra });
}

/** An amount of memory or disk: bytes as a number, or a string such as `512m` or `2g`. */
export function byteSize(doc: string, example: string, kinds: readonly ValueKind[] = ['number', 'string'], extra: Extra = {}): KeySpec {
  return key(kinds, doc, example, { format: 'bytes', ...extra });
}

/** One of a fixed set of words. */
export function oneOf(values: readonly string[], doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['string'], doc, example, { values, ...extra });
}

/** A word with common suggestions; other words are accepted too (plugins, platform-specific modes). */
export function suggest(values: readonly string[], doc: string, example: string, extra: Extra = {}): KeySpec {
  return key(['string'], doc, example, { values, openValues: true, ...extra });
}

/**
 * A mapping of known keys. Most Compose mappings accept `x-*` extension keys;
 * pass `extensions: false` for the few that do not.
 */
export function mapping(doc: string, example: string, properties: Record<string, KeySpec>, extra: Extra = {}): KeySpec {
  return key(['mapping'], doc, example, { properties, extensions: true, ...extra });
}

/** The spec of one item of a list of strings: hovering an item explains the list it belongs to. */
function stringItem(listDoc: string, example: string, extra: Extra = {}): KeySpec {
  return text(listDoc, example, extra);
}

/** A list of distinct strings. */
export function stringList(doc: string, example: string, item: Extra = {}, extra: Extra = {}): KeySpec {
  return key(['list'], doc, example, { items: stringItem(doc, example, item), uniqueItems: true, ...extra });
}

/** A list of strings where Compose does not insist on distinct entries. */
export function looseStringList(doc: string, example: string, item: Extra = {}, extra: Extra = {}): KeySpec {
  return key(['list'], doc, example, { items: stringItem(doc, example, item), ...extra });
}

/** One string, or a list of distinct strings: both mean the same. */
export function stringOrList(doc: string, example: string, item: Extra = {}, extra: Extra = {}): KeySpec {
  return key(['string', 'list'], doc, example, { items: stringItem(doc, example, item), uniqueItems: true, ...extra });
}

/**
 * The environment/labels shape: a mapping `KEY: value`, or a list of
 * `KEY=value` strings. `entry` says what one entry is and `emptyMeans` what
 * a key without a value does (for hover).
 */
export const FROM_ENVIRONMENT = 'the value is taken from the environment Compose runs in (your shell or `.env`), and left out if unset';

export function listOrDict(
  doc: string,
  example: string,
  entry = 'one entry',
  emptyMeans = 'an empty value',
  itemFormat: TextFormat | null = 'env-entry',
  valueKinds: readonly ValueKind[] = ['string', 'number', 'boolean', 'null'],
): KeySpec {
  return key(['mapping', 'list'], doc, example, {
    additional: key(
      valueKinds,
      `The value of ${entry}. Left empty, it means ${emptyMeans}.`,
      example,
      { freeText: true, keptAsText: true },
    ),
    items: text(`${capitalise(entry)}, written \`KEY=value\` (or \`KEY\` alone).`, example, itemFormat ? { format: itemFormat } : {}),
    // Compose refuses an empty key (its schema wants one character at least).
    keyPattern: '.',
    uniqueItems: true,
  });
}

/**
 * Labels: the environment shape, where a list entry's key may hold anything but `=` (Compose and the engine
 * take `a label=x` and `=x` alike, which an environment variable's checks would refuse).
 */
export function labelList(doc: string, example: string): KeySpec {
  return listOrDict(doc, example, 'one label', 'an empty value', null);
}

/**
 * A mapping of driver options: free-form keys with string or number values. `known`: options a driver the engine
 * ships reads, each with what it does, which completion offers and hover explains; their values take the same kinds.
 */
export function driverOptions(doc: string, example: string, valueKinds: readonly ValueKind[] = ['string', 'number'], known?: Readonly<Record<string, string>>): KeySpec {
  const properties = known && Object.fromEntries(Object.entries(known).map(([name, what]) => [name, key(valueKinds, what, example, { keptAsText: true })]));
  return key(['mapping'], doc, example, {
    additional: key(valueKinds, 'The value of one option; the driver decides what it means.', example, { keptAsText: true }),
    ...(properties ? { properties } : {}),
  });
}

/** A command: a string run through a shell, or a list run as-is (exec form); null keeps the image's. */
export function command(doc: string, example: string): KeySpec {
  return key(['null', 'string', 'list'], doc, example, {
    freeText: true,
    items: text('One word of the command: the program first, then its arguments, each as its own item.', example, { freeText: true }),
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `external`: the object already exists and Compose must not create or remove
 * it. The old `external: {name: ...}` form is deprecated in favour of `name`.
 */
export function external(what: 'network' | 'volume' | 'config' | 'secret', example: string): KeySpec {
  return key(
    ['boolean', 'string', 'mapping'],
    `Says the ${what} already exists outside this project: Compose uses it as is, never creates or deletes it, and fails if it is missing. Its real name is taken from \`name\` (or the key itself).`,
    example,
    {
      // A string is there for `${VAR}`: Compose casts it to a boolean, and refuses the file when it cannot.
      castsString: true,
      extensions: true,
      properties: {
        name: text(`The ${what}'s real name, the old way.`, example, {
          deprecated: `Write the name in the ${what}'s own \`name\` key and set \`external: true\`.`,
        }),
      },
    },
  );
}
