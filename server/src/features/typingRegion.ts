// Where a half-typed line may change findings on other lines: the typing hold
// (../typingHold.ts) keeps new findings there back until the user pauses, as it
// does on the typed line itself.
//
// Retyping every line of the corpus key by key showed where such findings go
// (each one there at some keystroke and gone at the line's end):
// - the other lines of the collection being typed in: `file: ext` typed under
//   `extends:` makes its `service:` line an extends-file-not-found at every
//   key of the path; a `-` typed before a long-form item's keys makes that
//   item lack its required key;
// - the keys that hold that collection, out to the top level (their lines
//   only, not their other entries): a service's second key typed before its
//   `image:` (`container_name: web`, or `<<: *defaults`), or `service: api`
//   typed under its `extends:`, leaves the service without an image or a
//   build until the user gets there, and that finding is on the service's
//   name;
// - the aliases that copy an anchored node being typed in: `restart: u`
//   typed in `x-common: &common` is reported where each service merges
//   `*common`, and `&comm` typed as the anchor's name makes each `*common`
//   an unknown anchor;
// - a quote typed before its closing one (an editor that does not close
//   quotes): the value runs on, and its error is reported where the file
//   ends; the collection being typed in runs on with it. A bracket typed
//   open ends sooner, and its error lands in the next entry: the hold keeps
//   back a new syntax error wherever it is.
import { isMap, isNode, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { endOf, startOf } from '../model/blockNodes';
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import { keyText, locate } from '../model/locate';

export interface TypingRegion {
  /** The lines of the collection that holds the typed line, first to last. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** The lines of the keys that hold that collection, from the top level down (`services:`, `web:`, `ports:`). */
  readonly keyLines: ReadonlySet<number>;
  /** Lines of the aliases that copy an anchored node holding the typed line, or that name the anchor typed on it. */
  readonly aliasLines: ReadonlySet<number>;
  /**
   * The typed line is written under the line above, in its block (indented deeper, or a `- ` item under a
   * `key:`): the user is writing what that line asks for (`services:` is "empty" until a service is typed
   * under it). Typed beside it (a sibling key), the line above is not what the user is fixing.
   */
  readonly underLineAbove: boolean;
}

/** An anchor's name as it is typed at the end of a line: `x-common: &comm`. */
const TYPED_ANCHOR = /&([^\s,[\]{}]*)\s*$/;

export function typingRegion(doc: ComposeDocument, model: FileModel, line: number): TypingRegion | undefined {
  if (line < 0 || line >= doc.text.lineCount) return undefined;
  const lineStart = doc.text.offsetAt({ line, character: 0 });
  const lineText = lineOf(doc, line);
  // The collection is the one the cursor types in: after a line's last character, and on a line of
  // indentation only (Enter just pressed) after the indentation, which says where the next key goes
  // (at column 0 it would be the root, and the region the whole file).
  const typed = lineText.trimEnd();
  const ctx = locate(doc, lineStart + (typed === '' ? lineText.length : typed.length));
  const collection: YAMLMap | YAMLSeq | undefined = ctx.seq ?? ctx.map;
  const start = collection ? startOf(collection) : undefined;
  const end = collection ? endOf(collection) : undefined;
  const firstLine = start === undefined ? line : Math.min(line, doc.text.positionAt(start).line);
  const { anchored, keyStarts } = alongPath(doc, ctx.path, collection);
  const keyLines = new Set<number>();
  for (const at of keyStarts) keyLines.add(doc.text.positionAt(at).line);
  // A block collection ends after its last line's newline, at the start of the next entry's line: not its own.
  const endAt = end === undefined ? undefined : doc.text.positionAt(end);
  const lastLine = endAt === undefined ? line : Math.max(line, endAt.character === 0 ? endAt.line - 1 : endAt.line);

  const anchorTyped = TYPED_ANCHOR.exec(lineText)?.[1];
  const aliasLines = new Set<number>();
  if (anchored.size > 0 || anchorTyped) {
    for (const use of model.anchors) {
      if (use.isDefinition) continue;
      if (anchored.has(use.name) || (anchorTyped && use.name.startsWith(anchorTyped))) aliasLines.add(doc.text.positionAt(use.range[0]).line);
    }
  }
  return { firstLine, lastLine, keyLines, aliasLines, underLineAbove: line > 0 && isUnder(lineText, lineOf(doc, line - 1)) };
}

function lineOf(doc: ComposeDocument, line: number): string {
  return doc.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** Whether `typed` goes in the block that `above` opens: indented deeper, or a list item at the same indentation under a `key:`. */
function isUnder(typed: string, above: string): boolean {
  const indent = (text: string) => text.length - text.trimStart().length;
  if (indent(typed) > indent(above)) return true;
  return indent(typed) === indent(above) && typed.trimStart().startsWith('-') && /:\s*(?:#.*)?$/.test(above);
}

/**
 * One walk from the document's root down `path` (a keystroke's: in a large file the services mapping has
 * thousands of keys to pass). `anchored`: the anchors of the nodes along it, each copied wherever its aliases
 * are. `keyStarts`: where the keys start that hold `collection` (a list item's mapping is held by its list's
 * key); with no collection (indentation under a key with no value yet, `extends:`), every key of `path`.
 */
function alongPath(doc: ComposeDocument, path: readonly (string | number)[], collection: YAMLMap | YAMLSeq | undefined): { anchored: Set<string>; keyStarts: number[] } {
  const anchored = new Set<string>();
  const keyStarts: number[] = [];
  let held = true;
  let node: unknown = doc.yaml.contents;
  for (const segment of path) {
    if (!isMap(node) && !isSeq(node)) break;
    if (node.anchor) anchored.add(node.anchor);
    if (collection && node === collection) held = false;
    if (isSeq(node)) {
      node = typeof segment === 'number' ? node.items[segment] : undefined;
      continue;
    }
    const pair = node.items.find((p) => keyText(p.key) === String(segment));
    const key = pair?.key;
    const start = held && isNode(key) ? startOf(key) : undefined;
    if (start !== undefined) keyStarts.push(start);
    node = pair?.value;
  }
  if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) anchored.add(node.anchor);
  return { anchored, keyStarts };
}
