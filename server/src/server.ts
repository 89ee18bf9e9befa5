// LSP wiring only: the connection, the open documents and the capabilities.
// Every answer comes from the language service in service.ts.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from './service';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new LanguageService();

connection.onInitialize((params): InitializeResult => {
  service.configureClient({
    snippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false,
    markdown: (params.capabilities.textDocument?.hover?.contentFormat ?? []).includes('markdown'),
    workspaceFolders: (params.workspaceFolders ?? []).map((f) => f.uri),
  });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '$', '{', '/'], resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: 'dockhand-language-server', version: '0.1.0' },
  };
});

documents.onDidChangeContent((change) => service.documentChanged(change.document));
documents.onDidClose((event) => service.documentClosed(event.document.uri));

connection.onCompletion((params) => service.completion(params.textDocument.uri, params.position));
connection.onHover((params) => service.hover(params.textDocument.uri, params.position));

documents.listen(connection);
connection.listen();
