// Starts the real dist/server.js over stdio and speaks LSP to it, as any
// editor would. Shared by the lsp, corpus and fuzz tiers.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
/** The entry the VS Code client starts: turns on the compile cache, then loads SERVER_JS (server/src/boot.ts). */
export const SERVER_BOOT_JS = path.join(REPO_ROOT, 'dist', 'serverBoot.js');

export function fileUri(file: string): string {
  return URI.file(file).toString();
}

export interface LspSession {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** What the server wrote to stderr and window/logMessage, for assertions on crashes. */
  readonly log: string[];
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, text: string): void;
  close(uri: string): void;
  request<R>(method: string, params: unknown): Promise<R>;
  /** The next diagnostics published for `uri` (optionally: for a version at least `minVersion`). */
  diagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

/** `relatedInformation`: whether the client says it shows a finding's related places (VS Code does). */
/** `createFiles`: whether the client applies workspace edits that create files (VS Code does). */
/** `entry`: the script started (SERVER_JS unless said). */
/** `inlayHintRefresh`: whether the client can be asked to fetch inlay hints again (VS Code can). */
export async function startServer(options: { rootUri?: string; env?: Record<string, string>; initializationOptions?: unknown; node?: string; entry?: string; relatedInformation?: boolean; createFiles?: boolean; inlayHintRefresh?: boolean } = {}): Promise<LspSession> {
  const child = spawn(options.node ?? process.execPath, [options.entry ?? SERVER_JS, '--stdio'], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr.on('data', (d) => log.push(String(d)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const versions = new Map<string, number>();
  const waiting = new Map<string, ((d: Diagnostic[]) => void)[]>();
  const latest = new Map<string, PublishDiagnosticsParams>();
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    latest.set(params.uri, params);
    const list = waiting.get(params.uri);
    if (list && (params.version === undefined || params.version === versions.get(params.uri))) {
      waiting.delete(params.uri);
      for (const resolve of list) resolve(params.diagnostics);
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    log.push(p.message);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        rename: { prepareSupport: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: options.relatedInformation ?? false },
        synchronization: { dynamicRegistration: false },
      },
      workspace: { configuration: true, ...(options.inlayHintRefresh ? { inlayHint: { refreshSupport: true } } : {}), ...(options.createFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } : {}) },
    },
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    log,
    open(uri, text, languageId = 'dockercompose') {
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest(method, params) as Promise<R>;
    },
    diagnostics(uri, timeoutMs = 10_000) {
      const current = latest.get(uri);
      if (current && current.version === versions.get(uri)) return Promise.resolve(current.diagnostics);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiting.get(uri) ?? [];
        list.push((d) => {
          clearTimeout(timer);
          resolve(d);
        });
        waiting.set(uri, list);
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 100));
      connection.dispose();
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
