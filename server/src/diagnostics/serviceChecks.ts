// Project-wide rules checked service by service from an index that an edit
// updates, so a keystroke re-checks the services it may concern, not all of
// them.
//
// A check says two things about every service body of the project (a part:
// an override may add another): the facts it shows the checks of other
// services (`facts`: key → value, e.g. `port:tcp/8080` → who publishes it
// how), and, while it checks one service of this file, which keys it read
// (`read(key)`). The facts of every part of the project's loaded files form
// the check's index (`FactIndex`): the checks look names, ports and hosts up
// there instead of walking every service. Between two runs only the parts
// that changed are taken out of the index and put in, and a key is dirty when
// its values differ between the parts that went and the parts that came
// (indexUpdate.ts).
//
// For a document spliced from blocks (model/incremental.ts), each block
// keeps its services' findings with the keys they read: a finding stays
// while its block is unchanged and none of its keys is dirty. A document
// parsed whole is checked service by service from the same index, keeping
// nothing.
//
// A document's first run (or any run with nothing kept) keeps nothing: it
// checks every service and only writes down, in one flat list, the keys each
// block's services read, so the first diagnostics wait for no bookkeeping.
// What an edit needs (the findings by block, the keys each block read, who
// reads each key) is made from that list afterwards, in the pauses after the
// diagnostics are published (`settleServiceChecks`), without checking any
// service again; an edit that comes before that ends files the rest of the
// list first (~70-100 ms on 5,000 services, in the settling's slices, with a
// pause after each for the requests typed with it), then checks only what it
// concerns.
import type { Diagnostic } from 'vscode-languageserver';
import type { FileModel, NameDefinition } from '../model/fileModel';
import type { ComposeProject } from '../model/project';
import type { ParsedBlock } from '../model/parsedBlock';
import type { Workspace } from '../model/workspace';
import type { Rule, RuleRequest } from './rules/rule';
import { forgetBodyCaches } from './bodyCache';
import { releaseBlockTrees } from '../model/blockTrees';
import { NearestAnswers } from './nearestAnswers';
import { blockLines, moved, serviceBlocks } from './blockPlaces';
import type { ServicePart } from './rules/projectServices';
import { FactIndex } from './factIndex';
import { mostlyChanged, updateIndex, type IndexedFiles } from './indexUpdate';

/** A key no fact has and that is always dirty: findings whose text depends on where other services are, for example. */
export const ALWAYS_RECHECK = '\0always';

export interface ServiceCheck {
  /** Names the check in the kept state (unique). */
  readonly id: string;
  /** The index also holds DEFINED and SERVICE_NAMES (indexUpdate.ts) for every service definition (only a check that reads them needs them). */
  readonly definedNames?: boolean;
  /**
   * What one service body shows the checks of other services (beyond DEFINED and SERVICE_NAMES, see `definedNames`).
   * The same keys whatever `detail` says; with `detail` false, a value no check reads from the index may be left
   * empty (it only tells an edit which keys changed: `detail` is true then).
   */
  facts?(part: ServicePart, add: (key: string, value: string) => void, model: FileModel, detail: boolean, project: ComposeProject): void;
  /**
   * What else the findings depend on that the index does not hold (files on disk, the engine's images,
   * the project's variables, other files' models): compared item by item with the last run's, and when
   * one differs every service is checked again.
   */
  context?(req: RuleRequest): readonly unknown[];
  /**
   * The facts read what `context` says too (the project's variables: a port written `${API_PORT:-8080}`):
   * when it changes the index is made anew, since a definition's facts are taken out of the index by asking
   * for them again, and they must be the ones it gave.
   */
  readonly factsReadContext?: boolean;
  /**
   * Keys the check derives from the whole index rather than from one body's facts (where the dependency graph's
   * circles are): those this run's edit changed, given the fact keys it dirtied. Called on every run, after the
   * index forgot what it derived from them; `dirty` undefined means nothing is kept from the last run (the check
   * only brings what it derives up to date, and what it returns is not needed).
   */
  changedDerivedKeys?(index: FactIndex, dirty: ReadonlySet<string> | undefined): Iterable<string>;
  /** One service definition of this file; every key of the index its findings depend on goes through `read`. */
  check(req: RuleRequest, index: FactIndex, def: NameDefinition, read: (key: string) => void): Diagnostic[];
}

interface Kept {
  readonly line: number;
  readonly found: readonly Diagnostic[];
  readonly reads: readonly string[];
  /** The last run that met its block. */
  run: number;
}

/** Blocks by the key they read; most keys (a port, a service's name) have one reader, kept without a Set. */
type Readers = Map<string, ParsedBlock | Set<ParsedBlock>>;

