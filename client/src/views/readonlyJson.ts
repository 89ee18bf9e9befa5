// Read-only JSON documents (Inspect): served by a content provider, so the
// editor cannot save them anywhere and nobody mistakes them for a file.
import * as vscode from 'vscode';

export const INSPECT_SCHEME = 'dockhand-inspect';

export class ReadonlyJsonProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}';
  }

  /** Opens `value` as JSON under a readable name like "container/shop-web-1.json". */
  async show(kind: string, name: string, value: unknown): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${name}.json` });
    this.contents.set(uri.toString(), JSON.stringify(value, null, 2));
    this.emitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
