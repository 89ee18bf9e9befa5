// Dockhand: Show Topology. One webview per Compose project, beside the file,
// drawing the project as the language server merges it (`dockhand/topology`:
// the client never parses Compose files). It follows edits of the project's
// files (debounced, redrawn without flicker by the page) and, when the engine
// is reachable and the workspace trusted, the services' live state from the
// engine's events: the same states the CodeLens shows.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TopologyRequest, type TopologyLocation, type TopologyModel, type TopologyParams } from '../../../common/src/protocol';
import { resolveProject } from '../composeCommands/project';
import { readComposeSettings } from '../composeCommands/settings';
import { projectServiceStates, statusLabel, type ServiceStatus } from '../compose/state';
import { PROJECT_LABEL } from '../docker/projects';
import { debounce } from '../docker/events';
import { languageClient } from '../languageClient';
import type { EngineSession } from './engineSession';
import type { LiveState } from './topologyGraph';
import { topologyHtml } from './topologyHtml';

/** What the page last reported drawing (tests and the status read it). */
export interface DrawnReport {
  counts: { services: number; groups: number; edges: number; hidden: number; nodes: number };
  ms: { graph: number; layout: number; render: number; total: number };
}

export async function requestTopology(uri: vscode.Uri): Promise<TopologyModel | undefined> {
  const client = languageClient();
  if (!client || !client.isRunning()) return undefined;
  const params: TopologyParams = { uri: uri.toString() };
  return (await client.sendRequest(TopologyRequest, params)) ?? undefined;
}

export function liveState(status: ServiceStatus): LiveState {
  const state = status.state === 'other' ? (status.detail === 'restarting' ? 'restarting' : 'other') : status.state;
  return { state, label: statusLabel(status) };
}

