// Parsing an open document block by block (blocks.ts), so an edit costs one
// block's parse, not the file's. Blocks are cached by their text: after an
// edit every unchanged block is found again (in place, when the editor said
// what the edit left alone: `noteEdit`), moved and reused with its nodes,
// its file-model pieces and its diagnostics (diagnostics/incremental.ts); only
// the edited block is parsed (an item whose section's key changed, as when a
// top-level key typed above `services:` reads with it as one key until its
// colon, is found under the other key: only what depends on its section is
// read again). Moving a block changes its place: the nodes our
// reader builds keep their offsets relative to it (blockNodes.ts), and the
// few arrays of a block parsed by `yaml` (and of its names and anchors) get
// the distance added, from a flat list kept for that (no walk of its tree).
// The tree handed to features is the same one a whole parse gives: the
// blocks' pairs spliced into the root and section mappings.
//
// A block is read by our own reader (blockReader.ts) when it is written in
// the plain block style, which is most of them; it builds the nodes `yaml`
// would, several times faster. Any other block is parsed with `yaml`.
//
// A whole parse instead, whenever a block cannot be trusted alone (each case
// also in splitBlocks):
// - the cut itself refuses the text (a tab in an indentation, `---` other
//   than alone before the first key, `...`, directives, a root
//   that is not a block mapping, a complex key, a byte-order mark);
// - a block has a syntax error that does not stay inside it (an unclosed flow
//   collection or quoted string, an item indented differently from its
//   siblings): a block with any error other than a key being typed is kept
//   only while it reads the same between its neighbours as alone, and so do
//   its neighbours (blockContext.ts: a window of the section's key line, the
//   item before, the block and the next one parsed again, ~1 ms; a neighbour
//   may hold an error of its own, and is then checked between its own
//   neighbours too); a block nested too deep for the parser's stack is parsed
//   whole. A key being typed inside a block needs no such check:
//   a line of a word without its colon yet (`    hostn`), which the parser
//   reads the same alone as in the whole text (a key with no value, or one
//   key spanning it and the next line, and the error at the word;
//   `halfTypedKey`; only the mapping holding the word may end sooner:
//   recovering, the whole parse stretches it over comment lines after it);
//   every new key passes through it, and a whole parse of a large file on
//   each keystroke is what typing must not wait for;
// - a block does not parse to exactly one pair (a key whose value spills over
//   its first line's indentation), except a new entry's name or top-level key
//   being typed (`  web` under `services:`, `volumes` at column 0), read as
//   its neighbours make it read (typedEntry.ts) and checked between them, and
//   a new section's first entry (`configs:` and `  app`), which the text reads
//   as the section's value: its key line and the word are one section block;
// - a merge key (`<<`) among the top-level keys or a section's entries: it
//   would add names to the section from another block.
//
// A top-level key written twice (`volumes:` typed at the end of a file that
// has one) is spliced too: the tree holds both, as the whole parse does, and
// the blocks of the second define and use no names (`shadowed`), as the file
// model of a whole parse reads names from the first.
//
// An alias to an anchor in another block (`<<: *common` in every service, the
// usual way large files share settings) is spliced like any node: the tree is
// the whole parse's, with the alias naming its anchor. What is derived from
// the block (its findings, its services' facts) reads the anchor's node, so a
// block is reused only while each anchor it reads still comes from the same
// block (`AnchorRead`): an edit of `x-common` makes every block that merges it
// a new block, checked again; an edit of a service leaves the others alone.
// An alias that names no anchor before it (`*defa` while `*defaults` is being
// typed; Compose refuses it, diagnostics/rules/aliases.ts says so) reads the
// same alone as in the whole text, so it is spliced too: its block is kept
// only while still nothing before it defines that anchor.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detached, splitBlocks, type BlockRole, type BlockSpan } from './blocks';
import { chain, unchanged, type EditWindow } from './editWindow';
import { readsAsAlone } from './blockContext';
import { BLOCK_PARSE_OPTIONS, moveBlock, parseBlock, resectioned } from './blockParse';
import { splice } from './blockSplice';
import { entryJoinsNext, wordIsSectionValue } from './typedEntry';
import { readable, textLength, type TextLike } from './chunkedDocument';
import { parseCompose, type ComposeDocument } from './document';
import { keyText } from './locate';
import { lazyFromBlocks } from './blockTrees';
import { reusedCut, type LastVersion } from './editedCut';
import { placeAnchors, readsHold, type ParsedBlock } from './parsedBlock';

