// On compose files: a CodeLens on each named volume saying whether the engine
// has it and how big it is, a warning with a quick fix ("Create volume",
// "Create network") on an `external: true` volume or network the engine lacks,
// and one on what a service asks of it that it cannot give (`cpus: 4` on 2
// CPUs, a runtime or logging driver it lacks). The client never parses
// Compose: the server's dockhand/projectInfo gives the volumes, their ranges
// and full names; the engine gives the rest.
import * as vscode from 'vscode';
import { ProjectInfoRequest, type ProjectInfo } from '../../../common/src/protocol';
import { composeDocumentSelector, isComposeDocument } from '../composeFiles';
import { MISSING_EXTERNAL_CODE, volumeStatuses, type VolumeStatus } from '../docker/composeVolumeStatus';
import { MISSING_EXTERNAL_NETWORK_CODE, missingExternalNetworks, type MissingNetwork } from '../docker/composeNetworkStatus';
import { engineWarnings, type EngineWarning } from '../docker/composeEngineStatus';
import { debounce } from '../docker/events';
import type { VolumeInfo } from '../docker/volumes';
import { languageClient } from '../languageClient';
import { LensRefresh } from '../lensRefresh';
import type { EngineSession } from './engineSession';

/** What the engine says of a compose file's project. */
interface EngineStatuses {
  volumes: VolumeStatus[];
  networks: MissingNetwork[];
  asks: EngineWarning[];
}

function toRange(r: NonNullable<VolumeStatus['range']>): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class ComposeVolumeStatus implements vscode.CodeLensProvider, vscode.CodeActionProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dockhand-volumes');
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly updateVisible = debounce(() => void this.updateAllVisible(), 600);
  private readonly refresh = new LensRefresh({
    signal: () => this.emitter.fire(),
    onScreen: () => vscode.window.visibleTextEditors.some((e) => isComposeDocument(e.document)),
  });

  constructor(private readonly session: EngineSession) {
    this.subscriptions.push(
      // The session reads its volume listing again before it says so (engineSession.ts).
      session.onDidChange(() => {
        this.refresh.changed();
        this.updateVisible();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => isComposeDocument(d) && this.updateVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => isComposeDocument(e.document) && this.updateVisible()),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisible()),
    );
    this.updateVisible();
  }

  /** The volumes of the document's project with what the engine says, its external networks the engine lacks and the CPU requests it cannot meet; undefined when the server or engine cannot answer. */
  async statuses(document: vscode.TextDocument): Promise<EngineStatuses | undefined> {
    const client = languageClient();
    if (!client || !client.isRunning()) return undefined;
    let info: ProjectInfo | null;
    try {
      info = await client.sendRequest(ProjectInfoRequest, { uri: document.uri.toString(), services: 'none' });
    } catch {
      return undefined;
    }
    const externalNetworks = info?.networks.filter((n) => n.external && n.range) ?? [];
    const engineRequests = info?.engineRequests ?? [];
    if (!info || (info.volumes.length === 0 && externalNetworks.length === 0 && engineRequests.length === 0)) return { volumes: [], networks: [], asks: [] };
    try {
      const engine = info.volumes.length === 0 ? new Map<string, VolumeInfo>() : new Map((await this.session.volumes()).map((v) => [v.name, v]));
      const networks = externalNetworks.length === 0 ? [] : missingExternalNetworks(externalNetworks, await this.session.networkNames());
      const asks = engineRequests.length === 0 ? [] : engineWarnings(engineRequests, await this.session.facts());
      return { volumes: volumeStatuses(info.volumes, engine), networks, asks };
    } catch {
      return undefined; // No engine: say nothing rather than claim volumes or networks are missing.
    }
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    this.refresh.asked();
    const found = await this.statuses(document);
    if (!found) return [];
    this.publish(document, found);
    return found.volumes
      .filter((s) => s.range)
      .map((s) => {
        const range = toRange(s.range!);
        if (s.exists) return new vscode.CodeLens(range, { title: s.title, command: 'dockhand.volumeInspect', arguments: [s.fullName] });
        if (s.external) return new vscode.CodeLens(range, { title: `${s.title} — Create it`, command: 'dockhand.volumeCreate', arguments: [s.fullName] });
        return new vscode.CodeLens(range, { title: s.title, command: '' });
      });
  }

  private publish(document: vscode.TextDocument, found: EngineStatuses): void {
    const warning = (range: NonNullable<VolumeStatus['range']>, message: string, code: string) => {
      const d = new vscode.Diagnostic(toRange(range), message, vscode.DiagnosticSeverity.Warning);
      d.source = 'dockhand';
      d.code = code;
      return d;
    };
    const diagnostics = [
      ...found.volumes.filter((s) => s.warning && s.range).map((s) => warning(s.range!, s.warning!, MISSING_EXTERNAL_CODE)),
      ...found.networks.map((n) => warning(n.range, n.warning, MISSING_EXTERNAL_NETWORK_CODE)),
      ...found.asks.map((a) => warning(a.range, a.warning, a.code)),
    ];
    this.diagnostics.set(document.uri, diagnostics);
  }

  private async updateAllVisible(): Promise<void> {
    const documents = new Set(vscode.window.visibleTextEditors.map((e) => e.document).filter(isComposeDocument));
    for (const document of documents) {
      const found = await this.statuses(document);
      if (found) this.publish(document, found);
    }
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const kinds: Record<string, { what: string; command: string }> = {
      [MISSING_EXTERNAL_CODE]: { what: 'volume', command: 'dockhand.volumeCreate' },
      [MISSING_EXTERNAL_NETWORK_CODE]: { what: 'network', command: 'dockhand.networkCreate' },
    };
    return context.diagnostics
      .filter((d) => d.source === 'dockhand' && typeof d.code === 'string' && d.code in kinds)
      .map((d) => {
        const { what, command } = kinds[d.code as string]!;
        const name = /"([^"]+)"/.exec(d.message)?.[1] ?? document.getText(d.range);
        const action = new vscode.CodeAction(`Create ${what} "${name}" on the Docker engine`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.command = { command, title: `Create ${what}`, arguments: [name] };
        return action;
      });
  }

  dispose(): void {
    this.updateVisible.cancel();
    this.refresh.dispose();
    this.emitter.dispose();
    this.diagnostics.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

export function registerComposeVolumeStatus(context: vscode.ExtensionContext, session: EngineSession): ComposeVolumeStatus {
  const status = new ComposeVolumeStatus(session);
  const selector = composeDocumentSelector();
  context.subscriptions.push(
    status,
    vscode.languages.registerCodeLensProvider(selector, status),
    vscode.languages.registerCodeActionsProvider(selector, status, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
  return status;
}
