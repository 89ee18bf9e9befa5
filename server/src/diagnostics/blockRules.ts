// Diagnostics of a document spliced from blocks (model/incremental.ts): the
// rules whose findings in a block depend on that block alone run per block,
// and their findings are kept with the block; after an edit only the edited
// block is checked again, the others are moved to their new lines. The rules
// that look across blocks (names, cycles, ports, URLs, files) run on the
// whole project every time, from the file model's indexes.
import { Document, Pair, YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { PARSE_OPTIONS, type ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { ParsedBlock } from '../model/parsedBlock';
import { containerNameReplicas } from './rules/containerNameReplicas';
import { hostPortReplicas } from './rules/hostPortReplicas';
import { duplicateKeys } from './rules/duplicateKeys';
import { formatRules } from './rules/formatRules';
import { invalidMerge } from './rules/invalidMerge';
import { nonFiniteNumbers } from './rules/nonFiniteNumbers';
import { nonStringKeys } from './rules/nonStringKeys';
import { longKeys } from './rules/longKeys';
import type { Rule, RuleRequest } from './rules/rule';
import { variables } from './rules/variables';
import { interpolatedValues } from './rules/interpolatedValues';
import { blockLines, moved } from './blockPlaces';

/**
 * Rules that judge a block by its own text (an item: with its section's key).
 * `variables` and `interpolatedValues` also read the project's variables: findings are kept under the
 * project's `variablesKey`. An alias makes a block read another block's anchor: the
 * block is checked in view of the whole document (its aliases resolve there), and
 * model/incremental.ts makes it a new block, checked again, whenever that anchor's
 * block changes.
 */
export const BLOCK_RULES: readonly Rule[] = [nonStringKeys, longKeys, nonFiniteNumbers, invalidMerge, formatRules, containerNameReplicas, hostPortReplicas, variables, interpolatedValues];

interface BlockFindings {
  /** The project's variables and the section's header text they were found under: when either changes, they are found again. */
  readonly context: string;
  /** Findings with lines counted from the block's first line. */
  readonly relative: readonly Diagnostic[];
  /** Findings on the section's key (seen while checking an item under it), with lines counted from the section's first line. */
  readonly onHeader: readonly Diagnostic[];
  /** Duplicate keys inside the block: they point at their first keys' absolute lines, so they are kept only while the block stays on `line`. */
  duplicates: readonly Diagnostic[];
  line: number;
  /** The findings placed at `line` and the section's line, as the last run returned them: reused while neither moved (no new objects per edit for every block). */
  placed?: { readonly line: number; readonly headerLine: number; readonly list: readonly Diagnostic[] };
}

const NONE: readonly Diagnostic[] = [];

/** Documents spliced from blocks (a whole parse keeps no blocks to keep findings with). */
export function canCheckByBlock(doc: ComposeDocument): boolean {
  return !!doc.blocks;
}

/** Blocks checked between two pauses of a run (diagnoseInSteps): opening thousands of services must not hold requests up. */
const BLOCKS_PER_STEP = 100;

export function* blockFindings(req: RuleRequest, run: (rule: Rule, req: RuleRequest) => Diagnostic[]): Generator<void, Diagnostic[]> {
  const { doc } = req;
  const out: Diagnostic[] = [];
  const variablesKey = req.project.variablesKey;
  const mini = new Document(null, PARSE_OPTIONS);
  let sectionKey: unknown;
  let headerLine = 0;
  // The context of the items of the section being read: one string for all of them, not one joined per block.
  let itemContext = `${variablesKey}\0`;
  let checked = 0;
  const lines = blockLines(doc);
  const blocks = doc.blocks!;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const line = lines[i]!;
    if (block.role === 'header') {
      sectionKey = block.pair.key;
      headerLine = line;
      itemContext = `${variablesKey}\0${block.text}`;
      continue;
    }
    let found = block.local as BlockFindings | undefined;
    // A block of a top-level key written twice defines no names (its model is empty): found again when that changes.
    const context = doc.shadowed?.has(block) ? `${block.role === 'item' ? itemContext : variablesKey}\0shadowed` : block.role === 'item' ? itemContext : variablesKey;
    const fresh = !found || found.context !== context;
    // A block that only moved is read again only for its duplicate keys, which point at their first keys' lines: a block with
    // none has none wherever it is (a line inserted above half the file would otherwise walk half the file again).
    if (!fresh && found!.line !== line && found!.duplicates.length === 0) found!.line = line;
    else if (fresh || found!.line !== line) {
      if (++checked % BLOCKS_PER_STEP === 0) yield;
      // The block alone, under its section's key: what the rules would see of it in the whole tree.
      const root = new YAMLMap(mini.schema);
      if (block.role === 'item') {
        const items = new YAMLMap(mini.schema);
        items.items.push(block.pair);
        root.items.push(new Pair(sectionKey, items));
      } else {
        root.items.push(block.pair);
      }
      mini.contents = root;
      const blockReq: RuleRequest = { ...req, doc: { ...doc, yaml: mini as Document.Parsed, blocks: undefined, shadowed: undefined, whole: doc }, file: blockModel(req.file, block, doc.shadowed?.has(block) === true) };
      // Most blocks have no finding: no lists of their own then.
      const duplicateList = run(duplicateKeys, blockReq);
      const duplicates = duplicateList.length === 0 ? NONE : duplicateList;
      if (fresh) {
        let all: Diagnostic[] | undefined;
        for (const rule of BLOCK_RULES) {
          const more = run(rule, blockReq);
          if (more.length > 0) (all ??= []).push(...more);
        }
        const relative = all === undefined ? NONE : all.filter((d) => d.range.start.line >= line).map((d) => moved(d, -line));
        const onHeader = all === undefined ? NONE : all.filter((d) => d.range.start.line < line).map((d) => moved(d, -headerLine));
        found = { context, relative, onHeader, duplicates, line };
        block.local = found;
      } else {
        found!.duplicates = duplicates;
        found!.line = line;
      }
    }
    const placed = place(found!, line, headerLine);
    for (let k = 0; k < placed.length; k++) out.push(placed[k]!);
  }
  return out;
}

/** A block's findings at its lines in this version: the last run's list when the block and its section stayed where they were. */
function place(found: BlockFindings, line: number, headerLine: number): readonly Diagnostic[] {
  if (found.relative.length === 0 && found.onHeader.length === 0 && found.duplicates.length === 0) return NONE;
  const last = found.placed;
  if (last && last.line === line && last.headerLine === headerLine) return last.list;
  const list: Diagnostic[] = [];
  for (const d of found.relative) list.push(moved(d, line));
  for (const d of found.onHeader) list.push(moved(d, headerLine));
  list.push(...found.duplicates);
  found.placed = { line, headerLine, list };
  return list;
}

/** The file model as far as this block goes: its own definitions and references (none in a top-level key written a second time, as the file's model reads it). */
function blockModel(file: FileModel, block: ParsedBlock, shadowed: boolean): FileModel {
  if (shadowed) return { ...file, definitions: [], references: [], templateReferences: [], anchors: block.pieces.anchors };
  return { ...file, definitions: block.pieces.definitions, references: block.pieces.references, anchors: block.pieces.anchors };
}