export interface IncrementalResult {
  readonly doc: ComposeDocument;
  /** Why the text was parsed as a whole, or undefined when it was spliced from blocks. */
  readonly fullParse?: string;
  /** How many blocks were parsed for this version (the rest came from the cache). */
  readonly parsedBlocks: number;
  /** The edits since the last version were known and only the lines between what they left alone were cut again (`noteEdit`). */
  readonly cutAroundEdit?: boolean;
  /**
   * Blocks kept with their nodes although an anchor they read changed (`deferStale`): their text and
   * place are this version's, so the tree is right, but what was derived from them (findings, facts
   * of their services) read the anchor's old value. `refreshInSteps` reads them again.
   */
  readonly stale: readonly ParsedBlock[];
}

export interface ParseOptions {
  /**
   * Keep blocks whose anchors changed as they are (see `stale`) instead of reading them again. Typing
   * in `x-common` makes every service that merges it such a block: reading thousands of them again
   * takes ~0.3 s at 5,000 services, which a completion typed there must not wait for.
   */
  readonly deferStale?: boolean;
}

/** Blocks read again between two pauses of `refreshInSteps`. */
const REREADS_PER_STEP = 200;

export class IncrementalParser {
  /** Blocks of the last version, by role and section, then by text. */
  private cache = new Map<string, Map<string, ParsedBlock>>();
  private last: LastVersion | undefined;
  /** What the edits since `last` left alone, as the editor told them (`noteEdit`); undefined when not known. */
  private edits: EditWindow | undefined;

  constructor(private readonly uri: string) {}

  /**
   * The text was edited (as `window` says; undefined: in a way not known). The next version then cuts
   * into blocks only the lines between what the edits left alone (`reusedCut`, editedCut.ts), and finds the blocks
   * before and after them in place, not by looking up every block's text.
   */
  noteEdit(window: EditWindow | undefined): void {
    this.edits = window && this.edits ? chain(this.edits, window) : undefined;
  }