export class TopologyPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, TopologyPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private model: TopologyModel | undefined;
  private states: Record<string, LiveState> = {};
  private engineNote: string | undefined;
  private projectName: string | undefined;
  private disposed = false;
  private ready = false;
  /** The last drawing the page reported. */
  drawn: DrawnReport | undefined;
  private readonly drawnEmitter = new vscode.EventEmitter<DrawnReport>();
  readonly onDidDraw = this.drawnEmitter.event;

  /** Opens (or reveals) the view of the project of `uri`. */
  static async show(context: vscode.ExtensionContext, session: EngineSession, uri: vscode.Uri): Promise<TopologyPanel | undefined> {
    const model = await requestTopology(uri).catch(() => undefined);
    if (!model) {
      void vscode.window.showWarningMessage(`Dockhand could not read the Compose project of ${path.basename(uri.fsPath)}: the language server did not answer.`);
      return undefined;
    }
    const key = model.files[0] ?? uri.fsPath;
    const existing = TopologyPanel.panels.get(key);
    if (existing) {
      existing.uri = uri;
      existing.panel.reveal(undefined, true);
      void existing.refreshModel();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      'dockhand.topology',
      `Topology: ${model.projectName}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] },
    );
    const created = new TopologyPanel(context, session, uri, panel, key, model);
    TopologyPanel.panels.set(key, created);
    return created;
  }

  /** For tests: every open topology view. */
  static all(): TopologyPanel[] {
    return [...TopologyPanel.panels.values()];
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly session: EngineSession,
    /** The file the view was opened from: its definitions are the ones a click reveals first. */
    private uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly key: string,
    model: TopologyModel,
  ) {
    this.model = model;
    const nonce = randomBytes(16).toString('base64');
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'topologyView.js')).toString();
    panel.webview.html = topologyHtml({ nonce, cspSource: panel.webview.cspSource, scriptUri, title: `Topology: ${model.projectName}` });
    const followEdits = debounce(() => void this.refreshModel(), 300);
    const refreshStates = debounce(() => void this.refreshStates(), 300);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.concerns(e.document.uri)) followEdits();
      }),
      // A file added to or removed from the project (an override, an include) changes the picture too.
      vscode.workspace.onDidSaveTextDocument(() => followEdits()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The server names networks and volumes after the setting too (their Docker names change).
        if (e.affectsConfiguration('dockhand.compose.projectName')) {
          followEdits();
          refreshStates();
        }
      }),
      session.onEvent((e) => {
        if (e.type === 'container' && (!this.projectName || e.attributes[PROJECT_LABEL] === this.projectName)) refreshStates();
      }),
      session.onDidChange(() => refreshStates()),
      { dispose: () => (followEdits.cancel(), refreshStates.cancel()) },
    );
    void this.refreshStates();
  }

  /** A file of the project, or any Compose file beside it (it may join the project). */
  private concerns(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || !this.model) return false;
    const files = new Set(this.model.files);
    for (const s of this.model.services) if (s.location) files.add(vscode.Uri.parse(s.location.uri).fsPath);
    return files.has(uri.fsPath) || path.dirname(uri.fsPath) === path.dirname(this.key);
  }

  private post(message: unknown): void {
    if (!this.disposed && this.ready) void this.panel.webview.postMessage(message);
  }

  async refreshModel(): Promise<void> {
    try {
      const model = await requestTopology(this.uri);
      if (!model || this.disposed) return;
      const added = !this.engineNote && model.services.some((s) => !this.states[s.name]);
      this.model = model;
      this.post({ type: 'model', model, states: this.states });
      // A service added by the edit has no state yet: ask the engine (once; states follow its events after that).
      if (added) void this.refreshStates();
    } catch {
      /* the server restarts or the file went away: keep the last picture */
    }
  }

  async refreshStates(): Promise<void> {
    if (this.disposed) return;
    if (!vscode.workspace.isTrusted) {
      this.engineNote = 'live state needs a trusted workspace';
    } else {
      try {
        const resolved = await resolveProject(this.uri, readComposeSettings(this.uri));
        this.projectName = resolved.projectName;
        const { docker } = await this.session.engine();
        const states = await projectServiceStates(docker, resolved.projectName);
        this.states = Object.fromEntries([...(this.model?.services ?? []).map((s) => [s.name, liveState(states.get(s.name) ?? { state: 'not-created' })] as const)]);
        this.engineNote = undefined;
      } catch {
        // Without an engine the picture is still complete: only the states are missing.
        this.states = {};
        this.engineNote = 'engine not reachable: no live state';
      }
    }
    this.post({ type: 'states', states: this.states, note: this.engineNote });
  }

  private async onMessage(message: { type?: string; location?: TopologyLocation; svg?: string } & Partial<DrawnReport>): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'model', model: this.model, states: this.states });
        this.post({ type: 'states', states: this.states, note: this.engineNote });
        break;
      case 'drawn':
        this.drawn = { counts: message.counts!, ms: message.ms! };
        this.drawnEmitter.fire(this.drawn);
        break;
      case 'reveal':
        if (message.location) await this.reveal(message.location);
        break;
      case 'export':
        if (typeof message.svg === 'string') await this.export(message.svg);
        break;
    }
  }

  /** Moves an editor to a definition; only locations in the project's files (the page could be asked anything). */
  private async reveal(location: TopologyLocation): Promise<void> {
    const uri = vscode.Uri.parse(location.uri);
    if (uri.scheme !== 'file' || !this.isProjectFile(uri)) return;
    const r = location.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = open?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private isProjectFile(uri: vscode.Uri): boolean {
    const m = this.model;
    if (!m) return false;
    const known = [
      ...m.files.map((f) => vscode.Uri.file(f).toString()),
      ...[...m.services, ...m.networks, ...m.volumes, ...m.secrets, ...m.configs].flatMap((x) => (x.location ? [x.location.uri] : [])),
    ];
    return known.includes(uri.toString());
  }

  private async export(svg: string): Promise<void> {
    const folder = this.model?.files[0] ? path.dirname(this.model.files[0]) : undefined;
    const target = await vscode.window.showSaveDialog({
      title: 'Export the topology as SVG',
      defaultUri: folder ? vscode.Uri.file(path.join(folder, `${this.model?.projectName ?? 'compose'}-topology.svg`)) : undefined,
      filters: { 'SVG image': ['svg'] },
    });
    // The save dialog itself asks before replacing an existing file.
    if (!target) return;
    try {
      await writeFile(target.fsPath, svg, 'utf8');
      void vscode.window.showInformationMessage(`Saved the topology to ${target.fsPath}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    TopologyPanel.panels.delete(this.key);
    this.drawnEmitter.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The command, from the palette (active editor), the editor title, or the CodeLens (a URI). */
export function registerTopology(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dockhand.showTopology', async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage('Open a Compose file to see its topology.');
        return undefined;
      }
      return TopologyPanel.show(context, session, uri);
    }),
    { dispose: () => TopologyPanel.all().forEach((p) => p.panel.dispose()) },
  );
}
