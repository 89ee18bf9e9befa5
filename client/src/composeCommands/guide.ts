// Opens a Guide (advice too long for a notification) as a rendered Markdown
// page beside the editor, the way VS Code shows a README: a read-only
// document of our own scheme (nothing to save, nothing asks on close) in the
// built-in Markdown preview, or as plain Markdown text where that is missing.
import * as vscode from 'vscode';
import type { Guide } from '../compose/faults';

const GUIDE_SCHEME = 'dockhand-guide';
const pages = new Map<string, string>();

export function registerGuides(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(GUIDE_SCHEME, {
      provideTextDocumentContent: (uri) => pages.get(uri.path) ?? '',
    }),
  );
}

export async function showGuide(guide: Guide): Promise<void> {
  const uri = vscode.Uri.from({ scheme: GUIDE_SCHEME, path: `/${guide.title}.md` });
  pages.set(uri.path, guide.markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
