// A minimal LSP client over stdio for the benchmark: starts one server
// process, answers the requests a server makes of its editor (configuration,
// registrations), and records when diagnostics arrive for each document.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

/** Peak resident set (VmHWM) of a live process, in MB; undefined once it is gone. */
export function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {{ node: string, args: string[], env?: object, settings?: object, initializationOptions?: object, cwd?: string }} spec
 */
export async function startLsp(spec) {
  const child = spawn(spec.node, spec.args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: spec.cwd, env: spec.env ? { ...process.env, ...spec.env } : undefined });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = spec.settings ?? {};
  const waiters = new Map(); // uri -> [{ minVersion, after, resolve }]
  const published = new Map(); // uri -> { at, version, count }

  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    published.set(params.uri, { at, version: params.version, count: params.diagnostics.length });
    const list = waiters.get(params.uri);
    if (!list) return;
    const keep = [];
    for (const w of list) {
      const fresh = params.version !== undefined ? params.version >= w.version : at >= w.after;
      if (fresh) w.resolve({ at, count: params.diagnostics.length });
      else keep.push(w);
    }
    if (keep.length) waiters.set(params.uri, keep);
    else waiters.delete(params.uri);
  });
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', (p) =>
    p.items.map((item) => (item.section ? settings[item.section] ?? null : settings)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest(() => null);
  connection.listen();

  const versions = new Map();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: spec.rootUri ?? null,
    workspaceFolders: spec.rootUri ? [{ uri: spec.rootUri, name: 'bench' }] : null,
    initializationOptions: spec.initializationOptions,
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        // As VS Code asks: related places as links (a port clash's other mapping), a nested outline,
        // and at most editor.foldingMaximumRegions (5,000) folding ranges.
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: { rangeLimit: 5000, lineFoldingOnly: true },
      },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
    },
  });
  await connection.sendNotification('initialized', {});
  if (spec.settings) await connection.sendNotification('workspace/didChangeConfiguration', { settings });

  return {
    pid: child.pid,
    stderr,
    exited,
    open(uri, text) {
      versions.set(uri, 1);
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: spec.languageId ?? 'dockercompose', version: 1, text } });
    },
    /** One incremental change; resolves with the new version. */
    edit(uri, range, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
      return version;
    },
    close(uri) {
      return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    /**
     * Diagnostics for `uri` that reflect version `version` (servers that do not
     * send versions: the first publication after `after`, a performance.now()).
     */
    diagnostics(uri, version, after, timeoutMs = 60_000) {
      const last = published.get(uri);
      if (last && (last.version !== undefined ? last.version >= version : last.at >= after)) return Promise.resolve({ at: last.at, count: last.count });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiters.get(uri) ?? [];
        list.push({ version, after, resolve: (r) => (clearTimeout(timer), resolve(r)) });
        waiters.set(uri, list);
      });
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    peakRssMb() {
      return peakRssMb(child.pid);
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        void connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
