// Tells the language server what the editor holds of the env files and
// Dockerfiles it reads (common/src/editedFiles.ts), while they are open: a
// line mended in `web.env` clears the Compose file's finding, and the env
// file's own, as the user types, not at the save. The language client syncs
// only Compose documents; these go as EditedFileNotification, whole text,
// at most one per COALESCE_MS while the user types, and again after the server restarts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { isReadBesideCompose, MAX_EDITED_FILE_CHARS } from '../../common/src/editedFiles';
import { EditedFileNotification, type EditedFileParams } from '../../common/src/protocol';
import { isComposeDocument } from './composeFiles';

/** The keys typed within this long of the first go as one text, the document's when it is sent. */
const COALESCE_MS = 150;

function isForwarded(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && isReadBesideCompose(path.basename(document.uri.fsPath), document.languageId) && !isComposeDocument(document);
}

export function forwardEditedFiles(client: LanguageClient): vscode.Disposable {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The files whose text the server was given and not yet told closed. */
  const sent = new Set<string>();

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

  resendAll();
  const subscriptions = [
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
