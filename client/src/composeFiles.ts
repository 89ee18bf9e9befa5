// Which documents Dockhand treats as Compose files: VS Code's `dockercompose`
// language, plus whatever matches the `dockhand.composeFiles` globs.
import * as vscode from 'vscode';

export const COMPOSE_LANGUAGE_ID = 'dockercompose';

export function composeFileGlobs(): string[] {
  return vscode.workspace.getConfiguration('dockhand').get<string[]>('composeFiles', []);
}

export function composeDocumentSelector(): vscode.DocumentFilter[] {
  const selector: vscode.DocumentFilter[] = [{ language: COMPOSE_LANGUAGE_ID }];
  for (const pattern of composeFileGlobs()) selector.push({ pattern });
  return selector;
}

export function isComposeDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(composeDocumentSelector(), document) > 0;
}
