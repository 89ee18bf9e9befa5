// LSP wiring only: the connection, the open documents and the capabilities.
// Every answer comes from the language service in service.ts.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InlayHint,
  type Range,
  type Position,
  type TextDocumentContentChangeEvent,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { ChunkedTextDocument, textLength } from './model/chunkedDocument';
import { LanguageService } from './service';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { EnvFileFindings } from './diagnostics/inEnvFiles';
import { HOLD_MS, opensBody, TypingHold } from './typingHold';
import { editWindow, type EditWindow } from './model/editWindow';
import { uriToPath } from './model/workspace';
import { TRIGGER_CHARACTERS } from './features/completion/triggers';
import { ComposeCheckNotification, ComposeVersionNotification, EditedFileNotification, ImagePortsNotification, ProjectInfoRequest, ReadFilesNotification, TopologyRequest } from '../../common/src/protocol';
import type { RuleSeverity } from './diagnostics/settings';
import { readFormatSettings } from './features/formatting';
import { readInlayHintSettings } from './features/inlayHints';
import { placesInMessage } from './diagnostics/make';
import { warmUpEditPath, worthWarmingUp } from './warmUp';
import { OpenLists } from './listShown';
import { collectionDue, collectWhenGrown } from './idleCollection';
import { saveCompiledCode } from './compileCache';

const connection = createConnection(ProposedFeatures.all);
/** Whether the editor shows a finding's related places (initialize): if not, their lines go into the message. */
let relatedInformationShown = false;
const forTheEditor = (uri: string, diagnostics: Diagnostic[]): Diagnostic[] => (relatedInformationShown ? diagnostics : diagnostics.map((d) => placesInMessage(d, uri)));
const hold = new TypingHold(
  (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics: forTheEditor(uri, diagnostics) }),
  HOLD_MS,
  Date.now,
  (uri, line) => guarded('typing region', () => service.typingRegion(uri, line), undefined),
);
/** The completion list each document shows, followed as the user types on, for the hold (listShown.ts). */
const openLists = new OpenLists();
/** What each document's last change left alone, read from the change event for the parser (model/editWindow.ts). */
const editWindows = new Map<string, EditWindow | undefined>();
// The store tells the typing hold where each edit lands (the line being typed), and the parser what it left alone.
// Each document's text is kept in chunks of lines (model/chunkedDocument.ts): an edit copies the chunk it lands in.
const documents = new TextDocuments<ChunkedTextDocument>({
  create: (uri, languageId, version, text) => new ChunkedTextDocument(uri, languageId, version, text),
  update: (document, changes, version) => {
    hold.edited(document.uri, changes, version);
    editWindows.set(document.uri, editWindow(document, changes));
    document.update(changes, version);
    guarded('completion', () => followOpenList(document, changes), undefined);
    noteOpenedBody(document, changes);
    return document;
  },
});
const service = new LanguageService();
/** What the Compose files' findings say about lines of env files, published on those files too. */
const envFileFindings = new EnvFileFindings(
  (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics: forTheEditor(uri, diagnostics) }),
  (uri) => documents.get(uri) !== undefined,
);
const scheduler = new DiagnosticScheduler((uri) => void publishDiagnostics(uri));
/** Documents edited since their last published diagnostics: their project's other open files are checked after them. */
const editedSinceRun = new Set<string>();

/**
 * One diagnostics run, in slices of steps (see SLICE_MS): between them the
 * event loop answers the requests that arrived (completion typed right after
 * an edit does not wait for the run), and a run whose document changed
 * meanwhile is dropped (the change scheduled a new one).
 */
