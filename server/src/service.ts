// The language service facade: one method per feature, no connection inside,
// so unit tests, the LSP server and the CLI use exactly the same code.
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentLink, DocumentSymbol, FoldingRange, FormattingOptions, Hover,
  InlayHint, Location, Position, Range, SymbolInformation, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseInSteps } from './diagnostics/index';
import { forgetServiceChecks, settleServiceChecks } from './diagnostics/serviceChecks';
import { applySettings, DEFAULT_DIAGNOSTIC_SETTINGS, type DiagnosticSettings } from './diagnostics/settings';
import { ComposeRefusals } from './diagnostics/composeRefusal';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { DEFAULT_FORMAT_SETTINGS, formatDocument, type FormatSettings } from './features/formatting';
import type { CompletionTrigger } from './features/completion/triggers';
import { hover } from './features/hover';
import { DEFAULT_INLAY_HINT_SETTINGS, inlayHints, type InlayHintSettings, type TypingLine } from './features/inlayHints';
import * as navigation from './features/navigation';
import { projectInfo } from './features/projectInfo';
import { DEFAULT_VARIABLE_SETTINGS, type ClientSettings, type FeatureRequest, type VariableSettings } from './features/request';
import { topology } from './features/topology';
import { typingRegion, type TypingRegion } from './features/typingRegion';
import type { EditWindow } from './model/editWindow';
import { pathToUri, Workspace } from './model/workspace';
import { tooLargeDiagnostic } from './diagnostics/tooLarge';
import type { ComposeCheckParams, EngineImagePorts, ProjectInfo, ProjectInfoServices, TopologyModel } from '../../common/src/protocol';
import { ImagePorts } from './images/exposedPorts';

export type { ClientSettings } from './features/request';

export class LanguageService {
  private client: ClientSettings = { snippets: true, markdown: true, workspaceFolders: [] };
  /** Documentation of the last completion list's items, for completionItem/resolve. */
  private pendingDocs: CompletionItem['documentation'][] = [];
  private diagnosticSettings: DiagnosticSettings = DEFAULT_DIAGNOSTIC_SETTINGS;
  private readonly composeRefusals = new ComposeRefusals();
  private formatSettings: FormatSettings = DEFAULT_FORMAT_SETTINGS;
  private inlayHintSettings: InlayHintSettings = DEFAULT_INLAY_HINT_SETTINGS;
  private variableSettings: VariableSettings = DEFAULT_VARIABLE_SETTINGS;
  readonly workspace: Workspace;
  readonly images = new ImagePorts();

  constructor(environment: Readonly<Record<string, string | undefined>> = process.env) {
    this.workspace = new Workspace(environment);
  }

  configureClient(settings: ClientSettings): void {
    this.client = { ...settings, composeMajor: settings.composeMajor ?? this.client.composeMajor };
  }

  /** Which Compose the client found (its major version): hovers name containers its way. */
  configureCompose(major: number): void {
    this.client = { ...this.client, composeMajor: major };
  }

  /**
   * The project name Dockhand's Compose commands pass as `--project-name`
   * (`dockhand.compose.projectName`; empty or undefined: Compose decides).
   * Container, network and volume names in hovers, hints and the topology follow it.
   */
  configureProjectName(name: string | undefined): void {
    this.workspace.setProjectNameOption(name?.trim() || undefined);
  }

  configureVariables(settings: VariableSettings): void {
    this.variableSettings = settings;
  }

  configureDiagnostics(settings: DiagnosticSettings): void {
    this.diagnosticSettings = settings;
  }

  configureFormatting(settings: FormatSettings): void {
    this.formatSettings = settings;
  }

  configureInlayHints(settings: InlayHintSettings): void {
    this.inlayHintSettings = settings;
  }

  /** The engine's images and their exposed ports, as the client reports them. */
  engineImagesChanged(images: readonly EngineImagePorts[]): void {
    this.images.setEngineImages(images);
  }

  /** `edit`: what the editor's change left alone (model/editWindow.ts), when it is known. */
  documentChanged(document: TextDocument, edit?: EditWindow): void {
    this.workspace.setDocument(document, edit);
  }

  documentClosed(uri: string): void {
    this.composeRefusals.forget(uri);
    this.workspace.closeDocument(uri);
    forgetServiceChecks(this.workspace, uri);
  }

  /** Files changed on disk (no list: any file); whether the findings may have changed (Workspace.filesChanged). */
  filesChanged(changed?: readonly string[]): boolean {
    const changes = this.workspace.filesChanged(changed);
    // What Compose said was about the files as they were: it is asked again when the client sees a save.
    if (changes) this.composeRefusals.clear();
    return changes;
  }