function addReader(readers: Readers, key: string, block: ParsedBlock): void {
  const found = readers.get(key);
  if (found === undefined) readers.set(key, block);
  else if (found instanceof Set) found.add(block);
  else if (found !== block) readers.set(key, new Set([found, block]));
}

function forEachReader(readers: Readers, key: string, visit: (block: ParsedBlock) => void): void {
  const found = readers.get(key);
  if (found === undefined) return;
  if (found instanceof Set) for (const block of found) visit(block);
  else visit(found);
}

interface CheckState {
  readonly index: FactIndex;
  /** Each indexed file's model and the service definitions taken from it. */
  files: IndexedFiles;
  /** The findings of the last run, by block: they stay for a block that is still there, while no key they read changed. */
  kept: Map<ParsedBlock, Kept>;
  /** Which kept blocks read each key: a dirty key finds the blocks to check again without asking every block. */
  readers: Readers;
  /** The check's context at the last run. */
  context: readonly unknown[];
  /** The "did you mean" answers kept blocks read (`nearestName`), as they were when read. */
  readonly answers: NearestAnswers;
  /** Runs so far (stamps the kept entries a run meets). */
  runs: number;
  /** How many service definitions the last run checked (the rest kept their findings): for tests. */
  checked: number;
  /** A run that kept nothing, whose findings by block and reads are still to be made (settleServiceChecks). */
  unsettled?: Unsettled;
  /** A run is between its steps (or was dropped there): the next run starts from a new state. */
  running?: boolean;
}

interface Unsettled {
  readonly req: RuleRequest;
  readonly run: number;
  /** The findings the run published, by block (only blocks with some): kept as they are, the very objects. */
  readonly published: Map<ParsedBlock, readonly Diagnostic[]>;
  /** The service blocks checked, by their index in the document's blocks, in the order checked. */
  readonly checkedBlocks: readonly number[];
  /** Every key the run's checks read, block after block (a key may repeat within a block). */
  readonly readLog: readonly string[];
  /** Where each checked block's keys end in `readLog` (they start where the previous block's end). */
  readonly readEnds: readonly number[];
  /** How many of `checkedBlocks` are filed (kept with their reads) so far: the settling's slices and a next run go on from here. */
  filed: number;
}

/** Per workspace (a fresh service shares nothing), per document, per check. */
const states = new WeakMap<Workspace, Map<string, Map<string, CheckState>>>();

/** The index a check keeps for a document (for tests). */
export function factIndexOf(workspace: Workspace, uri: string, checkId: string): FactIndex | undefined {
  return states.get(workspace)?.get(uri)?.get(checkId)?.index;
}

/** How many service definitions of a document the last run of a check looked at again (for tests). */
export function checkedByLastRun(workspace: Workspace, uri: string, checkId: string): number | undefined {
  return states.get(workspace)?.get(uri)?.get(checkId)?.checked;
}

/** How many of a document's service blocks the last first run of a check checked and has not filed yet (0 once settled; for tests). */
export function unfiledBlocks(workspace: Workspace, uri: string, checkId: string): number | undefined {
  const state = states.get(workspace)?.get(uri)?.get(checkId);
  return state && (state.unsettled ? state.unsettled.checkedBlocks.length - state.unsettled.filed : 0);
}

/** Drops what was kept for a closed document. */
export function forgetServiceChecks(workspace: Workspace, uri: string): void {
  states.get(workspace)?.delete(uri);
}

/** A rule whose `run` (or `steps`, paused every few hundred services) checks the file's services from the check's index. */
export function serviceRule<Data extends object>(check: ServiceCheck, rule: Omit<Rule<Data>, 'run' | 'steps'>): Rule<Data> {
  return {
    ...rule,
    run: (req) => {
      const steps = runCheck(check, req);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    },
    steps: (req) => runCheck(check, req),
  };
}

/** Services checked between two pauses of a run (`steps`): an edit of an anchor thousands of services merge checks them all. */
const CHECKS_PER_STEP = 250;

function newState(): CheckState {
  return { index: new FactIndex(), files: new Map(), kept: new Map(), readers: new Map(), context: [], answers: new NearestAnswers(), runs: 0, checked: 0 };
}