async function publishDiagnostics(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const steps = guarded('diagnostics', () => service.diagnosticsInSteps(uri), undefined);
  let step: IteratorResult<void, Diagnostic[]> | undefined;
  // A turn first: the requests that came with the edit (completion as a key is typed) are answered before the
  // run, the first of them parsing the new version, and the run goes on from that parse.
  while (steps && !step?.done) {
    await nextTurn();
    if (documents.get(uri)?.version !== version) return;
    step = slice(steps);
    if (!step) break;
  }
  const diagnostics: Diagnostic[] = step?.done ? step.value : [];
  hold.show(uri, version, diagnostics);
  guarded('env file findings', () => envFileFindings.update(uri, diagnostics), undefined);
  // An env file named otherwise (`settings.conf`) read for the first time: the client sends its edited text from now on.
  const readByPath = guarded('edited file', () => service.newlyReadByPath(), undefined);
  if (readByPath) void connection.sendNotification(ReadFilesNotification, { uris: readByPath });
  // Other open files of the project may now resolve (or lose) a name: after this file's own answer, not before
  // it, and only when this file was edited (a sibling's run must not bounce back here).
  if (editedSinceRun.delete(uri)) {
    const siblings = guarded('project', () => service.projectSiblings(uri, documents.keys()), []);
    for (const other of siblings) scheduler.scheduleLater(other);
    // A base file's hints show what its override sets: editing one changes the other's.
    if (siblings.length > 0) refreshInlayHints();
  }
  // What the next edit needs from this run, made once its answer is on its way (in steps too; a newer edit stops it).
  const settling = guarded('diagnostics', () => service.settleInSteps(uri), undefined);
  while (settling) {
    await nextTurn();
    if (documents.get(uri)?.version !== version) return;
    const step = slice(settling);
    if (!step || step.done) break;
  }
  void collectWhenQuiet();
  void warmUpOnce().then(saveCompiledCodeWhenQuiet);
}

/** Whether the edit path was warmed up (warmUp.ts): once per process, after the first file's diagnostics are settled. */
let warmedUp = false;
/** Changes seen: the warm-up stops as soon as the user types (their own edits warm the same code). */
let changesSeen = 0;
/** When the server last handled a message or ran a step (performance.now()). */
let lastBusy = 0;
/** How long the server must have had nothing to do before it warms up: requests that come in a stream are answered first. */
const QUIET_MS = 200;
/** How long it must have had nothing to do before it collects: a pause in typing, not between two keys. */
const COLLECT_QUIET_MS = 1_000;

/** Resolves once the server has had nothing to do for `ms` (no message handled, no step run). */
async function quietFor(ms: number): Promise<void> {
  for (let idle = performance.now() - lastBusy; idle < ms; idle = performance.now() - lastBusy) {
    await new Promise((resolve) => setTimeout(resolve, ms - idle));
  }
}

/** A collection is waiting for a quiet moment. */
let collectionWaits = false;

/**
 * After a document's diagnostics are settled, the garbage its open (or its edits) left, collected once the
 * server has been idle for a second (idleCollection.ts): a full collection stops everything for ~50-70 ms
 * at 5,000 services, which a keystroke typed meanwhile would wait for (after 200 ms of quiet, the first
 * edit after an open of 5,000 services waited ~10 ms more in one round of two), and V8 gives the pages
 * back only ~8 s later anyway.
 */
async function collectWhenQuiet(): Promise<void> {
  if (collectionWaits || !collectionDue()) return;
  collectionWaits = true;
  try {
    await quietFor(COLLECT_QUIET_MS);
    guarded('memory', collectWhenGrown, undefined);
  } finally {
    collectionWaits = false;
  }
}

async function warmUpOnce(): Promise<void> {
  if (warmedUp) return;
  warmedUp = true;
  await quietFor(QUIET_MS);
  if (!worthWarmingUp(documents.all().map((document) => textLength(document)))) return;
  const seen = changesSeen;
  const steps = warmUpEditPath();
  let busyMs = 0;
  try {
    for (;;) {
      if (changesSeen !== seen) return; // the user's own edits warm the same code
      const start = performance.now();
      const done = guarded('warm-up', () => steps.next().done, true);
      busyMs += performance.now() - start;
      if (done) break;
      await nextTurn();
    }
    connection.console.log(`Dockhand: warmed up the edit path in ${busyMs.toFixed(0)} ms (warmUp.ts).`);
  } finally {
    steps.return();
  }
}

/**
 * Once the first file's diagnostics are settled and the warm-up done, the code they compiled is written for the
 * next start (compileCache.ts), in a quiet moment: ~1.4 MB made and written at once.
 */
