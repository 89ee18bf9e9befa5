// The stage between computed and published diagnostics that keeps a
// half-typed line quiet. Typing `    image` key by key, every prefix is a
// different error (`not a string "i"`, then `"im"`...) that the next key
// clears; shown at once they flash on every keystroke. So while the user is
// typing, diagnostics on the line being typed, and on the line above it
// (the key whose block is being written: `services:` is "empty" until the
// first service is typed under it), that were not already shown are held
// back, and released when the user pauses (HOLD_MS without an edit) or edits
// elsewhere. So are new findings where a half-typed line lands them on other
// lines (features/typingRegion.ts: the rest of the collection being typed in,
// the aliases of an anchored node being typed in), and a new syntax error
// wherever it lands (a bracket typed open, in an editor that does not close it,
// is reported lines below). A new finding elsewhere is published as computed:
// a typed port's clash with another service shows at once. The other way
// round, a finding shown before that the half-typed line hides stays shown
// until the pause, where the edits moved it: a key typed above another reads
// as one key with it until its colon (`h depends_on`), and the findings of
// that entry, and those it made elsewhere (a dependency cycle through it),
// are gone meanwhile. Only a finding on the typed line, or on the line above
// when the typed line goes under it (what the user is fixing), and a syntax
// error go at once.
// test/unit/typingHold.test.ts measures the flashes with and without the
// hold on a file typed key by key.
//
// It is also where a list that has not changed waits. On a large file every
// keystroke is a run, and a run that finds what was shown (a key typed on a
// line with no finding: everything else in the file is as it was) would
// otherwise send thousands of diagnostics again (1.5 MB of JSON on 5,000
// services), which VS Code's extension host and window then parse, convert and
// redraw while the completion for that very keystroke waits behind them. So
// while the user types, such a list is not sent, nor one whose findings only
// moved with lines the user added or removed (Enter pressed above them; their
// related places in the file too, diagnostics/make.ts): the editor moves what
// it shows with the text, as VS Code moves its squiggles (three lines typed
// in a service of 5,000: 0-2 lists sent while typing, 0-3 MB, against 7-8
// lists, 11-12 MB, when each moved list was sent). At the pause the latest
// version's list is, once, so an editor at rest has it (and whoever waits for
// a version's diagnostics gets them). The same list for the version already
// shown (another file's edit re-ran this one) is never sent again.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TypingRegion } from './features/typingRegion';
import { SYNTAX_ERROR_CODE } from './diagnostics/rules/yamlSyntax';

/** Long enough to cover the gap between two keys of a typing user, short enough to feel like a pause. */
export const HOLD_MS = 750;

/**
 * The pause while a completion list is on screen on the typed line (listShown.ts): the user stopped typing to
 * choose from it (`${AP` with APP_MODE and APP_PORT offered showed "Variable AP is not set" at 750 ms, in
 * code-server). Long enough to read a list and pick; the editor closing it (Escape) is not seen by the server,
 * so past this the findings show all the same.
 */
export const LIST_HOLD_MS = 3_000;

/**
 * The pause after Enter opened the body of a key with no value yet (`cache:`, `depends_on:`, a service's `db:`):
 * the user is about to write what the key holds, and until then Compose would call it empty ("services.cache must
 * be a mapping"), which showed at 750 ms whenever the user stopped to think what to write first (code-server,
 * 7 Dec 2026). As long as a list's pause; the first key typed there ends it.
 */
export const BODY_HOLD_MS = 3_000;

/**
 * Whether an edit opened the body of the key above: it was Enter (a line break and the indentation the editor
 * adds, nothing else), the new line holds only that indentation, deeper than the line above, and the line above
 * ends with a key's colon (a comment after it aside), with no value yet.
 */