function* runCheck(check: ServiceCheck, req: RuleRequest): Generator<void, Diagnostic[]> {
  const { doc, file, workspace } = req;
  let byUri = states.get(workspace);
  if (!byUri) states.set(workspace, (byUri = new Map()));
  let byCheck = byUri.get(doc.uri);
  if (!byCheck) byUri.set(doc.uri, (byCheck = new Map()));
  let state = byCheck.get(check.id);
  // A run left between two steps (a newer edit dropped it) left the index and the kept findings half
  // updated; an edit that changed most services costs less as a new index than as that many changes
  // (each changed service's facts are made four times: out, in, and both compared).
  // What the index does not hold (the disk, the engine's images, variables...), read before the index is
  // updated: facts that read it are made anew when it changed.
  const context = check.context?.(req) ?? [];
  if (!state || state.running || mostlyChanged(state.files, req) || (check.factsReadContext && !sameList(context, state.context))) byCheck.set(check.id, (state = newState()));
  // An edit before the last run was settled: what that run wrote down is filed first (no service is checked
  // for it), so this run checks only the services the edit concerns.
  else if (state.unsettled) yield* fileRest(state);
  state.running = true;
  // Dirty keys only matter to findings kept from the last run (none on a document's first run, nor for a document parsed whole).
  const updated = yield* updateIndex(check, req, state.index, state.files, state.kept.size > 0, CHECKS_PER_STEP);
  state.files = updated.files;
  const dirty = updated.dirty;
  // When the context changed, nothing kept stays.
  const trusted = state.kept.size > 0 && sameList(context, state.context);
  state.context = context;
  state.index.forgetDerived(trusted ? dirty : undefined);
  if (trusted) state.answers.addChanged(dirty, state.index, (key) => state.readers.has(key));
  if (check.changedDerivedKeys) for (const key of check.changedDerivedKeys(state.index, trusted ? dirty : undefined)) dirty.add(key);
  const run = ++state.runs;
  state.unsettled = undefined;
  state.checked = 0;

  const blocks = doc.blocks;
  if (!blocks || !trusted) {
    // Nothing to keep findings from: every service is checked, and nothing is noted for the next edit yet (a
    // document spliced from blocks is settled once its diagnostics are out).
    state.kept = new Map();
    state.readers = new Map();
    const out: Diagnostic[] = [];
    const checkAll = (defs: readonly NameDefinition[], read: (key: string) => void) => {
      const before = out.length;
      for (const def of defs) if (def.kind === 'service') {
        state.checked++;
        const found = check.check(req, state.index, def, read);
        for (let j = 0; j < found.length; j++) out.push(found[j]!);
      }
      return before;
    };
    if (!blocks) {
      checkAll(file.definitions, ignoreRead);
      state.running = false;
      return out;
    }
    const published = new Map<ParsedBlock, readonly Diagnostic[]>();
    const checkedBlocks: number[] = [];
    const readLog: string[] = [];
    const readEnds: number[] = [];
    const logRead = (key: string) => void readLog.push(key);
    let step = state.checked + CHECKS_PER_STEP;
    for (const i of serviceBlocks(doc)) {
      if (state.checked >= step) {
        yield;
        step = state.checked + CHECKS_PER_STEP;
      }
      const from = checkAll(blocks[i]!.pieces.definitions, logRead);
      if (out.length > from) published.set(blocks[i]!, out.slice(from));
      checkedBlocks.push(i);
      readEnds.push(readLog.length);
    }
    state.unsettled = { req, run, published, checkedBlocks, readLog, readEnds, filed: 0 };
    state.running = false;
    return out;
  }
  const kept = state.kept;
  const readers = state.readers;
  const stale = new Set<ParsedBlock>();
  const markStale = (block: ParsedBlock) => void stale.add(block);
  for (const key of dirty) forEachReader(readers, key, markStale);
  forEachReader(readers, ALWAYS_RECHECK, markStale);
  const lines = blockLines(doc);
  const out: Diagnostic[] = [];
  // Index loops: this runs for every service block of the file on every edit, and an iterator allocates per step until it is optimized.
  const withServices = serviceBlocks(doc);
  const noting = readsNoter();
  let step = CHECKS_PER_STEP;
  for (let k = 0; k < withServices.length; k++) {
    if (state.checked >= step) {
      yield;
      step = state.checked + CHECKS_PER_STEP;
    }
    const i = withServices[k]!;
    const block = blocks[i]!;
    const line = lines[i]!;
    let entry = kept.get(block);
    if (!entry || stale.has(block)) {
      if (entry) unregister(readers, block, entry.reads);
      entry = checkBlock(check, req, state, block, line, run, noting);
    } else if (entry.line !== line) {
      // The block moved (lines added or removed above it): its findings move with it.
      const by = line - entry.line;
      entry = { ...entry, line, found: entry.found.map((d) => moved(d, by)) };
      kept.set(block, entry);
    }
    entry.run = run;
    for (let j = 0; j < entry.found.length; j++) out.push(entry.found[j]!);
  }
  // Blocks that went (some kept entry was not met this run): they read nothing any more.
  if (kept.size > withServices.length) {
    // forEach, not for-of: no [key, value] pair per entry (thousands per edit, per check).
    kept.forEach((entry, block) => {
      if (entry.run === run) return;
      unregister(readers, block, entry.reads);
      kept.delete(block);
    });
  }
  state.running = false;
  return out;
}