async function saveCompiledCodeWhenQuiet(): Promise<void> {
  if (compiledCodeHandled) return;
  compiledCodeHandled = true;
  await quietFor(QUIET_MS);
  const done = guarded('compile cache', saveCompiledCode, undefined);
  if (done) connection.console.log(`Dockhand: ${done} (compileCache.ts).`);
}

/** Whether this process wrote (or ran from) its compiled code: once, after the first file's diagnostics. */
let compiledCodeHandled = false;

/**
 * Lets the requests that arrived during a diagnostics step be answered before
 * the next step. vscode-jsonrpc handles a message read from the stream in a
 * `setImmediate` of its own, queued behind the one a step schedules at its
 * end: with a single turn, a request sent during step N waited for step N+1
 * too (on 1,000 services a step of the first run takes up to ~100 ms). The
 * first turn lets the stream be read and the second runs after the handler.
 */
async function nextTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long a run's steps go on back to back before the event loop gets a turn. A turn between every step cost
 * more than the steps of a small file (~40 steps, two turns each): 1,013 files opened at once, each run now
 * finishing in a slice or two instead of all of them advancing a step per turn, had their diagnostics in
 * 1,193-1,340 ms instead of 1,354-1,495, the first file's in 61-111 ms instead of 171-197 (6 Dec 2026, four
 * alternating runs, production bundle over stdio; 16 ms slices gained nothing more). A step of a large file
 * takes longer than this alone, so there nothing changes, and a request waits for the slice in progress.
 */
const SLICE_MS = 4;

/** Runs `steps` for up to SLICE_MS, one step at least: the last step's result, undefined if a step failed (logged). */
function slice<T>(steps: Generator<void, T>): IteratorResult<void, T> | undefined {
  const start = performance.now();
  for (;;) {
    const step = guarded('diagnostics', () => steps.next(), undefined);
    if (!step || step.done || performance.now() - start >= SLICE_MS) return step;
  }
}

