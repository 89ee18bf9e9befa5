// Asks the user's own Compose about a Compose file's project when the file is
// opened or saved (`config -q`, no engine needed) and tells the language
// server what it said (dockhand/composeCheck), which shows a refusal its own
// rules did not find as a problem (server/src/diagnostics/composeRefusal.ts):
// a key newer than the Compose installed, say. A file saved in a Compose file's
// folder or below (an env file, a Dockerfile) checks that Compose file again. Compose reads the disk, so only
// a project whose open files are all saved is checked, and the versions they
// had then go with the answer. Nothing runs in an untrusted workspace (the
// Compose command may come from a workspace setting), nor when the rule is off.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ComposeCheckNotification, type ComposeCheckParams } from '../../common/src/protocol';
import { prepareCompose, runCompose } from './compose/session';
import { resolveProject } from './composeCommands/project';
import { readComposeSettings } from './composeCommands/settings';
import { ComposeCheckPacing } from './composeCheckPacing';

const LANGUAGE = 'dockercompose';
/** Saves come in bursts (Save All, format on save): one check per file after the last. */
const SETTLE_MS = 400;
/** Compose reads a project in well under a second; a larger one is not worth waiting on for this. */
const TIMEOUT_MS = 30_000;

export function checkWithComposeOnSave(context: vscode.ExtensionContext, client: LanguageClient): void {
  const timers = new Map<string, NodeJS.Timeout>();
  // One Compose run at a time, for all files (VS Code may reopen a dozen at start-up); a file saved again
  // while it waits or runs is checked once more after, not once per save (auto save on a large project).
  // Each check rests the next in proportion to its length (composeCheckPacing.ts): a large project's Compose
  // run takes seconds of CPU, and auto save would otherwise run it back to back while the user types.
  const waiting = new Map<string, vscode.Uri>();
  const pacing = new ComposeCheckPacing();
  let working = false;
  const work = async () => {
    if (working) return;
    working = true;
    try {
      for (let next = waiting.entries().next(); !next.done; next = waiting.entries().next()) {
        const rest = pacing.waitMs();
        if (rest > 0) {
          await new Promise((resolve) => setTimeout(resolve, rest));
          continue; // what waits may have changed meanwhile
        }
        const [key, uri] = next.value;
        waiting.delete(key);
        const startedAt = Date.now();
        const ran = await check(client, uri).catch(() => false);
        if (ran) pacing.ran(startedAt);
      }
    } finally {
      working = false;
    }
  };
  const run = (key: string, uri: vscode.Uri) => {
    waiting.set(key, uri);
    void work();
  };
  const schedule = (document: vscode.TextDocument) => {
    if (document.languageId !== LANGUAGE || document.uri.scheme !== 'file' || !wanted(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      run(key, document.uri);
    }, SETTLE_MS));
  };
  context.subscriptions.push(
    // A saved env file, Dockerfile or included file may change the answer for the Compose files above it.
    vscode.workspace.onDidSaveTextDocument((saved) => {
      for (const document of vscode.workspace.textDocuments) if (document === saved || isUnder(saved.uri, document.uri)) schedule(document);
    }),
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.textDocuments.forEach(schedule)),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  vscode.workspace.textDocuments.forEach(schedule);
}

/** Whether `file` is in the folder of Compose file `compose`, or below it. */
function isUnder(file: vscode.Uri, compose: vscode.Uri): boolean {
  if (file.scheme !== 'file' || compose.scheme !== 'file') return false;
  const folder = path.dirname(compose.fsPath) + path.sep;
  return file.fsPath.startsWith(folder);
}

/** Trusted, and `compose-refuses` not turned off in dockhand.diagnostics.rules. */
function wanted(uri: vscode.Uri): boolean {
  if (!vscode.workspace.isTrusted) return false;
  const rules = vscode.workspace.getConfiguration('dockhand', uri).get<Record<string, string>>('diagnostics.rules', {});
  return rules['compose-refuses'] !== 'off';
}

/** Asks Compose about `uri`'s project and tells the server; whether Compose ran (what the pacing counts). */
async function check(client: LanguageClient, uri: vscode.Uri): Promise<boolean> {
  if (!client.isRunning()) return false;
  const settings = readComposeSettings(uri);
  const prepared = await prepareCompose({ composeCommand: settings.composeCommand, dockerHost: settings.dockerHost });
  if (!prepared.ok) return false; // No Compose here: Dockhand's own rules are all there is.
  const { project } = await resolveProject(uri, settings);
  const files = [uri.fsPath, ...project.files.filter((file) => file !== uri.fsPath)];
  const open = files.map((file) => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file));
  // Compose would read the disk, not what the editor shows (an env file or Dockerfile beside it mended, unsaved).
  if (open.some((document) => document?.isDirty) || vscode.workspace.textDocuments.some((d) => d.isDirty && isUnder(d.uri, uri))) return false;
  const versions = open.map((document) => document?.version);
  // Nobody waits on it: the editor and the language server go first (runner.ts `background`).
  const outcome = await runCompose(prepared.value, project, { name: 'config', quiet: true }, { skipEngineCheck: true, timeoutMs: TIMEOUT_MS, background: true });
  if (!outcome.ok || outcome.value.result.cancelled || outcome.value.result.spawnError) return true;
  const { result } = outcome.value;
  // The editor changed a file while Compose read it: its answer is about a text no longer shown.
  if (open.some((document, i) => document !== undefined && (document.isDirty || document.version !== versions[i]))) return true;
  const params: ComposeCheckParams = {
    compose: prepared.value.compose.version.replace(/^v/, ''),
    files: files.map((file, i) => ({ uri: vscode.Uri.file(file).toString(), path: file, ...(versions[i] === undefined ? {} : { version: versions[i] }) })),
    ...(result.code === 0 ? {} : { refusal: result.output }),
  };
  await client.sendNotification(ComposeCheckNotification, params).catch(() => undefined);
  return true;
}
