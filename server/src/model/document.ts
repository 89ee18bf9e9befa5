// Text -> YAML document, once per change. Keeps the `yaml` library's nodes and
// ranges (comments, anchors, merge keys) so every feature works from offsets.
import { parseDocument, YAMLParseError, type Document, type Tags, type YAMLError } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tooDeepToRead } from './nestingDepth';
import type { ParsedBlock } from './parsedBlock';

/** Compose's own tags: they change how files merge, and must not be reported as unknown. */
export const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * The same tags made known to the parser, on text, mappings and lists alike:
 * each keeps the node exactly as written (text stays text, as for any tag),
 * with its `tag` set, and the parser warns only about other tags.
 */
const asWritten = <T>(node: T): T => node;
const COMPOSE_TAG_DEFINITIONS: Tags = [...COMPOSE_TAGS].flatMap((tag): Tags => [
  { tag, resolve: asWritten },
  { tag, collection: 'map', resolve: asWritten },
  { tag, collection: 'seq', resolve: asWritten },
]);

/** Aliases expanded beyond this count are refused (a "billion laughs" document would otherwise freeze us). */
export const MAX_ALIAS_EXPANSION = 10_000;

export interface ComposeDocument {
  readonly uri: string;
  readonly version: number;
  /** Offsets <-> positions. */
  readonly text: TextDocument;
  readonly yaml: Document.Parsed;
  /** Syntax errors; the document still holds whatever the parser recovered. */
  readonly errors: readonly YAMLError[];
  /** Parser warnings (Compose's own tags are known to the parser: they raise none). */
  readonly warnings: readonly YAMLError[];
  /** The blocks the tree was spliced from (incremental.ts); absent when the text was parsed as a whole. */
  readonly blocks?: readonly ParsedBlock[];
  /**
   * Of `blocks`, those of a top-level key written a second time (`volumes:` twice): Compose refuses the file
   * (duplicate-key), and the file's names come from the first, as a lookup finds it (fileModel.ts), so
   * these define and use no names.
   */
  readonly shadowed?: ReadonlySet<ParsedBlock>;
  /** For a view of one block (diagnostics/blockRules.ts): the document it was cut from, where its aliases find their anchors. */
  readonly whole?: ComposeDocument;
}

/** How every Compose text is parsed, whole or block by block. */
export const PARSE_OPTIONS = {
  // Compose reads YAML 1.1-style merge keys (`<<: *base`), also several in one mapping.
  merge: true,
  prettyErrors: false,
  // The parser's own duplicate check compares every key with every earlier
  // one (quadratic: seconds on a 5,000-service file); the `duplicate-key`
  // rule finds them in one pass instead.
  uniqueKeys: false,
  strict: false,
  customTags: COMPOSE_TAG_DEFINITIONS,
};

/** Said of a text nested deeper than Dockhand reads (nestingDepth.ts); diagnostics/nesting.ts says it to the user. */
const TOO_DEEP_MESSAGE = 'This document nests deeper than Dockhand reads.';

export function parseCompose(uri: string, source: string | TextDocument, version = 0): ComposeDocument {
  const text = typeof source === 'string' ? TextDocument.create(uri, 'dockercompose', version, source) : source;
  // Too deep for the parser and the walks over its tree: not read (an empty document and one error).
  const yaml = tooDeepToRead(text.getText()) ? unread(text) : parseWithinStack(text);
  return { uri, version: text.version, text, yaml, errors: yaml.errors, warnings: yaml.warnings };
}

/** The parser recurses once per nesting level: should it still run out of stack, the same answer as a text too deep. */
function parseWithinStack(text: TextDocument): Document.Parsed {
  try {
    return parseDocument(text.getText(), PARSE_OPTIONS);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return unread(text);
  }
}

/** An empty document whose one error says the text was not read. */
function unread(text: TextDocument): Document.Parsed {
  const yaml = parseDocument('', PARSE_OPTIONS);
  yaml.errors.push(new YAMLParseError([0, Math.min(1, text.getText().length)], 'RESOURCE_EXHAUSTION', TOO_DEEP_MESSAGE));
  return yaml;
}

/** The document as plain data, with aliases expanded up to a bound; undefined when it cannot be. */
export function toPlainData(doc: ComposeDocument): unknown {
  try {
    return doc.yaml.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch {
    return undefined;
  }
}