/** A failing feature answers empty and logs; one bad document must never take the server down. */
function guarded<T>(feature: string, run: () => T, fallback: T): T {
  lastBusy = performance.now();
  try {
    return run();
  } catch (error) {
    // A deliberate refusal (an invalid new name in rename) is the answer: the editor shows its message.
    if (error instanceof ResponseError) throw error;
    connection.console.error(`Dockhand ${feature} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return fallback;
  }
}

let inlayHintRefresh = false;
/** Asks the editor to fetch inlay hints again, when it can be asked. */
function refreshInlayHints(): void {
  if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
}

/**
 * The inlay hints of `range`. A variable half typed on the line being typed (`${AP`), which nothing sets,
 * has its hint shown at the pause, as the typing hold shows the errors there: the editor is asked for the
 * hints again then (it asks by itself only after an edit).
 */
function inlayHints(uri: string, range: Range): InlayHint[] {
  const line = hold.typingLine(uri);
  const typing = line === undefined ? undefined : { line, held: false };
  const hints = service.inlayHints(uri, range, typing);
  if (typing?.held) hold.whenPaused(uri, refreshInlayHints);
  return hints;
}

connection.onInitialize((params): InitializeResult => {
  inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport ?? false;
  relatedInformationShown = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation ?? false;
  service.configureClient({
    snippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false,
    lazyDocumentation: (params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties ?? []).includes('documentation'),
    markdown: (params.capabilities.textDocument?.hover?.contentFormat ?? []).includes('markdown'),
    workspaceFolders: (params.workspaceFolders ?? []).map((f) => f.uri),
    foldingRangeLimit: params.capabilities.textDocument?.foldingRange?.rangeLimit,
    createFiles: !!params.capabilities.workspace?.workspaceEdit?.documentChanges && (params.capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
  });
  const options = params.initializationOptions as { diagnostics?: { rules?: Record<string, RuleSeverity> } } | undefined;
  if (options?.diagnostics?.rules) service.configureDiagnostics({ rules: options.diagnostics.rules });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: true },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      inlayHintProvider: true,
    },
    serverInfo: { name: 'dockhand-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockhand' }).catch(() => undefined);
});

interface DockhandSettings {
  diagnostics?: { rules?: Record<string, RuleSeverity> };
  format?: unknown;
  inlayHints?: unknown;
  variables?: { processEnvironment?: boolean; showSecretValues?: boolean };
  compose?: { envFile?: string; projectName?: string };
}

connection.onNotification(ComposeVersionNotification, (params) => {
  if (typeof params?.major === 'number') service.configureCompose(params.major);
});

connection.onNotification(ComposeCheckNotification, (params) => {
  const changed = guarded('compose check', () => service.composeChecked(params), []);
  for (const uri of changed) if (documents.get(uri)) scheduler.schedule(uri);
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { dockhand?: DockhandSettings } | undefined)?.dockhand;
  service.configureDiagnostics({ rules: settings?.diagnostics?.rules ?? {} });
  service.configureFormatting(readFormatSettings(settings?.format));
  service.configureVariables({
    processEnvironment: settings?.variables?.processEnvironment === true,
    showSecretValues: settings?.variables?.showSecretValues === true,
    envFile: typeof settings?.compose?.envFile === 'string' && settings.compose.envFile !== '' ? settings.compose.envFile : undefined,
  });
  // What Dockhand's Compose commands pass as --project-name: the Docker names in hovers, hints and the topology follow it.
  service.configureProjectName(typeof settings?.compose?.projectName === 'string' ? settings.compose.projectName : undefined);
  service.configureInlayHints(readInlayHintSettings(settings?.inlayHints));
  refreshInlayHints();
  for (const document of documents.all()) scheduler.schedule(document.uri);
});

documents.onDidChangeContent((change) => {
  // Only bookkeeping here: parsing, the project and the siblings wait for the first request or the diagnostics run.
  // Opening a document is no edit: its window is undefined.
  service.documentChanged(change.document, editWindows.get(change.document.uri));
  editWindows.delete(change.document.uri);
  editedSinceRun.add(change.document.uri);
  changesSeen++;
  scheduler.schedule(change.document.uri);
});

documents.onDidClose((event) => {
  service.documentClosed(event.document.uri);
  editedSinceRun.delete(event.document.uri);
  scheduler.cancel(event.document.uri);
  hold.forget(event.document.uri);
  openLists.forget(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  guarded('env file findings', () => envFileFindings.update(event.document.uri, []), undefined);
});

/** A Dockerfile given a stage, a secret's file made, an env file mended: their findings follow without an edit. */
function changedOnDisk(paths: readonly string[]): void {
  if (!service.filesChanged(paths)) return;
  for (const document of documents.all()) scheduler.scheduleLater(document.uri);
  refreshInlayHints(); // a .env or override file changed on disk
}

connection.onDidChangeWatchedFiles(({ changes }) => changedOnDisk(changes.map((change) => uriToPath(change.uri))));

/** How often the paths the projects asked about are looked at, for the changes no watcher reported (model/diskLook.ts). */
const DISK_LOOK_MS = 2000;
setInterval(() => {
  const changed = guarded('disk look', () => service.changedOnDisk(), []);
  if (changed.length > 0) changedOnDisk(changed);
}, DISK_LOOK_MS).unref();

connection.onCompletion((p) => {
  const list = guarded('completion', () => service.completion(p.textDocument.uri, p.position, p.context), { isIncomplete: false, items: [] });
  // A list on screen: the user has stopped typing to choose, and the hold waits for that (typingHold.ts).
  const document = documents.get(p.textDocument.uri);
  if (document && guarded('completion', () => openLists.answered(document.uri, list, lineUpTo(document, p.position), p.position), false)) {
    hold.listShown(document.uri, p.position.line, document.version);
  }
  return list;
});

/** After Enter at the end of a key with no value yet: the typing hold waits longer for what the key will hold. */
function noteOpenedBody(document: ChunkedTextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
  const last = changes[changes.length - 1];
  if (!last || !('range' in last) || !last.text.includes('\n')) return;
  const line = last.range.start.line + 1;
  if (line !== last.range.start.line + last.text.split('\n').length - 1) return;
  const lineText = (n: number) => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (opensBody(last.text, lineText(line), lineText(line - 1))) hold.bodyOpened(document.uri, line, document.version);
}

/** The text of `position`'s line up to it. */
function lineUpTo(document: ChunkedTextDocument, position: Position): string {
  return document.getText({ start: { line: position.line, character: 0 }, end: position });
}

/**
 * After an edit of a document with a completion list on screen: whether the editor, filtering it as letters
 * are added, still shows it with the cursor where one line's edit left it (OpenLists), for the hold.
 */
function followOpenList(document: ChunkedTextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
  if (!openLists.isOpen(document.uri)) return;
  const last = changes[changes.length - 1];
  const range = last && 'range' in last ? last.range : undefined;
  const cursor = range && !last.text.includes('\n') ? { line: range.start.line, character: range.start.character + last.text.length } : undefined;
  if (openLists.typed(document.uri, cursor && lineUpTo(document, cursor), cursor, last?.text)) hold.listShown(document.uri, cursor!.line, document.version);
}
connection.onCompletionResolve((item) => guarded('completion', () => service.resolveCompletion(item), item));
connection.onHover((p) => guarded('hover', () => service.hover(p.textDocument.uri, p.position), null));
connection.onDefinition((p) => guarded('definition', () => service.definition(p.textDocument.uri, p.position), []));
connection.onReferences((p) =>
  guarded('references', () => service.references(p.textDocument.uri, p.position, p.context.includeDeclaration), []),
);
connection.onDocumentHighlight((p) => guarded('highlight', () => service.documentHighlights(p.textDocument.uri, p.position), []));
connection.onPrepareRename((p) => guarded('rename', () => service.prepareRename(p.textDocument.uri, p.position), null));
connection.onRenameRequest((p) => guarded('rename', () => service.rename(p.textDocument.uri, p.position, p.newName), null));
connection.onDocumentSymbol((p) => guarded('symbols', () => service.documentSymbols(p.textDocument.uri), []));
connection.onWorkspaceSymbol((p) => guarded('symbols', () => service.workspaceSymbols(p.query, documents.keys()), []));
connection.onFoldingRanges((p) => guarded('folding', () => service.foldingRanges(p.textDocument.uri), []));
connection.onDocumentLinks((p) => guarded('links', () => service.documentLinks(p.textDocument.uri), []));
connection.onCodeAction((p) =>
  guarded('code actions', () => service.codeActions(p.textDocument.uri, p.range, p.context.diagnostics), []),
);
connection.languages.inlayHint.on((p) => guarded('inlay hints', () => inlayHints(p.textDocument.uri, p.range), []));
connection.onDocumentFormatting((p) => guarded('formatting', () => service.format(p.textDocument.uri, p.options), []));
connection.onDocumentRangeFormatting((p) => guarded('formatting', () => service.format(p.textDocument.uri, p.options, p.range), []));
connection.onRequest(ProjectInfoRequest, (p) => guarded('project info', () => service.projectInfo(p.uri, p.services ?? 'full', p.placesUpTo), null));
connection.onRequest(TopologyRequest, (p) => guarded('topology', () => service.topology(p.uri), null));

/** Re-runs the open documents once an env file or Dockerfile being typed in has paused (EditedFileNotification). */
let editedFilePause: ReturnType<typeof setTimeout> | undefined;

connection.onNotification(EditedFileNotification, (p) => {
  // An env file or Dockerfile typed in: its findings (and the Compose files') follow the editor's text, not the last save.
  const text = typeof p.text === 'string' ? p.text : undefined;
  if (!guarded('edited file', () => service.fileEdited(uriToPath(p.uri), text), false)) return;
  // Only at a pause in the typing, as the typing hold does for a Compose file: `URL=${` is refused until its `}`
  // is typed, and the env file's line would flash the finding in between.
  clearTimeout(editedFilePause);
  editedFilePause = setTimeout(() => {
    editedFilePause = undefined;
    for (const document of documents.all()) scheduler.scheduleLater(document.uri);
    refreshInlayHints(); // a .env being typed in
  }, HOLD_MS);
});

connection.onNotification(ImagePortsNotification, (p) => {
  guarded('image ports', () => service.engineImagesChanged(p.images ?? []), undefined);
  // `port-not-exposed` and hovers depend on what the images expose.
  for (const document of documents.all()) scheduler.scheduleLater(document.uri);
});

process.on('unhandledRejection', (reason) => connection.console.error(`Dockhand: unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
