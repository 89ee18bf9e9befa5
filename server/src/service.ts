// The language service facade: one method per feature, no connection inside,
// so unit tests and the CLI use exactly what the server uses.
import type { CompletionList, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface ClientSettings {
  snippets: boolean;
  markdown: boolean;
  workspaceFolders: string[];
}

export class LanguageService {
  private client: ClientSettings = { snippets: true, markdown: true, workspaceFolders: [] };
  private readonly open = new Map<string, TextDocument>();

  configureClient(settings: ClientSettings): void {
    this.client = settings;
  }

  documentChanged(document: TextDocument): void {
    this.open.set(document.uri, document);
  }

  documentClosed(uri: string): void {
    this.open.delete(uri);
  }

  completion(_uri: string, _position: Position): CompletionList {
    return { isIncomplete: false, items: [] };
  }

  hover(_uri: string, _position: Position): Hover | null {
    return null;
  }
}