  /** Paths the projects asked about that changed on disk, reported or not (Workspace.changedOnDisk). */
  changedOnDisk(): string[] {
    return this.workspace.changedOnDisk();
  }

  /** The editor's text of an env file or Dockerfile (undefined: closed); whether the findings may have changed (Workspace.setEditedText). */
  fileEdited(file: string, text: string | undefined): boolean {
    const changes = this.workspace.setEditedText(file, text);
    if (changes) this.composeRefusals.clear();
    return changes;
  }

  /** The URIs of the files read whose names the client does not forward as edited by itself, when new ones were read (ReadFilesNotification). */
  newlyReadByPath(): string[] | undefined {
    return this.workspace.newlyReadByPath()?.map(pathToUri);
  }

  /** `trigger` is how the client asked (LSP's CompletionContext); see features/completion/triggers.ts. */
  completion(uri: string, position: Position, trigger?: CompletionTrigger): CompletionList {
    const list = this.at(uri, position, (req) => completion(req, trigger)) ?? { isIncomplete: false, items: [] };
    if (this.client.lazyDocumentation) {
      // Key docs are long; a list of a hundred keys would carry them all. The
      // client asks for an item's docs (completionItem/resolve) when it shows it.
      this.pendingDocs = [];
      for (const item of list.items) {
        if (item.documentation === undefined) continue;
        item.data = { dockhandDoc: this.pendingDocs.push(item.documentation) - 1 };
        delete item.documentation;
      }
    }
    return list;
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    const index = (item.data as { dockhandDoc?: number } | undefined)?.dockhandDoc;
    if (typeof index === 'number' && this.pendingDocs[index] !== undefined) item.documentation = this.pendingDocs[index];
    return item;
  }

  hover(uri: string, position: Position): Hover | null {
    return this.at(uri, position, hover) ?? null;
  }

  definition(uri: string, position: Position): Location[] {
    return this.at(uri, position, navigation.definition) ?? [];
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    this.settle(uri);
    return this.at(uri, position, (req) => navigation.references(req, includeDeclaration)) ?? [];
  }

  documentHighlights(uri: string, position: Position): DocumentHighlight[] {
    return this.at(uri, position, navigation.documentHighlights) ?? [];
  }

  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null {
    return this.at(uri, position, navigation.prepareRename) ?? null;
  }

  rename(uri: string, position: Position, newName: string): WorkspaceEdit | null {
    this.settle(uri);
    return this.at(uri, position, (req) => navigation.rename(req, newName)) ?? null;
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    const doc = this.workspace.document(uri);
    const file = this.workspace.fileModel(uri);
    return doc && file ? navigation.documentSymbols(doc, file) : [];
  }

  workspaceSymbols(query: string, uris: readonly string[]): SymbolInformation[] {
    return navigation.workspaceSymbols(this.workspace, uris, query);
  }

  foldingRanges(uri: string): FoldingRange[] {
    const doc = this.workspace.document(uri);
    return doc ? navigation.foldingRanges(doc, this.client.foldingRangeLimit) : [];
  }

  documentLinks(uri: string): DocumentLink[] {
    const req = this.request(uri, 0);
    return req ? navigation.documentLinks(req) : [];
  }

  /** Edits that format the document (or the lines of `range`); none for a broken or too large one. */
  format(uri: string, options: FormattingOptions, range?: Range): TextEdit[] {
    if (this.workspace.refusedSize(uri) !== undefined) return [];
    const doc = this.workspace.document(uri);
    return doc ? formatDocument(doc, options, this.formatSettings, range) : [];
  }

  /** The hints of `range`; with `typing`, those of the line being typed that wait for the pause are left out (and said). */
  inlayHints(uri: string, range: Range, typing?: TypingLine): InlayHint[] {
    const req = this.request(uri, 0);
    if (!req) return [];
    return inlayHints(req, [req.doc.text.offsetAt(range.start), req.doc.text.offsetAt(range.end)], this.inlayHintSettings, typing);
  }

  /** The diagnostics of a document, with what its next edit needs made too (`settle`; a one-off check needs none). */
  diagnostics(uri: string, settle = true): Diagnostic[] {
    const steps = this.diagnosticsInSteps(uri);
    for (;;) {
      const step = steps.next();
      if (!step.done) continue;
      if (settle) for (const settling = this.settleInSteps(uri); !settling.next().done;);
      return step.value;
    }
  }

  /** After a document's diagnostics are published: what its next edit needs from the run, made in steps (see settleServiceChecks). */
  *settleInSteps(uri: string): Generator<void, void> {
    yield* settleServiceChecks(this.workspace, uri);
  }