export function opensBody(changeText: string, typedLine: string, lineAbove: string): boolean {
  if (!/^\r?\n[ \t]*$/.test(changeText) || typedLine.trim() !== '') return false;
  const above = lineAbove.replace(/\s+#.*$/, '').trimEnd();
  return above.endsWith(':') && indentOf(typedLine) > indentOf(lineAbove);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

type Publish = (uri: string, version: number, diagnostics: Diagnostic[]) => void;
/** Where typing on `line` of the version just computed may change findings on other lines. */
type RegionOf = (uri: string, line: number) => TypingRegion | undefined;

interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** One change of a didChange notification, as the document store applies it. */
export interface TextChange {
  readonly range?: { readonly start: TextPosition; readonly end: TextPosition };
  readonly text: string;
}

/**
 * An edit that replaced lines or made new ones: what stood at or after `end` (in the text before the edit)
 * is `delta` lines further down in version `version`, and what stood between `start` and `end` is gone.
 * Enter pressed above a finding moves it a line; a deleted service takes its findings with it. No range:
 * the whole text was replaced, and nothing before it has a place after it.
 */
interface LineShift {
  readonly version: number;
  readonly range?: { readonly start: TextPosition; readonly end: TextPosition };
  readonly delta: number;
}

interface DocumentState {
  /** The line the last edit ended on (where the cursor is), and when, and the version it made. */
  typedLine?: number;
  editedAt: number;
  editedVersion?: number;
  /** A completion list the editor shows, on this line of this version (the next edit closes or replaces it). */
  listOpen?: { line: number; version: number };
  /** Enter opened the body of the key above this line of this version (`opensBody`); the next edit ends it. */
  bodyOpen?: { line: number; version: number };
  /** What was last published for this document, for which version (nothing yet: undefined). */
  shown?: { version: number; diagnostics: Diagnostic[] };
  /** The whole list last computed, for the release after a pause. */
  computed?: { version: number; diagnostics: Diagnostic[] };
  /** The edits since the version shown that moved lines, in order: a finding shown before is found where it moved. */
  shifts: LineShift[];
  timer?: NodeJS.Timeout;
  /** For `whenPaused`: one wait a document, the latest asked. */
  pauseTimer?: NodeJS.Timeout;
}

export class TypingHold {
  private readonly documents = new Map<string, DocumentState>();

  constructor(
    private readonly publish: Publish,
    private readonly holdMs = HOLD_MS,
    private readonly now: () => number = Date.now,
    private readonly regionOf: RegionOf = () => undefined,
  ) {}

  /** Document `uri` changed to `version` (incremental changes, in order): note the line the last one ended on, and the lines they moved. */
  edited(uri: string, changes: readonly TextChange[], version: number): void {
    const last = changes[changes.length - 1];
    if (!last) return;
    let state = this.documents.get(uri);
    if (!state) this.documents.set(uri, (state = { editedAt: 0, shifts: [] }));
    // A whole-document replacement says nothing about where the user types.
    state.typedLine = last.range ? last.range.start.line + countLines(last.text) : undefined;
    state.editedAt = this.now();
    state.editedVersion = version;
    for (const change of changes) {
      if (!change.range) {
        state.shifts.push({ version, delta: 0 });
        continue;
      }
      const { start, end } = change.range;
      const added = countLines(change.text);
      if (added > 0 || end.line > start.line) state.shifts.push({ version, range: change.range, delta: added - (end.line - start.line) });
    }
  }

  /** The editor shows a completion list asked on `line` of `version` (listShown.ts): the pause waits for the choice. */
  listShown(uri: string, line: number, version: number): void {
    const state = this.documents.get(uri);
    if (state && state.editedVersion === version && state.typedLine === line) state.listOpen = { line, version };
  }

  /**
   * The line being typed in `uri` while the pause has not come, else undefined: what other answers about
   * that line hold back as the diagnostics are (the inlay hint of a `${NAME` half typed says it is unset).
   */
  typingLine(uri: string): number | undefined {
    const state = this.documents.get(uri);
    if (state?.typedLine === undefined || this.now() - state.editedAt >= this.pauseMs(state)) return undefined;
    return state.typedLine;
  }

  /** Calls `then` once the user pauses in `uri`: at the end of the pause under way (later, if the typing goes on). */
  whenPaused(uri: string, then: () => void): void {
    const state = this.documents.get(uri);
    if (!state) return;
    clearTimeout(state.pauseTimer);
    const wait = () => {
      const left = this.pauseMs(state) - (this.now() - state.editedAt);
      if (left > 0) state.pauseTimer = setTimeout(wait, left);
      else {
        state.pauseTimer = undefined;
        then();
      }
    };
    wait();
  }

  /** Enter opened the body of the key above `line` in `version` (`opensBody`): the pause waits for its first key. */
  bodyOpened(uri: string, line: number, version: number): void {
    const state = this.documents.get(uri);
    if (state && state.editedVersion === version && state.typedLine === line) state.bodyOpen = { line, version };
  }

  /** How long without an edit makes a pause: longer while a list offered on the typed line is open, or a body was just opened. */
  private pauseMs(state: DocumentState): number {
    const current = (at: { line: number; version: number } | undefined) => at !== undefined && at.version === state.editedVersion && at.line === state.typedLine;
    if (current(state.listOpen)) return Math.max(this.holdMs, LIST_HOLD_MS);
    if (current(state.bodyOpen)) return Math.max(this.holdMs, BODY_HOLD_MS);
    return this.holdMs;
  }

  /** Publishes `diagnostics` for `uri` less what is held, and arranges the release of what is held. */
  show(uri: string, version: number, diagnostics: Diagnostic[]): void {
    const state: DocumentState = this.documents.get(uri) ?? { editedAt: 0, shifts: [] };
    this.documents.set(uri, state);
    clearTimeout(state.timer);
    state.timer = undefined;
    state.computed = { version, diagnostics };
    const sinceEdit = this.now() - state.editedAt;
    const line = state.typedLine;
    const pause = this.pauseMs(state);
    if (line === undefined || sinceEdit >= pause) {
      this.send(uri, state, version, diagnostics);
      return;
    }
    // Only what may be held is compared: a large file has thousands of findings with long messages elsewhere.
    const region = this.regionOf(uri, line);
    const held = (d: Diagnostic) => {
      const startLine = d.range.start.line;
      const endLine = d.range.end.line;
      return (startLine <= line && endLine >= line - 1) || (region !== undefined && inRegion(startLine, endLine, d, region));
    };
    // A finding shown before is read where the edits since moved it: Enter pressed above thousands of
    // findings moves each a line down, and read where it was each would look new and be held.
    const shifts = state.shown ? state.shifts.filter((shift) => shift.version > state.shown!.version && shift.version <= version) : [];
    const shown = state.shown ? movedDiagnostics(uri, state.shown.diagnostics, shifts) : [];
    // By line, then code and message: the region may be the whole file (a service's name being typed), and
    // keys made as strings for its thousands of findings cost ~10 ms a keystroke on 5,000 services.
    const shownHeld = new Map<number, Diagnostic[]>();
    for (const d of shown) {
      if (!held(d)) continue;
      const onIt = shownHeld.get(d.range.start.line);
      if (onIt) onIt.push(d);
      else shownHeld.set(d.range.start.line, [d]);
    }
    const shownBefore = (d: Diagnostic) => shownHeld.get(d.range.start.line)?.some((s) => s.code === d.code && s.message === d.message) ?? false;
    const visible = diagnostics.filter((d) => !held(d) || shownBefore(d));
    const kept = vanished(shown, visible, line, region?.underLineAbove ?? true);
    if (kept.length > 0) visible.push(...kept);
    // What the editor shows already waits for the pause, as what is held does. Editors move what they show
    // with the text (VS Code's squiggles are decorations that follow their lines): Enter pressed above
    // thousands of findings moves each a line, and the list that says so (1.5 MB of JSON on 5,000
    // services, parsed and redrawn by the editor while the next key waits) can wait for the pause too.
    const unchanged = state.shown !== undefined && sameDiagnostics(shown, visible);
    if (!unchanged) this.send(uri, state, version, visible);
    if (unchanged || kept.length > 0 || visible.length !== diagnostics.length) {
      state.timer = setTimeout(() => this.expire(uri), pause - sinceEdit);
    }
  }

  /** The pause is over: publish the whole list last computed. */
  release(uri: string): void {
    const state = this.documents.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.timer = undefined;
    if (state.computed) this.send(uri, state, state.computed.version, state.computed.diagnostics);
  }

  /**
   * The hold's timer fired. Keys typed since it was armed were not seen by
   * show() (the scheduler coalesces a burst of typing into one run at its
   * end), so the user may still be typing: then the pause has not come yet,
   * and the list held is older than the text (`ports:` "empty" while `- 8`
   * is being typed under it). Wait for the pause instead of flashing it.
   */
  private expire(uri: string): void {
    const state = this.documents.get(uri);
    if (!state) return;
    const sinceEdit = this.now() - state.editedAt;
    const pause = this.pauseMs(state);
    if (sinceEdit < pause) state.timer = setTimeout(() => this.expire(uri), pause - sinceEdit);
    else this.release(uri);
  }

  forget(uri: string): void {
    clearTimeout(this.documents.get(uri)?.timer);
    clearTimeout(this.documents.get(uri)?.pauseTimer);
    this.documents.delete(uri);
  }

  /** Publishes `diagnostics`, unless the editor shows exactly that list for that version already. */
  private send(uri: string, state: DocumentState, version: number, diagnostics: Diagnostic[]): void {
    if (state.shown && state.shown.version === version && sameDiagnostics(state.shown.diagnostics, diagnostics)) return;
    state.shown = { version, diagnostics };
    state.shifts = state.shifts.filter((shift) => shift.version > version);
    this.publish(uri, version, diagnostics);
  }
}

/**
 * Whether two lists say the same, in the same order (a run lists its findings in a fixed order): what the
 * editor would show for either is the same. Field by field, not as JSON: the lists are thousands long.
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i]!, b[i]!)) return false;
  return true;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  const ra = a.range;
  const rb = b.range;
  return (
    ra.start.line === rb.start.line &&
    ra.start.character === rb.start.character &&
    ra.end.line === rb.end.line &&
    ra.end.character === rb.end.character &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.source === b.source &&
    sameValue(a.message, b.message) &&
    sameValue(a.data, b.data) &&
    sameValue(a.tags, b.tags) &&
    sameValue(a.relatedInformation, b.relatedInformation) &&
    sameValue(a.codeDescription, b.codeDescription)
  );
}

/** Strings by value; anything else (a quick fix's data, related places) as JSON, only when both are there and not the same object. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new syntax error is the typed line's wherever it lands: an edit breaks the YAML only through the text it changed. */
function inRegion(startLine: number, endLine: number, d: Diagnostic, region: TypingRegion): boolean {
  return (startLine <= region.lastLine && endLine >= region.firstLine) || region.keyLines.has(startLine) || region.aliasLines.has(startLine) || d.code === SYNTAX_ERROR_CODE;
}

/**
 * The findings shown before, off the typed line and the line above it, that the list about to be shown
 * no longer has on their line (where the edits since moved them) with their code: the half-typed line hides them, and
 * they come back when it is finished. A key typed above another (`    h` over `    depends_on:`) reads as
 * one key with it until its colon, and every finding of that entry is gone meanwhile, with those it
 * made elsewhere (a dependency cycle through it); a quote typed open turns the rest of the file into one
 * value. They stay shown, where they moved to, until the pause publishes what is computed then. A finding
 * whose message changed is the new one (a "did you mean" that follows the name typed). A finding that
 * starts on the typed line, or on the line above when the typed line goes under it (what the user is
 * fixing: `services:` is empty until a service is typed under it), and a syntax error (the YAML mended) go
 * at once. A key typed beside the line above (`      RE` under `      VERSION: 3.10`) leaves that line's
 * findings shown, though until its colon the half-typed key's syntax error makes its mapping's findings
 * unreliable (diagnostics/syntaxRegions.ts) and the list computed has none there.
 */
function vanished(shown: readonly Diagnostic[], visible: readonly Diagnostic[], typedLine: number, underLineAbove: boolean): Diagnostic[] {
  // By line, then code: the lists are thousands long on a large file.
  const visibleOn = new Map<number, Diagnostic[]>();
  for (const d of visible) {
    const onIt = visibleOn.get(d.range.start.line);
    if (onIt) onIt.push(d);
    else visibleOn.set(d.range.start.line, [d]);
  }
  const kept: Diagnostic[] = [];
  for (const d of shown) {
    const at = d.range.start.line;
    if (at === typedLine || (at === typedLine - 1 && underLineAbove) || d.code === SYNTAX_ERROR_CODE) continue;
    if (visibleOn.get(at)?.some((v) => v.code === d.code)) continue;
    kept.push(d);
  }
  return kept;
}

/**
 * The findings of an older version where `shifts` moved their lines (each range moved as a whole, by its
 * start's move), in order; one whose start an edit replaced is left out. Their related places in the same
 * file move the same way (a port clash's other mapping); one an edit replaced leaves its finding out too.
 * What a finding says is not changed: the rules name other places as related places, not in the message,
 * so that a list only moved equals the new version's.
 */
function movedDiagnostics(uri: string, shown: readonly Diagnostic[], shifts: readonly LineShift[]): readonly Diagnostic[] {
  if (shifts.length === 0) return shown;
  const moved: Diagnostic[] = [];
  for (const d of shown) {
    const range = movedRange(d.range, shifts);
    if (!range) continue;
    let related = d.relatedInformation;
    if (related?.some((r) => r.location.uri === uri)) {
      const places: DiagnosticRelatedInformation[] = [];
      let placesMoved = false;
      for (const r of related) {
        const at = r.location.uri === uri ? movedRange(r.location.range, shifts) : r.location.range;
        if (!at) break;
        placesMoved ||= at !== r.location.range;
        places.push(at === r.location.range ? r : { ...r, location: { uri: r.location.uri, range: at } });
      }
      if (places.length < related.length) continue;
      if (placesMoved) related = places;
    }
    moved.push(range === d.range && related === d.relatedInformation ? d : { ...d, range, relatedInformation: related });
  }
  return moved;
}

/** A range of an older version moved as a whole by its start's move (the same object when it did not move); undefined when an edit replaced its start. */
function movedRange(range: Diagnostic['range'], shifts: readonly LineShift[]): Diagnostic['range'] | undefined {
  const at = movedLine(range.start, shifts);
  if (at === undefined) return undefined;
  const { start, end } = range;
  return at === start.line ? range : { start: { line: at, character: start.character }, end: { line: end.line + at - start.line, character: end.character } };
}

/** The line a position of an older version has after `shifts`, in order; undefined when an edit replaced it. */
function movedLine(position: TextPosition, shifts: readonly LineShift[]): number | undefined {
  let { line } = position;
  for (const { range, delta } of shifts) {
    if (!range) return undefined;
    const { start, end } = range;
    const afterEnd = line > end.line || (line === end.line && position.character >= end.character);
    if (afterEnd) line += delta;
    else if (line > start.line || (line === start.line && position.character >= start.character)) return undefined;
  }
  return line;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
