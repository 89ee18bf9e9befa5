// Tells the language server what the editor holds of the env files and
// Dockerfiles it reads (common/src/editedFiles.ts), while they are open: a
// line mended in `web.env` clears the Compose file's finding, and the env
// file's own, as the user types, not at the save. The language client syncs
// only Compose documents; these go as EditedFileNotification, whole text,
// at most one per COALESCE_MS while the user types, and again after the server restarts.
// Files named otherwise (`env_file: settings.conf`) go too once the server
// says it reads them (ReadFilesNotification).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { isReadBesideCompose, MAX_EDITED_FILE_CHARS } from '../../common/src/editedFiles';
import { EditedFileNotification, ReadFilesNotification, type EditedFileParams } from '../../common/src/protocol';
import { isComposeDocument } from './composeFiles';

/** The keys typed within this long of the first go as one text, the document's when it is sent. */
const COALESCE_MS = 150;

export function forwardEditedFiles(client: LanguageClient): vscode.Disposable {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The files whose text the server was given and not yet told closed. */
  const sent = new Set<string>();
  /** Files the server said it reads whatever their names (kept across restarts: the new server reads the same). */
  const readByServer = new Set<string>();

  const isForwarded = (document: vscode.TextDocument) =>
    document.uri.scheme === 'file' &&
    (isReadBesideCompose(path.basename(document.uri.fsPath), document.languageId) || readByServer.has(document.uri.toString())) &&
    !isComposeDocument(document);

  const send = (params: EditedFileParams) => {
    if (client.state !== State.Running) return;
    void client.sendNotification(EditedFileNotification, params).catch(() => undefined);
  };
  const sendText = (document: vscode.TextDocument) => {
    const uri = document.uri.toString();
    const text = document.getText();
    // Too large for an env file or a Dockerfile: the server reads the disk.
    if (text.length > MAX_EDITED_FILE_CHARS) return sendClosed(uri);
    sent.add(uri);
    send({ uri, text });
  };
  const sendClosed = (uri: string) => {
    if (!sent.delete(uri)) return;
    send({ uri });
  };
  const cancel = (uri: string) => {
    clearTimeout(pending.get(uri));
    pending.delete(uri);
  };

  const opened = (document: vscode.TextDocument) => {
    if (isForwarded(document)) sendText(document);
  };
  const changed = (event: vscode.TextDocumentChangeEvent) => {
    const document = event.document;
    if (event.contentChanges.length === 0 || !isForwarded(document)) return;
    const uri = document.uri.toString();
    // At most one text per COALESCE_MS, and never later: a timer restarted by each key would send nothing while
    // keys keep coming, and the server, which waits for a pause between texts, would take a stall for one.
    if (pending.has(uri)) return;
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        sendText(document);
      }, COALESCE_MS),
    );
  };
  const closed = (document: vscode.TextDocument) => {
    const uri = document.uri.toString();
    cancel(uri);
    sendClosed(uri);
  };
  const resendAll = () => {
    sent.clear();
    for (const document of vscode.workspace.textDocuments) opened(document);
  };

  const serverReads = (uris: readonly string[]) => {
    const fresh = uris.filter((uri) => !readByServer.has(uri));
    for (const uri of fresh) readByServer.add(uri);
    // Already open, maybe already edited: the server gets the editor's text now, not at the next key.
    for (const document of vscode.workspace.textDocuments) if (fresh.includes(document.uri.toString()) && !sent.has(document.uri.toString())) opened(document);
  };

  resendAll();
  const subscriptions = [
    client.onNotification(ReadFilesNotification, (params) => serverReads(Array.isArray(params?.uris) ? params.uris : [])),
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.workspace.onDidChangeTextDocument(changed),
    vscode.workspace.onDidCloseTextDocument(closed),
    // A restarted server knows nothing of what the editor holds.
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) resendAll();
    }),
  ];
  return new vscode.Disposable(() => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    for (const subscription of subscriptions) subscription.dispose();
  });
}