/** One set of read keys for every block checked, emptied after each (a block keeps its keys as a list). */
function readsNoter(): { readonly reads: Set<string>; readonly read: (key: string) => void } {
  const reads = new Set<string>();
  return { reads, read: (key) => void reads.add(key) };
}

function ignoreRead(): void {}

/** Checks the services of one block, keeping the findings with the keys they read. */
function checkBlock(check: ServiceCheck, req: RuleRequest, state: CheckState, block: ParsedBlock, line: number, run: number, noting: ReturnType<typeof readsNoter>): Kept {
  // Nearly every block defines one service with no finding: no list of its own then.
  let found: readonly Diagnostic[] = NO_FINDINGS;
  for (const def of block.pieces.definitions) if (def.kind === 'service') {
    state.checked++;
    const more = check.check(req, state.index, def, noting.read);
    if (more.length > 0) found = found.length === 0 ? more : found.concat(more);
  }
  return keepBlock(state, block, line, run, found, noting.reads);
}

/** Keeps a block's findings with the keys its services read (`reads`, emptied here), and notes it as their reader. */
function keepBlock(state: CheckState, block: ParsedBlock, line: number, run: number, found: readonly Diagnostic[], reads: Set<string>): Kept {
  const entry: Kept = { line, found, reads: [...reads], run };
  reads.clear();
  state.kept.set(block, entry);
  for (const key of entry.reads) {
    addReader(state.readers, key, block);
    state.answers.noteRead(key, state.index);
  }
  return entry;
}

/** Service blocks settled between two pauses of `settleServiceChecks` (each is a few map entries: no check runs). */
const SETTLE_PER_STEP = 250;

/**
 * Makes what the next edit of a document needs from the checks' runs that kept nothing (its first run, say):
 * each service block's findings are kept with the keys its services read in that run, as the run wrote them
 * down. Meant for after the run's diagnostics are published, paused between slices (each `yield`); a slice
 * finds the run it settles superseded (a newer run started meanwhile, which filed the rest first) and stops.
 */
export function* settleServiceChecks(workspace: Workspace, uri: string): Generator<void, void> {
  const byCheck = states.get(workspace)?.get(uri);
  if (!byCheck) return;
  // Blocks settled since the last pause (counted across the checks: one pause's work stays one slice).
  let slice = 0;
  for (const state of [...byCheck.values()]) {
    const unsettled = state.unsettled;
    while (unsettled && state.unsettled === unsettled) {
      if (slice >= SETTLE_PER_STEP) {
        yield;
        slice = 0;
        continue;
      }
      slice += fileRun(state, unsettled, SETTLE_PER_STEP - slice);
    }
  }
  // Settled: the next edit re-checks the services it concerns, and reads only their bodies again (the blocks' trees too).
  forgetBodyCaches();
  releaseBlockTrees();
}

/**
 * Files the rest of what the last run wrote down, in the settling's slices with a pause after each: on 5,000
 * services the whole filing is ~70-100 ms, which a completion typed with the edit would otherwise wait for.
 * A run dropped in a pause (a newer edit) leaves the filing where it stopped; the next run goes on from there.
 */
function* fileRest(state: CheckState): Generator<void, void> {
  const unsettled = state.unsettled;
  while (unsettled && state.unsettled === unsettled) {
    fileRun(state, unsettled, SETTLE_PER_STEP);
    if (state.unsettled === unsettled) yield;
  }
}

/**
 * Files up to `most` more of a run's checked blocks (`unsettled.filed` onwards): each block's published findings
 * are kept, the very objects (the editor holds those), with the keys it read. Once all are, the run is settled.
 * Returns how many blocks it filed.
 */
function fileRun(state: CheckState, unsettled: Unsettled, most: number): number {
  const { req, run, published, checkedBlocks, readLog, readEnds } = unsettled;
  const blocks = req.doc.blocks!;
  const lines = blockLines(req.doc);
  const reads = new Set<string>();
  const from = unsettled.filed;
  const to = Math.min(checkedBlocks.length, from + most);
  for (let k = from; k < to; k++) {
    for (let j = k === 0 ? 0 : readEnds[k - 1]!; j < readEnds[k]!; j++) reads.add(readLog[j]!);
    const i = checkedBlocks[k]!;
    keepBlock(state, blocks[i]!, lines[i]!, run, published.get(blocks[i]!) ?? NO_FINDINGS, reads);
  }
  unsettled.filed = to;
  if (to === checkedBlocks.length) state.unsettled = undefined;
  return to - from;
}

const NO_FINDINGS: readonly Diagnostic[] = [];

function unregister(readers: Readers, block: ParsedBlock, reads: readonly string[]): void {
  for (const key of reads) {
    const found = readers.get(key);
    if (found === block) readers.delete(key);
    else if (found instanceof Set) {
      found.delete(block);
      if (found.size === 0) readers.delete(key);
    }
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