  parse(text: TextDocument, options: ParseOptions = {}): IncrementalResult {
    const steps = this.build(text, options.deferStale === true);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The version again, with the blocks `parse` deferred read anew, pausing every few hundred
   * (a diagnostics run calls it before its rules, and answers requests in the pauses). A run
   * dropped for a newer edit simply stops calling it: the cache changes only at the end.
   */
  refreshInSteps(text: TextDocument): Generator<void, IncrementalResult> {
    return this.build(text, false);
  }

  private *build(text: TextDocument, deferStale: boolean): Generator<void, IncrementalResult> {
    // The whole text is joined (a chunked document keeps it in pieces, chunkedDocument.ts) only when the cut
    // is not reused: an edit the editor described reads the lines it touched, and the blocks' own texts.
    const length = textLength(text);
    const reused = reusedCut(this.last, this.edits, text, length);
    const whole = reused ? undefined : text.getText();
    const cut = reused ?? splitBlocks(whole!);
    const source: TextLike = whole ?? readable(text);
    if (typeof cut === 'string') return this.whole(text, cut);
    const { spans, kept } = Array.isArray(cut) ? { spans: cut, kept: undefined } : cut;
    // Per version, for every block (thousands): the block list is made to its length, a bucket's name is made
    // once per run of blocks in the same section, and a block already used by this version is the one `next`
    // holds for its text (a block is put there when used, unless its text already has one).
    const next = new Map<string, Map<string, ParsedBlock>>();
    const blocks = new Array<ParsedBlock>(spans.length);
    // The first version's blocks keep their text as views of the document's text, not copies (the document
    // keeps that text anyway, and a large file's copies are as large again). A view keeps the whole text alive
    // while its block is cached, so only this one version is read that way: blocks parsed after an edit are
    // copies, and at most this version's text outlives its document, in place of the copies it saved.
    const firstVersion = this.cache.size === 0;
    let parsed = 0;
    let stale: ParsedBlock[] | undefined;
    let bucket = '';
    let bucketRole: BlockRole | undefined;
    let bucketSection: string | undefined;
    let texts: Map<string, ParsedBlock> | undefined;
    // The block that defines each anchor name last, so far in document order (an alias names the closest one before it).
    const anchorOwners = new Map<string, ParsedBlock>();
    for (let i = 0; i < spans.length; i++) {
      let span = spans[i]!;
      // A new section's first entry being named (`configs:` and `  app`): the word is the section's value, one block of both.
      if (wordIsSectionValue(source, spans, i)) {
        spans.splice(i, 2, (span = { start: span.start, end: spans[i + 1]!.end, role: 'section' }));
        kept?.splice(i, 2, undefined);
      }
      // A new entry's name (or top-level key) being typed that the text reads as the first line of the next one's key: one block of both.
      const joined = (span.role === 'item' || span.role === 'section') && !kept?.[i] && source.indexOf('\n', span.start) >= span.end - 1 && entryJoinsNext(source, spans, i, BLOCK_PARSE_OPTIONS);
      if (joined) {
        const nextSpan = spans[i + 1]!;
        spans.splice(i, 2, (span = { ...span, end: nextSpan.end, role: nextSpan.role, section: nextSpan.section }));
        kept?.splice(i, 2, undefined);
      }
      if (span.role !== bucketRole || span.section !== bucketSection || texts === undefined) {
        bucketRole = span.role;
        bucketSection = span.section;
        bucket = `${span.role}:${span.section ?? ''}`;
        texts = next.get(bucket);
        if (!texts) next.set(bucket, (texts = new Map()));
      }
      // A block the edit left alone is known by its place; the others are looked up by their text.
      const keptBlock = kept?.[i];
      const blockText = keptBlock ? keptBlock.text : source.slice(span.start, span.end);
      let block = keptBlock ?? this.cache.get(bucket)?.get(blockText) ?? (span.role === 'item' ? this.fromOtherSection(bucket, blockText, next, span) : undefined);
      // The same text twice (a pasted duplicate) needs its own nodes; a block whose aliases now name another block's anchor, its own findings.
      const anchorsMoved = block?.reads !== undefined && !readsHold(block.reads, anchorOwners);
      if (anchorsMoved && deferStale && texts.get(blockText) !== block) {
        (stale ??= []).push(block!);
      } else if (!block || texts.get(blockText) === block || anchorsMoved) {
        const fresh = parseBlock(this.uri, firstVersion || keptBlock ? blockText : detached(blockText), span, joined, spans.length >= lazyFromBlocks());
        if (typeof fresh === 'string') return this.whole(text, fresh);
        block = fresh;
        if (++parsed % REREADS_PER_STEP === 0) yield;
      }
      // A section's key joined with a top-level word (`x-new` and `networks:` read as `x-new networks`): its items are entries of that key.
      if (joined && span.role === 'header') renameSection(spans, kept, i, keyText(block!.pair.key));
      if (block!.pieces.anchors.length > 0) {
        const refused = placeAnchors(block!, anchorOwners);
        if (refused) return this.whole(text, refused);
      }
      if (block!.offset !== span.start) moveBlock(block!, span.start);
      blocks[i] = block!;
      if (!texts.has(block!.text)) texts.set(block!.text, block!);
    }
    blocks.length = spans.length;
    // Checked once the version's blocks are all known: a kept block with an error is checked again when its neighbour changes.
    for (let i = 0; i < blocks.length; i++) {
      if (!blocks[i]!.errorsNeedContext) continue;
      const leaks = readsAsAlone(blocks, i, BLOCK_PARSE_OPTIONS);
      if (leaks) return this.whole(text, leaks);
    }
    this.cache = next;
    this.last = { length, blocks };
    this.edits = unchanged(length);
    return { doc: splice(this.uri, text, blocks), parsedBlocks: parsed, stale: stale ?? NO_BLOCKS, cutAroundEdit: kept !== undefined };
  }

  /**
   * An item of the last version found under another section's key: the key its items are entries of
   * changed (a top-level key typed above `services:` reads with it as `x-new services` until its colon,
   * and its thousands of services become entries of that key, then of `services` again). The tree is
   * kept; what depends on the section is read anew (`resectioned`). Not when this version already used
   * that block where it was.
   */
  private fromOtherSection(bucket: string, slice: string, next: ReadonlyMap<string, ReadonlyMap<string, ParsedBlock>>, span: BlockSpan): ParsedBlock | undefined {
    for (const [other, texts] of this.cache) {
      if (other === bucket || !other.startsWith('item:')) continue;
      const found = texts.get(slice);
      if (!found || next.get(other)?.get(slice) === found) continue;
      // Taken: the same text later under its old section gets a block of its own.
      texts.delete(slice);
      return resectioned(this.uri, found, span);
    }
    return undefined;
  }

  private whole(text: TextDocument, reason: string): IncrementalResult {
    // The cache stays: the next edit may make the text cuttable again. The last version's blocks no longer
    // describe the text before the next edit.
    this.last = undefined;
    return { doc: parseCompose(this.uri, text, text.version), fullParse: reason, parsedBlocks: 0, stale: NO_BLOCKS };
  }
}

/**
 * The items after the header at `spans[index]` belong to the section `name` (its key as the text now
 * reads it): their file-model pieces are that section's, so none is kept from before or found under
 * the old name.
 */
function renameSection(spans: BlockSpan[], kept: (ParsedBlock | undefined)[] | undefined, index: number, name: string): void {
  for (let j = index + 1; j < spans.length && spans[j]!.role === 'item'; j++) {
    spans[j] = { ...spans[j]!, section: name };
    if (kept) kept[j] = undefined;
  }
}

const NO_BLOCKS: readonly ParsedBlock[] = [];

