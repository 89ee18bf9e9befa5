// One fixture for the server's tests: a small Compose project written as one
// string, files in sections, with the cursor and the expected ranges marked
// in the text itself rather than found by searching or counted by hand.
//
//   #- compose.yaml                (a section: the file's path; text before the first one is compose.yaml)
//   services:
//     web:
//       depends_on: [d$0b]         ($0 is the cursor: removed from the text; Compose files never contain it)
//   #                 ^^ use       (carets under the line above mark a range, with a label)
//     db: {}
//   # ^^ def
//
// A test that asks at several places marks them `$1`..`$9` (as a snippet's
// tab stops; `$0` stays the cursor) and asks with `fx.at(n)`, or `fx.position(n)`
// over LSP. A file that ends in a newline has an empty line before the next section.
//
// Marks are YAML comments, so they stay in the text the server reads (they
// cannot mark column 0, or text inside a block scalar). The files are written
// to a temporary folder (the server reads overrides, includes and .env from
// disk) that the test runner removes after the test: `fixture(t, source)`.
//
// The fixture carries the in-process `LanguageService` (its workspace is the
// one feature requests read), for tests that go through the facade as the
// server does: `fx.diagnostics()` (the first file, open in the editor),
// `fx.edit(text)` (a document typed with `$0` where the cursor is, as the
// completion and hover tests ask), `fx.completion(text)`, `fx.hover(text)`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedTextDocument } from '../../server/src/model/chunkedDocument';

