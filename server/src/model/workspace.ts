// Keeps every Compose file the server knows warm: open documents (the
// editor's text wins over the disk) and files read from disk for a project
// (overrides, includes, extends targets, .env). Parses once per change.
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { composeProjectFiles, mayChangeAnyProject } from '../../../common/src/composeFiles';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ComposeDocument } from './document';
import { readEnvFile, type EnvEntry } from './env';
import { interpolateText } from './interpolation';
import { extenderOf, includerOf } from './includingProject';
import { buildFileModel, type FileModel } from './fileModel';
import type { EditWindow } from './editWindow';
import { textLength, utf8Length } from './chunkedDocument';
import { IncrementalParser } from './incremental';
import type { ParsedBlock } from './parsedBlock';
import { DiskLook } from './diskLook';
import { DiskPresence } from './diskPresence';
import { ComposeProject, environmentValue, type FileRole, type ProjectFile } from './project';
import { projectNameFrom } from '../../../common/src/projectName';
import { isReadBesideCompose } from '../../../common/src/editedFiles';

/** Files larger than this are not parsed: a clear message beats a frozen editor. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Past this many paths the paths asked are dropped at once rather than grow without bound. */
const MAX_ASKED_ENTRIES = 50_000;
/** Files named otherwise than env files and Dockerfiles that the client is asked to send as edited: more is a generated project, read from disk. */
const MAX_NAMED_READS = 1_000;

export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function pathToUri(file: string): string {
  // A lone surrogate (a path typed into a file with broken encoding) makes
  // encodeURIComponent throw; no file on disk has one, so U+FFFD loses nothing.
  return URI.file(file.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')).toString();
}

interface OpenEntry {
  readonly text: TextDocument;
  /** Keeps the blocks of earlier versions, so an edit re-parses only the block it touched. */
  readonly parser: IncrementalParser;
  doc?: ComposeDocument;
  model?: FileModel;
  /** Blocks of `doc` kept although an anchor they read changed (IncrementalParser's `stale`): read again by `refreshInSteps`. */
  stale?: ReadonlySet<ParsedBlock>;
  readonly tooLargeBytes?: number;
}

interface DiskEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly doc?: ComposeDocument;
  readonly model?: FileModel;
  readonly text?: string;
  /** The bytes are not UTF-8 (each bad sequence reads as U+FFFD in `text`): Compose refuses such a file. */
  readonly invalidUtf8?: boolean;
  /** The blocks `doc` was spliced from: handed to the editor's document when the file is opened (setDocument). */
  readonly parser?: IncrementalParser;
}

export class Workspace {
  private readonly open = new Map<string, OpenEntry>();
  private readonly disk = new Map<string, DiskEntry>();
  private readonly projects = new Map<string, ComposeProject>();
  /** The paths of the open documents, for `exists` (which is asked thousands of times a run: no URI made per question). */
  private readonly openPaths = new Set<string>();
  /** The open documents whose `stale` blocks are to be read again (`refreshInSteps`); may hold some that no longer have any. */
  private readonly withStale = new Set<string>();
  private readonly presence = new DiskPresence();
  /** The editor's text of files it holds open that are read but not synced as Compose documents: env files, Dockerfiles. */
  private readonly edited = new Map<string, string>();
  /**
   * Every path the projects looked for or read on disk, and the folders above them: a change on disk
   * anywhere else changes no finding (`filesChanged`). Rebuilt by the next run when dropped.
   */
  private readonly asked = new Set<string>();
  private readonly askedFolders = new Set<string>();
  private readonly diskLook = new DiskLook();
  /**
   * Files read for their text whose names the editor does not send by itself (`env_file: settings.conf`;
   * common/src/editedFiles.ts sends `.env`, `web.env`, `Dockerfile`...): the server tells the client, which
   * then sends what the editor holds of them too. Only grows, up to MAX_NAMED_READS: a file no longer read
   * costs a text sent now and then while it is open, nothing more.
   */
  private readonly readByPath = new Set<string>();
  private readByPathGrew = false;
  /** The `--project-name` Compose is run with (the `dockhand.compose.projectName` setting); it names every project. */
  private projectNameOption: string | undefined;

