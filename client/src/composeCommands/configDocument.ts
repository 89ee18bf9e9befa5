// "Compose: Config": the merged configuration, as Compose itself computes it
// (`config`), in a read-only editor. A TextDocumentContentProvider makes it
// read-only by construction; running the command again refreshes it.
import * as vscode from 'vscode';
import { cleanOutput } from '../compose/faults';
import { requireTrust, showFault } from './notify';
import { composeContext, targetComposeFile } from './actions';
import { runCompose } from '../compose/session';

export const CONFIG_SCHEME = 'dockhand-compose-config';

export class MergedConfigProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The read-only document's URI for a compose file; the source travels in the query. */
  static uriFor(file: vscode.Uri): vscode.Uri {
    const name = file.path.split('/').pop() ?? 'compose.yaml';
    const dir = file.path.slice(0, file.path.length - name.length);
    return vscode.Uri.from({ scheme: CONFIG_SCHEME, path: `${dir}${name} (merged config).yaml`, query: file.toString() });
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query);
    if (!vscode.workspace.isTrusted) return '# Dockhand runs Compose only in a trusted workspace.\n';
    const ctx = await composeContext(source, false);
    if (!ctx) return '# Compose is not available: see the notification.\n';
    const outcome = await runCompose(ctx.prepared, ctx.resolved.project, { name: 'config' }, { skipEngineCheck: true, timeoutMs: 60_000 });
    if (!outcome.ok) {
      void showFault(outcome.fault);
      return `# ${outcome.fault.message}\n`;
    }
    const { result, fault } = outcome.value;
    if (result.code === 0) return result.stdout;
    if (fault) void showFault(fault);
    const lines = cleanOutput(result.output).map((l) => `# ${l}`);
    return `# Compose could not merge the project's files:\n${lines.join('\n')}\n`;
  }

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(CONFIG_SCHEME, this),
      vscode.commands.registerCommand('dockhand.composeConfig', async (arg?: unknown) => {
        const file = await targetComposeFile(arg);
        if (!file || !requireTrust('run Compose')) return;
        const uri = MergedConfigProvider.uriFor(file);
        this.refresh(uri);
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
        await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      }),
    );
  }
}