/** Characters per chunk of the documents a fixture opens: small, so lines of one fixture fall in several chunks. */
const FIXTURE_CHUNK = 40;
import type { CompletionItem, Diagnostic, Hover, Location, MarkupContent, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { FeatureRequest } from '../../server/src/features/request';
import { type Workspace, pathToUri, uriToPath } from '../../server/src/model/workspace';
import { LanguageService, type ClientSettings } from '../../server/src/service';

/** A range marked in a fixture's text, e.g. `# ^^ def`. */
export interface Mark {
  readonly file: string;
  readonly label: string;
  readonly range: Range;
}

/** What registers cleanup with the test runner: a test's or a suite's context (`t.after`), or `after` itself. */
export type Cleanup = { after(fn: () => void): void } | ((fn: () => void) => void);

const SECTION = /^#- (\S+)\s*$/;
const MARKS = /^\s*#(?:\s*\^+(?:\s+[\w-]+)?)+\s*$/;
/** `$0` is the cursor; `$1`..`$9` are more places a test asks at, as in a snippet. */
const STOP = /\$(\d)/g;

/** A place marked with `$N` in a fixture: a file and an offset in its text. */
export interface Stop {
  readonly file: string;
  readonly offset: number;
}

/** Splits a fixture source into files, and finds its cursor (`$0`), other stops (`$1`..`$9`) and marks. */
export function parseFixture(source: string): { files: Record<string, string>; cursor?: Stop; stops: Record<number, Stop>; marks: Mark[] } {
  const files: Record<string, string[]> = {};
  const marks: Mark[] = [];
  const found = new Map<number, { file: string; line: number; column: number }>();
  // The columns (as written) of the stops on the line before, to shift the marks under it.
  let before: { file: string; columns: number[] } = { file: '', columns: [] };
  let current = 'compose.yaml';
  for (const line of source.split('\n')) {
    const section = SECTION.exec(line);
    if (section) {
      current = section[1]!;
      files[current] = [];
      before = { file: '', columns: [] };
      continue;
    }
    const lines = (files[current] ??= []);
    const previous = lines.length - 1;
    if (MARKS.test(line) && previous >= 0) {
      // Columns as written; past a stop on the line above, its `$N` no longer takes two.
      const under = before.file === current ? before.columns : [];
      const shift = (column: number) => column - 2 * under.filter((c) => c < column).length;
      for (const m of line.matchAll(/(\^+)(?:\s+([\w-]+))?/g)) {
        const start = shift(m.index!);
        marks.push({ file: current, label: m[2] ?? '', range: { start: { line: previous, character: start }, end: { line: previous, character: start + m[1]!.length } } });
      }
    }
    const columns: number[] = [];
    for (const m of line.matchAll(STOP)) {
      const n = Number(m[1]);
      if (found.has(n)) throw new Error(n === 0 ? 'a fixture has one cursor ($0)' : `a fixture has one $${n}`);
      found.set(n, { file: current, line: lines.length, column: m.index! - 2 * columns.length });
      columns.push(m.index!);
    }
    before = { file: current, columns };
    lines.push(line.replace(STOP, ''));
  }
  const texts = Object.fromEntries(Object.entries(files).map(([name, lines]) => [name, lines.join('\n')]));
  const stops: Record<number, Stop> = {};
  for (const [n, at] of found) {
    const doc = TextDocument.create('file:///x', 'x', 0, texts[at.file]!);
    stops[n] = { file: at.file, offset: doc.offsetAt({ line: at.line, character: at.column }) };
  }
  return { files: texts, ...(stops[0] ? { cursor: stops[0] } : {}), stops, marks };
}

export interface FixtureOptions {
  /** The environment Compose would see (none by default: the machine's never changes a verdict). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** What the editor supports (snippets and Markdown by default). */
  readonly client?: Partial<Omit<ClientSettings, 'workspaceFolders'>>;
  /** The project folder's name (`myapp` by default, so the project name Compose derives from it is known). */
  readonly folder?: string;
}

/** The text of one file with its `$0` taken out, and where `$0` was: for a request at the cursor, in process or over LSP. */
export function cursorIn(textWithCursor: string): { text: string; offset: number; position: Position } {
  const parsed = parseFixture(textWithCursor);
  const names = Object.keys(parsed.files);
  if (names.length !== 1 || !parsed.cursor) throw new Error('a text with a cursor is one file with one $0');
  const text = parsed.files[names[0]!]!;
  const offset = parsed.cursor.offset;
  return { text, offset, position: TextDocument.create('file:///x', 'x', 0, text).positionAt(offset) };
}

/**
 * A fixture from one source string (sections, `$0`, marks) or from files by
 * name, removed when the test (or suite) that `cleanup` belongs to ends.
 */
export function fixture(cleanup: Cleanup, source: string | Record<string, string> = {}, options: FixtureOptions = {}): Fixture {
  const fx = new Fixture(source, options);
  if (typeof cleanup === 'function') cleanup(() => fx.cleanup());
  else cleanup.after(() => fx.cleanup());
  return fx;
}

export class Fixture {
  /** The temporary folder the test runner removes; `dir` is inside it. */
  private readonly root: string;
  readonly dir: string;
  /** The language service as the server runs it, on this fixture's files. */
  readonly service: LanguageService;
  readonly workspace: Workspace;
  /** The files as the source named them, in order: the first is the one `diagnostics()` asks about. */
  readonly files: readonly string[];
  private version = 0;
  /** What the editor shows, by file: `restarted()` opens the same. */
  private readonly opened = new Map<string, TextDocument>();
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly client: ClientSettings;
  /** Where `$0` was. */
  readonly cursor?: Stop;
  /** Where `$0`..`$9` were. */
  readonly stops: Readonly<Record<number, Stop>>;
  readonly marks: readonly Mark[];

  /** Prefer `fixture(t, ...)`, which also removes the folder after the test. */
  constructor(source: string | Record<string, string> = {}, options: FixtureOptions = {}) {
    const parsed = typeof source === 'string' ? parseFixture(source) : { files: source, stops: {}, marks: [] };
    this.cursor = parsed.cursor;
    this.stops = parsed.stops;
    this.marks = parsed.marks;
    this.files = Object.keys(parsed.files);
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-fixture-')));
    this.dir = path.join(this.root, options.folder ?? 'myapp');
    fs.mkdirSync(this.dir);
    for (const [name, text] of Object.entries(parsed.files)) this.write(name, text);
    this.environment = options.env ?? {};
    // As VS Code: snippets, Markdown, and workspace edits that create files.
    this.client = { snippets: true, markdown: true, createFiles: true, ...options.client, workspaceFolders: [pathToUri(this.dir)] };
    this.service = new LanguageService(this.environment);
    this.service.configureClient(this.client);
    this.workspace = this.service.workspace;
  }

  /** A request at the cursor (`$0`). */
  atCursor(): FeatureRequest {
    if (!this.cursor) throw new Error('the fixture has no $0');
    return this.requestAt(this.cursor.file, this.cursor.offset);
  }

  /** A request at `$n` (`$0` is the cursor). */
  at(n: number): FeatureRequest {
    const stop = this.stops[n];
    if (!stop) throw new Error(`the fixture has no $${n}`);
    return this.requestAt(stop.file, stop.offset);
  }

  /** The line and character of `$n`, for a request over LSP. */
  position(n: number): Position {
    const stop = this.stops[n];
    if (!stop) throw new Error(`the fixture has no $${n}`);
    return TextDocument.create('file:///x', 'x', 0, this.text(stop.file)).positionAt(stop.offset);
  }

  /** The marks with a label, as `describe` writes locations. */
  marked(label: string): string[] {
    return this.describe(this.marks.filter((m) => m.label === label).map((m) => ({ uri: this.uri(m.file), range: m.range })));
  }

  write(name: string, text: string): void {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  uri(name: string): string {
    return pathToUri(this.path(name));
  }

  text(name: string): string {
    return this.workspace.readText(this.path(name)) ?? fs.readFileSync(this.path(name), 'utf8');
  }

  /** Opens a file in the "editor" (its text wins over the disk), or gives it a new text there as a new version. */
  open(name: string, text?: string): TextDocument {
    // As the server keeps an open document (server.ts), in chunks of a few lines here: every test reads across chunks.
    const doc = new ChunkedTextDocument(this.uri(name), 'dockercompose', ++this.version, text ?? fs.readFileSync(this.path(name), 'utf8'), FIXTURE_CHUNK);
    this.service.documentChanged(doc);
    this.opened.set(name, doc);
    return doc;
  }

  /**
   * A language service started afresh on this fixture: the same folder,
   * environment and client, the files the editor shows opened with their
   * current text, and nothing kept from this fixture's service.
   */
  restarted(): LanguageService {
    const service = new LanguageService(this.environment);
    service.configureClient(this.client);
    for (const doc of this.opened.values()) service.documentChanged(TextDocument.create(doc.uri, doc.languageId, 1, doc.getText()));
    return service;
  }

  /**
   * The diagnostics of a file (the fixture's first by default) as the server
   * publishes them, the file open in the editor; only those of `code` when given.
   */
  diagnostics(code?: string, name = this.files[0] ?? 'compose.yaml'): Diagnostic[] {
    if (!this.workspace.isOpen(this.uri(name))) this.open(name);
    const list = this.service.diagnostics(this.uri(name));
    return code === undefined ? list : list.filter((d) => d.code === code);
  }

  /**
   * The editor shows `file` with `text`, in which `$0` marks the cursor (a
   * file not on disk yet is written there first, as a saved file would be).
   */
  edit(text: string, file = 'compose.yaml'): { uri: string; doc: TextDocument; offset: number; position: Position } {
    const typed = cursorIn(text);
    if (!fs.existsSync(this.path(file))) this.write(file, typed.text);
    const doc = this.open(file, typed.text);
    return { uri: doc.uri, doc, offset: typed.offset, position: typed.position };
  }

  /** Completion at the `$0` of `text`, shown in the editor as `file`. */
  completion(text: string, file?: string): CompletionItem[] {
    const { uri, position } = this.edit(text, file);
    return this.service.completion(uri, position).items;
  }

  /** Hover at the `$0` of `text`, shown in the editor as `file`. */
  hover(text: string, file?: string): Hover | null {
    const { uri, position } = this.edit(text, file);
    return this.service.hover(uri, position);
  }

  /** The hover's text (Markdown or plain), empty without a hover. */
  hoverText(text: string, file?: string): string {
    const hover = this.hover(text, file);
    return hover ? (hover.contents as MarkupContent).value : '';
  }

  /** A request for a whole file (outline, links, folding): at its start. */
  request(name: string): FeatureRequest {
    return this.requestAt(name, 0);
  }

  requestAt(name: string, offset: number): FeatureRequest {
    const uri = this.uri(name);
    const doc = this.workspace.document(uri);
    const file = this.workspace.fileModel(uri);
    if (!doc || !file) throw new Error(`cannot read ${name}`);
    return {
      doc,
      file,
      project: this.workspace.project(uri),
      workspace: this.workspace,
      client: { snippets: true, markdown: true, workspaceFolders: [pathToUri(this.dir)] },
      offset,
    };
  }

  /** `file:line:text` for each location: what a person would check by eye. */
  describe(locations: readonly Location[]): string[] {
    return locations.map((l) => {
      const name = path.relative(this.dir, uriToPath(l.uri));
      const text = TextDocument.create(l.uri, 'x', 0, this.text(name));
      return `${name}:${l.range.start.line}:${text.getText(l.range)}`;
    });
  }

  /** The files' texts after a WorkspaceEdit. */
  /**
   * The texts of the files `edit` changes or creates, by name, as an editor would make them (nothing is
   * written): a file created where one exists fails, as it does in VS Code without `overwrite`.
   */
  apply(edit: WorkspaceEdit): Record<string, string> {
    const result: Record<string, string> = {};
    const nameOf = (uri: string) => path.relative(this.dir, uriToPath(uri));
    const textOf = (name: string) => result[name] ?? this.text(name);
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      result[nameOf(uri)] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, textOf(nameOf(uri))), edits as TextEdit[]);
    }
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`apply: no ${change.kind} here`);
        const name = nameOf(change.uri);
        if (fs.existsSync(path.join(this.dir, name)) || name in result) throw new Error(`apply: ${name} exists, and the edit would not overwrite it`);
        result[name] = '';
        continue;
      }
      const name = nameOf(change.textDocument.uri);
      result[name] = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'x', 0, textOf(name)), change.edits as TextEdit[]);
    }
    return result;
  }

  rangeText(name: string, range: Range): string {
    return TextDocument.create('file:///x', 'x', 0, this.text(name)).getText(range);
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The labels of completion items, in order. */
export function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** What choosing the item of `label` inserts (its edit's text, else its insert text). */
export function insertText(items: readonly CompletionItem[], label: string): string | undefined {
  const item = items.find((i) => i.label === label);
  return item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : item?.insertText;
}