  constructor(private readonly environment: Readonly<Record<string, string | undefined>> = process.env) {}

  setProjectNameOption(name: string | undefined): void {
    if (name === this.projectNameOption) return;
    this.projectNameOption = name;
    this.projects.clear();
  }

  /** `edit`: how the editor changed the open document's last text into this one, when it said so (editWindow.ts). */
  setDocument(text: TextDocument, edit?: EditWindow): void {
    const previous = this.open.get(text.uri)?.parser;
    const parser = previous ?? this.takeDiskParser(text.uri) ?? new IncrementalParser(text.uri);
    parser.noteEdit(previous ? edit : undefined);
    if (!this.open.has(text.uri)) this.openPaths.add(uriToPath(text.uri));
    this.open.set(text.uri, { text, parser, tooLargeBytes: tooLarge(text) });
    this.projects.clear();
  }

  closeDocument(uri: string): void {
    if (this.open.delete(uri)) this.openPaths.delete(uriToPath(uri));
    this.projects.clear();
  }

  /**
   * Files changed on disk (watched-file events; no list: any file): forget what was read, when one of
   * them may change a project (mayChangeAnyProject), or is (or holds) a path a project looked for or
   * read. Whether it did: the findings of the open documents are then to be run again. The client
   * reports every file of the workspace, and a build or a checkout changes hundreds that no project reads.
   */
  filesChanged(changed?: readonly string[]): boolean {
    const matters = (file: string) => mayChangeAnyProject(file) || this.asked.has(file) || this.askedFolders.has(file) || this.disk.has(file);
    if (changed && !changed.some(matters)) return false;
    this.diskLook.reported(changed);
    this.disk.clear();
    this.presence.forget();
    this.projects.clear();
    this.asked.clear();
    this.askedFolders.clear();
    return true;
  }

  /**
   * The paths a project looked for or read that changed on disk since the last call, whether or not
   * a watcher reported them (`diskLook.ts`); the server asks every few seconds and passes them to
   * `filesChanged`.
   */
  changedOnDisk(): string[] {
    return this.diskLook.changed(this.asked);
  }

  /**
   * The editor's text of an env file or Dockerfile it holds open (undefined: closed, the disk counts
   * again), read before the disk from now on. Whether a project read the file (or may: a `.env`), so
   * the open documents' findings are to be run again.
   */
  setEditedText(file: string, text: string | undefined): boolean {
    if (text === undefined ? !this.edited.delete(file) : this.edited.get(file) === text) return false;
    if (text !== undefined) this.edited.set(file, text);
    const matters = mayChangeAnyProject(file) || this.asked.has(file);
    if (matters) this.projects.clear();
    return matters;
  }

  /** Whether the editor holds a text of an env file or Dockerfile that is not the disk's (mended, not saved yet). */
  editsUnsaved(): boolean {
    for (const [file, text] of this.edited) if (this.readDisk(file)?.text !== text) return true;
    return false;
  }

