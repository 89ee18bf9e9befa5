// A key being typed: every new key is, until its colon, a word the parser
// cannot place. Inside a block (`    hostn` in a service) the block is still
// one key and is parsed alone (incremental.ts, `halfTypedKey`). A new entry's
// own name (`  web` under `services:`), or a new top-level key (`volumes` at
// column 0), is a block of its own that alone is not a key at all: it is read
// after a stand-in key (`readTypedEntry`), or, where the parser reads it as
// the first line of the next key (a word of two or more characters followed
// by an entry: `new` and `db:` read as the one key `new db`; `x-new` and
// `networks:` as `x-new networks`, which then holds the networks), together
// with that entry or section key (`entryJoinsNext`). Either reading is then
// checked between its real neighbours (blockContext.ts).
import { isNode, parseDocument, YAMLMap, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { keyBefore, type BlockSpan } from './blocks';
import type { TextLike } from './chunkedDocument';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * A word on a line of its own where a mapping's key goes, its colon not typed yet. Last in its mapping,
 * the parser keeps it as a key with no value; followed by the mapping's next key, it reads the two lines
 * as one key that spans them (`MULTILINE_IMPLICIT_KEY`). Either way the damage ends where the mapping
 * does, inside the block (a plain text continues only on lines indented deeper than its mapping).
 */
export function halfTypedKey(error: YAMLError): boolean {
  return (error.code === 'MISSING_CHAR' && error.message.startsWith('Implicit map keys need to be followed by map values')) || error.code === 'MULTILINE_IMPLICIT_KEY';
}

/**
 * A word alone on its line, its colon not typed yet: on an item's line a new service (network,
 * volume...) being named, at column 0 a new top-level key.
 */
const TYPED_ENTRY = /^( *)[A-Za-z0-9_][\w.-]*\r?\n?$/;

/**
 * An entry's name being typed (`  web`): alone the line is a plain text, not a key. Read after a stand-in
 * key at its indentation, it is the key with no value that a mapping which has begun reads it as, with
 * the parser's error at the word (positions in `text`); undefined when `text` is no such line.
 */
export function readTypedEntry(text: string, options: Options): { pair: YAMLMap['items'][number]; warnings: readonly YAMLError[]; errors: readonly YAMLError[]; errorsNeedContext: boolean } | undefined {
  const indent = TYPED_ENTRY.exec(text)?.[1];
  if (indent === undefined) return undefined;
  const standIn = `${indent}_:\n`;
  const yaml = parseDocument(standIn + text, options);
  const root = yaml.contents;
  if (!(root instanceof YAMLMap) || root.items.length !== 2 || !yaml.errors.every(halfTypedKey) || yaml.warnings.length > 0) return undefined;
  const pair = root.items[1]!;
  if (!isNode(pair.key) || pair.value !== null) return undefined;
  pair.key.range = pair.key.range!.map((at) => at - standIn.length) as [number, number, number];
  for (const error of yaml.errors) error.pos = error.pos.map((at) => at - standIn.length) as [number, number];
  return { pair, warnings: [], errors: yaml.errors, errorsNeedContext: true };
}

/**
 * A section's key line whose only item is a word being typed (`configs:` then `  app`, no colon yet: a new
 * section's first entry being named). The text reads the word as the section's value, a plain text, so
 * the key line and the word are one section block, read as the whole parse reads them (no error).
 */
export function wordIsSectionValue(source: TextLike, spans: readonly BlockSpan[], i: number): boolean {
  const header = spans[i]!;
  const word = spans[i + 1];
  if (header.role !== 'header' || word?.role !== 'item' || spans[i + 2]?.role === 'item') return false;
  return TYPED_ENTRY.test(source.slice(word.start, word.end));
}

/**
 * Whether the entry name or top-level key being typed at `spans[i]` is read, in the text, as the first
 * line of the next one's key: for an item, its section's key line, the item before it, the word and
 * the next item parsed together hold one entry fewer than they have blocks; for a top-level word, the
 * top-level key before it (`keyBefore`), the word and the next section's key line hold one top-level
 * key fewer.
 */
export function entryJoinsNext(source: TextLike, spans: readonly BlockSpan[], i: number, options: Options): boolean {
  const word = spans[i]!;
  const next = spans[i + 1];
  if (!next || !TYPED_ENTRY.test(source.slice(word.start, word.end))) return false;
  if (word.role === 'section') {
    const before = next.role === 'item' ? undefined : keyBefore(spans, i);
    if (!before) return false;
    const context = before.map((span) => source.slice(span.start, span.end)).join('');
    const yaml = parseDocument(context + source.slice(word.start, next.end), options);
    const keys = (yaml.contents as YAMLMap | null)?.items;
    return yaml.contents instanceof YAMLMap && keys!.length === (before.length > 0 ? 2 : 1);
  }
  if (word.role !== 'item' || next.role !== 'item') return false;
  let h = i - 1;
  while (h >= 0 && spans[h]!.role === 'item') h--;
  if (h < 0 || spans[h]!.role !== 'header') return false;
  const from = h < i - 1 ? spans[i - 1]!.start : word.start;
  const yaml = parseDocument(source.slice(spans[h]!.start, spans[h]!.end) + source.slice(from, next.end), options);
  const items = (yaml.contents as YAMLMap | null)?.items?.[0]?.value;
  return items instanceof YAMLMap && items.items.length === (h < i - 1 ? 2 : 1);
}