  /** The diagnostics run paused between its steps (see diagnoseInSteps): the LSP server answers requests in the pauses. */
  *diagnosticsInSteps(uri: string): Generator<void, Diagnostic[]> {
    const refused = this.workspace.refusedSize(uri);
    if (refused !== undefined) return [tooLargeDiagnostic(refused)];
    let req = this.request(uri, 0);
    if (!req) return [];
    // The new version is parsed and its project built: requests that came with the edit (completion, hover)
    // are answered from it before any rule runs.
    yield;
    // Blocks that merge an anchor edited since are read again first (Workspace.refreshInSteps), a few hundred a step.
    if (yield* this.workspace.refreshInSteps()) {
      req = this.request(uri, 0);
      if (!req) return [];
    }
    const found = yield* diagnoseInSteps({ ...req, settings: this.diagnosticSettings });
    const byCompose = this.composeRefusals.finding(req.doc, found);
    return byCompose ? [...found, ...applySettings([byCompose], this.diagnosticSettings)] : found;
  }

  /** What the user's Compose said of a saved project (diagnostics/composeRefusal.ts), shown on the files `shown` (open in the editor); the documents whose findings it changes. */
  composeChecked(check: ComposeCheckParams, shown: (uri: string) => boolean = (uri) => this.workspace.isOpen(uri)): string[] {
    // Compose read the disk: while the editor holds an env file or Dockerfile unsaved, Dockhand judges another text.
    return this.composeRefusals.record(this.workspace.editsUnsaved() ? { ...check, refusal: undefined } : check, shown);
  }

  codeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
    const doc = this.workspace.document(uri);
    if (doc && this.workspace.staleAt(uri, doc.text.offsetAt(range.start), doc.text.offsetAt(range.end))) this.settle(uri);
    const req = this.request(uri, 0);
    return req ? codeActions(req, range, diagnostics) : [];
  }

  /** Where typing on `line` may change findings on other lines (features/typingRegion.ts), for the typing hold. */
  typingRegion(uri: string, line: number): TypingRegion | undefined {
    const doc = this.workspace.document(uri);
    const model = doc && this.workspace.fileModel(uri);
    return doc && model ? typingRegion(doc, model, line) : undefined;
  }

  /** What Compose will create (read from the file model and the tree as written: no block need be current; asked on every edit by the volume CodeLens). */
  projectInfo(uri: string, services: ProjectInfoServices = 'full', placesUpTo?: number): ProjectInfo | null {
    const file = this.workspace.fileModel(uri);
    if (!file) return null;
    const including = this.workspace.includingProject(uri);
    const extendedBy = including ? undefined : this.workspace.extendingMainFile(uri);
    return projectInfo(including?.project ?? this.workspace.project(uri), file, services, placesUpTo, including?.mainFile, extendedBy);
  }

  /** The project that runs `uri` as Compose merges it, for the topology view: a file another project includes is drawn in that project. */
  topology(uri: string): TopologyModel | null {
    this.settle(uri);
    if (!this.workspace.fileModel(uri)) return null;
    return topology(this.workspace.includingProject(uri)?.project ?? this.workspace.project(uri), uri);
  }

  /** Open documents that belong to the same project as `uri` (their diagnostics may change with it). */
  projectSiblings(uri: string, openUris: readonly string[]): string[] {
    const project = this.workspace.project(uri);
    return openUris.filter((other) => other !== uri && project.file(other));
  }

  /**
   * The document and its project with every block current (Workspace.refreshInSteps), for answers
   * that read across the project: references, rename, the project's facts and topology.
   */
  private settle(uri: string): void {
    this.request(uri, 0);
    this.workspace.refreshNow();
  }

  private request(uri: string, offset: number): FeatureRequest | undefined {
    const doc = this.workspace.document(uri);
    const file = this.workspace.fileModel(uri);
    if (!doc || !file) return undefined;
    return { doc, file, project: this.workspace.project(uri), workspace: this.workspace, client: this.client, images: this.images, offset, variables: this.variableSettings };
  }

  private at<T>(uri: string, position: Position, feature: (req: FeatureRequest) => T): T | undefined {
    const doc = this.workspace.document(uri);
    if (!doc) return undefined;
    const offset = doc.text.offsetAt(position);
    // In a block that merges an anchor edited since: its facts are made again before they are read. Elsewhere
    // (typing in the anchor itself) the answer does not wait for the thousands of blocks that merge it.
    if (this.workspace.staleAt(uri, offset)) this.settle(uri);
    const req = this.request(uri, offset);
    return req ? feature(req) : undefined;
  }
}