  /** `file` is looked for or read on disk: note it and its folders for `filesChanged`. */
  private noteAsked(file: string): void {
    if (this.asked.has(file)) return;
    if (this.asked.size >= MAX_ASKED_ENTRIES) {
      this.asked.clear();
      this.askedFolders.clear();
    }
    this.asked.add(file);
    for (let folder = path.dirname(file); !this.askedFolders.has(folder); folder = path.dirname(folder)) {
      this.askedFolders.add(folder);
      if (path.dirname(folder) === folder) break;
    }
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  document(uri: string): ComposeDocument | undefined {
    const entry = this.open.get(uri);
    if (entry) {
      if (entry.tooLargeBytes !== undefined) return undefined;
      if (!entry.doc) {
        // Blocks that merely read a changed anchor are read again by the diagnostics run, not here (refreshInSteps).
        const result = entry.parser.parse(entry.text, { deferStale: true });
        entry.doc = result.doc;
        entry.stale = result.stale.length > 0 ? new Set(result.stale) : undefined;
        if (entry.stale) this.withStale.add(uri);
      }
      return entry.doc;
    }
    return this.fromDisk(uriToPath(uri))?.doc;
  }

  fileModel(uri: string): FileModel | undefined {
    const entry = this.open.get(uri);
    if (entry) {
      if (entry.tooLargeBytes !== undefined) return undefined;
      if (!entry.model) entry.model = buildFileModel(this.document(uri)!);
      return entry.model;
    }
    return this.fromDisk(uriToPath(uri))?.model;
  }

  /**
   * Reads again, in steps, every block of the open documents that was kept
   * although an anchor it reads changed (`document` defers them so a request
   * typed in the anchor does not wait for thousands of blocks). Before rules
   * run on a project, its documents must be current in this sense: what is
   * derived from such a block (its findings, its services' facts) is keyed by
   * its nodes and read the anchor's old value. Yields between steps; a
   * document edited meanwhile is left to its own next run.
   */
  *refreshInSteps(): Generator<void, boolean> {
    let refreshed = false;
    // Only the documents with such blocks (a run for each of 1,000 files opened at once looked at every one).
    for (const uri of [...this.withStale]) {
      const entry = this.open.get(uri);
      if (!entry?.stale || !entry.doc) {
        this.withStale.delete(uri);
        continue;
      }
      const text = entry.text;
      const result = yield* entry.parser.refreshInSteps(text);
      if (this.open.get(uri) !== entry || entry.text !== text) continue;
      entry.doc = result.doc;
      entry.model = undefined;
      entry.stale = undefined;
      this.withStale.delete(uri);
      this.projects.clear();
      refreshed = true;
    }
    return refreshed;
  }

  /** `refreshInSteps` at once: for an answer that reads across blocks or in a stale one (see `staleAt`). */
  refreshNow(): void {
    for (const steps = this.refreshInSteps(); !steps.next().done; );
  }

  /** Whether `offset` of an open document lies in a block kept with the old value of an anchor it reads. */
  staleAt(uri: string, start: number, end = start): boolean {
    const entry = this.open.get(uri);
    if (!entry?.stale) return false;
    for (const block of entry.stale) if (block.offset <= end && start <= block.offset + block.text.length) return true;
    return false;
  }

  /** Whether the file of `uri` on disk, what Compose reads, is not UTF-8 (streamCharacters.ts). */
  invalidUtf8OnDisk(uri: string): boolean {
    return this.readDisk(uriToPath(uri))?.invalidUtf8 === true;
  }

  /** The size in bytes of an open document too large to parse (MAX_FILE_BYTES), else undefined. */
  refusedSize(uri: string): number | undefined {
    return this.open.get(uri)?.tooLargeBytes;
  }

  /** The text of a file, from the editor if open (a Compose document, or an env file or Dockerfile: setEditedText), else from disk. */
  readText(file: string): string | undefined {
    // An open document's path is known without making its URI (asked for every project built: its `.env`).
    const open = this.openPaths.has(file) ? this.open.get(pathToUri(file)) : undefined;
    if (open) return open.text.getText();
    if (!this.readByPath.has(file) && this.readByPath.size < MAX_NAMED_READS && !isReadBesideCompose(path.basename(file))) {
      this.readByPath.add(file);
      this.readByPathGrew = true;
    }
    const edited = this.edited.get(file);
    if (edited === undefined) return this.readDisk(file)?.text;
    this.noteAsked(file);
    return edited;
  }

  /** The files `readText` read whose names the editor does not send by itself, when there are new ones since the last call. */
  newlyReadByPath(): string[] | undefined {
    if (!this.readByPathGrew) return undefined;
    this.readByPathGrew = false;
    return [...this.readByPath];
  }

  /**
   * Whether `file` is open or on disk. What the disk said is kept a moment: a run of the
   * diagnostics asks about every service's build folder, env files and mounted files (5,000
   * services, 5,000 paths) on every edit, and a user who makes a missing file while typing is
   * answered at the next run after that moment (sooner when the client reports a change).
   */
  exists(file: string): boolean {
    if (this.openPaths.has(file)) return true;
    this.noteAsked(file);
    return this.presence.exists(file);
  }

  /**
   * Whether `file` is a folder on disk (an open document is not): asked only of a path `exists` said yes to
   * and that reads as no text, since a folder where Compose reads a file (`env_file: .`) is refused.
   */
  isFolder(file: string): boolean {
    if (this.openPaths.has(file)) return false;
    this.noteAsked(file);
    try {
      return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }

  /** The project that includes `uri`, with its main file, when one does (model/includingProject.ts): what runs the file. */
  includingProject(uri: string): { readonly project: ComposeProject; readonly mainFile: string } | undefined {
    return includerOf(uriToPath(uri), (p) => this.exists(p), (p) => this.project(pathToUri(p)));
  }

  /** The main file of the project that takes services from `uri` with `extends` only, when one does (model/includingProject.ts). */
  extendingMainFile(uri: string): string | undefined {
    return extenderOf(uriToPath(uri), (p) => this.exists(p), (p) => this.project(pathToUri(p)));
  }

  project(uri: string): ComposeProject {
    let project = this.projects.get(uri);
    if (!project) {
      project = this.buildProject(uriToPath(uri));
      this.projects.set(uri, project);
    }
    return project;
  }

  /**
   * A file read from disk (a sibling of an open file, a file the client asked
   * about) and now opened: the editor's document starts from the blocks the
   * disk read parsed, so the open re-parses only the blocks whose text differs
   * and the findings kept with them (blockRules.ts, serviceChecks.ts) stay.
   * The disk entry gives them up: the open document moves its blocks' ranges
   * in place as it is edited, so the disk's tree would no longer match its
   * text (read again from disk once the file is closed).
   */
  private takeDiskParser(uri: string): IncrementalParser | undefined {
    const file = uriToPath(uri);
    const entry = this.disk.get(file);
    // The blocks carry the disk read's URI: only the same spelling may adopt them.
    if (!entry?.parser || pathToUri(file) !== uri) return undefined;
    this.disk.set(file, { mtimeMs: entry.mtimeMs, size: entry.size, text: entry.text, invalidUtf8: entry.invalidUtf8 });
    return entry.parser;
  }

  private readDisk(file: string): DiskEntry | undefined {
    this.noteAsked(file);
    // No exception for a missing file: every project built asks for its `.env` (every version of an open
    // document), and most projects have none; a thrown error costs ~35 µs to make (1,000 files opened at once:
    // ~38 ms of the server's time), `throwIfNoEntry` nothing.
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      // Unreadable (no permission, a broken path): as missing.
    }
    if (!stat) {
      this.disk.delete(file);
      return undefined;
    }
    const cached = this.disk.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const text = bytes.toString('utf8');
    // A replacement character in the text is either written in the file or a byte sequence that is not UTF-8.
    const invalidUtf8 = text.includes('\uFFFD') && !isUtf8(bytes);
    const entry: DiskEntry = invalidUtf8 ? { mtimeMs: stat.mtimeMs, size: stat.size, text, invalidUtf8 } : { mtimeMs: stat.mtimeMs, size: stat.size, text };
    this.disk.set(file, entry);
    return entry;
  }

  private fromDisk(file: string): { doc: ComposeDocument; model: FileModel } | undefined {
    const entry = this.readDisk(file);
    if (!entry || entry.text === undefined) return undefined;
    if (entry.doc && entry.model) return { doc: entry.doc, model: entry.model };
    // Parsed block by block as an open document is (the same tree), so opening the file later reuses the blocks.
    const uri = pathToUri(file);
    const parser = new IncrementalParser(uri);
    const doc = parser.parse(TextDocument.create(uri, 'dockercompose', 0, entry.text)).doc;
    const model = buildFileModel(doc);
    this.disk.set(file, { ...entry, doc, model, parser });
    return { doc, model };
  }

  private buildProject(file: string): ComposeProject {
    // A file another project includes is loaded as a project of its own, which runs (reads its `.env`, resolves
    // its relative paths) in the folder the include entry's `project_directory` names, else in its own.
    const includer = this.includingProject(pathToUri(file));
    const includedIn = includer && includedProjectDirectory(includer.project, file);
    const directory = includedIn ?? path.dirname(file);
    const envFile = path.join(directory, '.env');
    const envText = this.readText(envFile);
    // The environment is asked name by name (not copied: a project is built for every version of an open document).
    const outer = (name: string) => environmentValue(this.environment, name);
    const dotenv: Map<string, EnvEntry> = envText !== undefined ? readEnvFile(envText, outer).entries : new Map();
    const variable = (name: string) => outer(name) ?? dotenv.get(name)?.value;

    // Only files that exist are analysed; Compose itself reports a missing one.
    const merged = composeProjectFiles(file, (p) => this.exists(p), {
      COMPOSE_FILE: variable('COMPOSE_FILE'),
      COMPOSE_PATH_SEPARATOR: variable('COMPOSE_PATH_SEPARATOR'),
    }).filter((p) => this.exists(p));
    const files: ProjectFile[] = [];
    const seen = new Set<string>();
    const add = (p: string, role: FileRole): ProjectFile | undefined => {
      if (seen.has(p)) return undefined;
      const uri = pathToUri(p);
      const model = this.fileModel(uri);
      if (!model) return undefined;
      seen.add(p);
      const entry = { path: p, uri, role, model };
      files.push(entry);
      return entry;
    };
    merged.forEach((p, i) => add(p, i === 0 ? 'main' : 'override'));
    this.addIncludesAndExtends(files, add);

    const main = files[0];
    const nameKey = [...files].reverse().find((f) => f.role !== 'include' && f.role !== 'extends' && f.model.projectName)?.model.projectName;
    // Compose substitutes variables in `name:` too (`name: ${STACK:-shop}` is shop); one that gives nothing falls to the folder's name.
    const nameText = nameKey === undefined ? undefined : interpolateText(nameKey, variable).text;
    // A file another project includes is checked on its own, but Compose names its containers and volumes after that project.
    const name = (main === undefined || main.path === file ? includer : this.includingProject(pathToUri(main.path)))?.project.name
      ?? projectNameFrom(nameText, variable('COMPOSE_PROJECT_NAME'), path.basename(main ? path.dirname(main.path) : directory), this.projectNameOption);
    return new ComposeProject(
      includedIn ?? (main ? path.dirname(main.path) : directory),
      name,
      files,
      dotenv,
      envText !== undefined ? envFile : undefined,
      this.environment,
    );
  }

  private addIncludesAndExtends(files: ProjectFile[], add: (p: string, role: FileRole) => ProjectFile | undefined): void {
    // Breadth first over the growing list; `seen` in `add` stops include cycles, so nested includes are
    // followed as deep as they go, as Compose follows them (a depth bound here made the names of a tenth
    // nested file undefined). The 200 files bound the work of a generated project.
    for (let i = 0; i < files.length && i < 200; i++) {
      const file = files[i];
      const dir = path.dirname(file.path);
      if (file.role !== 'extends') {
        for (const include of file.model.includes) add(path.resolve(dir, include.path), 'include');
      }
      // An index loop: the references are tens of thousands on a large file, and this runs for every version.
      const references = file.model.references;
      for (let r = 0; r < references.length; r++) {
        const other = references[r]!.file;
        if (other && !other.includes('${')) add(path.resolve(dir, other), 'extends');
      }
    }
  }
}

/** The folder an include entry of `project` gives `file` as its `project_directory`, resolved from the including file's folder. */
function includedProjectDirectory(project: ComposeProject, file: string): string | undefined {
  for (const including of project.files) {
    const dir = path.dirname(including.path);
    for (const include of including.model.includes) {
      if (include.projectDirectory && path.resolve(dir, include.path) === file) return path.resolve(dir, include.projectDirectory);
    }
  }
  return undefined;
}

/** The UTF-8 size of `text` when it is over MAX_FILE_BYTES (counted only when it may be: bytes >= UTF-16 units). */
function tooLarge(text: TextDocument): number | undefined {
  if (textLength(text) * 3 <= MAX_FILE_BYTES) return undefined;
  const bytes = utf8Length(text);
  return bytes > MAX_FILE_BYTES ? bytes : undefined;
}

