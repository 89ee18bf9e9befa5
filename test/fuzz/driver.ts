// Drives the real server (dist/server.js over stdio) with mutated documents:
// each document reaches the server as edits (incremental or whole-text), then
// a few requests at random offsets go out at once, as an editor sends them.
// Records what an editor would suffer: unanswered or slow requests, a dead
// process, unhandled rejections, memory growth, and exceptions the server
// caught (its `Dockhand <feature> failed:` log lines), each with the document
// that caused it saved for reproduction.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ProjectInfoRequest } from '../../common/src/protocol';
import { fileUri, REPO_ROOT, startServer, type LspSession } from '../lsp/helpers/server';
import { int, pick, type Random } from './mutations';

/** Where reproducers go (git-ignored). */
export const REPRO_DIR = path.join(REPO_ROOT, '.tmp', 'fuzz');

export interface Incident {
  readonly kind: 'guarded-exception' | 'unanswered' | 'slow' | 'unhandled-rejection' | 'process-died' | 'memory' | 'no-diagnostics';
  readonly detail: string;
  readonly reproducer?: string;
}

export interface FuzzStats {
  documents: number;
  edits: number;
  requests: number;
  diagnostics: number;
  maxRequestMs: number;
  maxRssMb: number;
}

const REQUESTS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/documentHighlight',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/documentLink',
  'textDocument/codeAction',
  ProjectInfoRequest.method,
] as const;

function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The server's own report of a caught or uncaught failure, in its log. */
const GUARDED = /Dockhand (.+?) failed:/;
const UNHANDLED = /unhandled rejection|Unhandled|uncaughtException|FATAL ERROR|heap out of memory/i;

interface Slot {
  uri: string;
  mirror?: TextDocument;
  diagnostics: Diagnostic[];
}

export class FuzzDriver {
  readonly stats: FuzzStats = { documents: 0, edits: 0, requests: 0, diagnostics: 0, maxRequestMs: 0, maxRssMb: 0 };
  readonly incidents: Incident[] = [];
  private logSeen = 0;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiting = new Map<string, { version: number; resolve: () => void }>();

  private constructor(
    readonly session: LspSession,
    readonly slots: Slot[],
    readonly options: { requestTimeoutMs: number; rssLimitMb: number; seed: number },
  ) {
    session.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      const slot = this.slots.find((s) => s.uri === p.uri);
      if (slot) slot.diagnostics = p.diagnostics;
      const w = this.waiting.get(p.uri);
      if (w && p.version !== undefined && p.version >= w.version) {
        this.waiting.delete(p.uri);
        w.resolve();
      }
    });
  }

  /** One server, `slots` documents in separate project folders under `root`. */
  static async start(root: string, slotCount: number, options: { requestTimeoutMs: number; rssLimitMb: number; seed: number }): Promise<FuzzDriver> {
    const session = await startServer({ rootUri: fileUri(root) });
    const slots: Slot[] = [];
    for (let i = 0; i < slotCount; i++) {
      const dir = path.join(root, `p${i}`);
      fs.mkdirSync(dir, { recursive: true });
      // A .env next to some of them, so interpolation has something to resolve.
      if (i % 2 === 0) fs.writeFileSync(path.join(dir, '.env'), 'TAG=1\nPORT=8080\nCOMPOSE_PROJECT_NAME=fuzz\n');
      slots.push({ uri: fileUri(path.join(dir, i % 3 === 0 ? 'compose.yaml' : `docker-compose.${i}.yml`)), diagnostics: [] });
    }
    return new FuzzDriver(session, slots, options);
  }

  get alive(): boolean {
    return this.session.process.exitCode === null && this.session.process.signalCode === null;
  }

  /**
   * Brings slot `index` to `text` (open, whole-text change, one incremental
   * range edit, or a burst of small edits as when typing), waits for its
   * diagnostics, then sends `requestCount` requests at random offsets at once.
   */
  async document(index: number, text: string, random: Random, label: string, requestCount: number): Promise<void> {
    const slot = this.slots[index];
    this.stats.documents++;
    let version: number;
    if (!slot.mirror || random() < 0.05) {
      if (slot.mirror) this.session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: slot.uri } });
      version = (slot.mirror?.version ?? 0) + 1;
      slot.mirror = TextDocument.create(slot.uri, 'dockercompose', version, text);
      void this.session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: slot.uri, languageId: 'dockercompose', version, text } });
      this.stats.edits++;
    } else {
      version = this.sendEdits(slot, text, random);
    }
    await this.waitForDiagnostics(slot.uri, version, label, text);

    const pending: Promise<void>[] = [];
    for (let i = 0; i < requestCount; i++) pending.push(this.randomRequest(slot, text, random, label));
    await Promise.all(pending);
    this.collectLog(label, text);
    this.checkProcess(label, text);
  }

  private sendEdits(slot: Slot, text: string, random: Random): number {
    const mirror = slot.mirror!;
    const old = mirror.getText();
    const send = (changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]) => {
      const version = mirror.version + 1;
      TextDocument.update(mirror, changes as never, version);
      void this.session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: slot.uri, version }, contentChanges: changes });
      this.stats.edits++;
      return version;
    };
    const roll = random();
    if (roll < 0.2) return send([{ text }]);
    // The smallest single range that turns old into text.
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    // Never split a CRLF or a surrogate pair: positions inside them are ambiguous.
    const unsafe = (s: string, at: number) => at > 0 && at < s.length && ((s[at - 1] === '\r' && s[at] === '\n') || (/[\ud800-\udbff]/.test(s[at - 1]) && /[\udc00-\udfff]/.test(s[at])));
    while (start > 0 && (unsafe(old, start) || unsafe(text, start))) start--;
    while (end > 0 && (unsafe(old, old.length - end) || unsafe(text, text.length - end))) end--;
    const from = mirror.positionAt(start);
    const to = mirror.positionAt(old.length - end);
    const inserted = text.slice(start, text.length - end);
    let version: number;
    if (roll < 0.35 && inserted.length > 1 && inserted.length < 40 && start === old.length - end) {
      // Typing: one character at a time, each its own didChange (a burst).
      let at = start;
      version = mirror.version;
      for (const ch of inserted) {
        const p = mirror.positionAt(at);
        version = send([{ range: { start: p, end: p }, text: ch }]);
        at += ch.length;
      }
    } else {
      version = send([{ range: { start: from, end: to }, text: inserted }]);
    }
    if (mirror.getText() !== text) {
      // Our own edit arithmetic went wrong: resynchronise with a whole-text change (and say so).
      this.incidents.push({ kind: 'no-diagnostics', detail: `fuzz driver: incremental edit did not reproduce the document (driver bug), resent whole text` });
      version = send([{ text }]);
    }
    return version;
  }

  private waitForDiagnostics(uri: string, version: number, label: string, text: string): Promise<void> {
    const last = this.published.get(uri);
    if (last?.version !== undefined && last.version >= version) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(uri);
        this.incidents.push({ kind: 'no-diagnostics', detail: `no diagnostics for v${version} of ${label} within ${this.options.requestTimeoutMs} ms`, reproducer: this.save('no-diagnostics', text, { label }) });
        resolve();
      }, this.options.requestTimeoutMs);
      this.waiting.set(uri, {
        version,
        resolve: () => {
          clearTimeout(timer);
          this.stats.diagnostics++;
          resolve();
        },
      });
    });
  }

  private async randomRequest(slot: Slot, text: string, random: Random, label: string): Promise<void> {
    const mirror = slot.mirror!;
    const method = pick(random, REQUESTS);
    const offset = int(random, text.length + 1);
    const position = mirror.positionAt(offset);
    const textDocument = { uri: slot.uri };
    const params: unknown =
      method === 'textDocument/codeAction'
        ? { textDocument, range: { start: position, end: mirror.positionAt(Math.min(text.length, offset + int(random, 200))) }, context: { diagnostics: slot.diagnostics.slice(0, 20) } }
        : method === 'textDocument/references'
          ? { textDocument, position, context: { includeDeclaration: random() < 0.5 } }
          : method === 'textDocument/rename'
            ? { textDocument, position, newName: pick(random, ['x', 'new-name', '', 'a b', '${X}']) }
            : method === ProjectInfoRequest.method
              ? { uri: slot.uri }
              : method === 'textDocument/documentSymbol' || method === 'textDocument/foldingRange' || method === 'textDocument/documentLink'
                ? { textDocument }
                : { textDocument, position };
    this.stats.requests++;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.requestTimeoutMs)));
    // An error response with a code (an invalid new name for rename, say) is an answer;
    // InternalError (-32603) is what vscode-jsonrpc sends when a handler threw.
    const answer = this.session.request(method, params).then(
      () => 'answered' as const,
      (error: Error & { code?: number }) => (error.code === -32603 || error.code === undefined ? `error: ${error.message}` : 'answered'),
    );
    const outcome = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    const ms = performance.now() - started;
    this.stats.maxRequestMs = Math.max(this.stats.maxRequestMs, ms);
    if (outcome === 'timeout') {
      this.incidents.push({ kind: 'unanswered', detail: `${method} at ${position.line}:${position.character} of ${label}: no answer within ${this.options.requestTimeoutMs} ms`, reproducer: this.save('unanswered', text, { label, method, position }) });
    } else if (outcome !== 'answered' && this.alive) {
      // A response error still answers; the server's own handlers never reject, so report it as caught.
      this.incidents.push({ kind: 'guarded-exception', detail: `${method} answered with ${outcome} (${label})`, reproducer: this.save('error-response', text, { label, method, position }) });
    }
  }

  private collectLog(label: string, text: string): void {
    const lines = this.session.log.slice(this.logSeen);
    this.logSeen = this.session.log.length;
    for (const line of lines) {
      if (UNHANDLED.test(line)) {
        this.incidents.push({ kind: 'unhandled-rejection', detail: `${line.slice(0, 400)} (${label})`, reproducer: this.save('unhandled', text, { label, log: line }) });
      } else {
        const m = GUARDED.exec(line);
        if (m) this.incidents.push({ kind: 'guarded-exception', detail: `${m[1]}: ${firstFrames(line)} (${label})`, reproducer: this.save(`guarded-${m[1].replace(/\W+/g, '-')}`, text, { label, log: line }) });
      }
    }
  }

  private checkProcess(label: string, text: string): void {
    if (!this.alive) {
      this.incidents.push({ kind: 'process-died', detail: `server exited (${this.session.process.exitCode ?? this.session.process.signalCode}) after ${label}`, reproducer: this.save('process-died', text, { label, log: this.session.log.slice(-20) }) });
      return;
    }
    const rss = rssMb(this.session.process.pid, 'VmRSS') ?? 0;
    this.stats.maxRssMb = Math.max(this.stats.maxRssMb, rss);
    if (rss > this.options.rssLimitMb) {
      this.incidents.push({ kind: 'memory', detail: `server RSS ${rss.toFixed(0)} MB over ${this.options.rssLimitMb} MB after ${label}`, reproducer: this.save('memory', text, { label }) });
    }
  }

  /** Saves the document (and what was asked of it) under .tmp/fuzz; returns the path. */
  save(kind: string, text: string, context: Record<string, unknown>): string {
    fs.mkdirSync(REPRO_DIR, { recursive: true });
    const hash = crypto.createHash('sha1').update(text).digest('hex').slice(0, 10);
    const base = path.join(REPRO_DIR, `${kind}-${hash}`);
    fs.writeFileSync(`${base}.yaml`, text);
    fs.writeFileSync(`${base}.json`, JSON.stringify({ seed: this.options.seed, ...context }, null, 2) + '\n');
    return `${base}.yaml`;
  }

  /** Which incidents fail the tier: everything except exceptions the server caught and answered. */
  failures(): Incident[] {
    return this.incidents.filter((i) => i.kind !== 'guarded-exception');
  }

  peakRssMb(): number | undefined {
    return rssMb(this.session.process.pid, 'VmHWM');
  }

  async stop(): Promise<void> {
    await this.session.stop();
  }
}

function firstFrames(line: string): string {
  const rows = line.split('\n');
  return [rows[0].replace(/^.*failed:\s*/, ''), ...rows.slice(1).filter((r) => r.includes('at ')).slice(0, 3).map((r) => r.trim())].join(' | ').slice(0, 500);
}

/** Incidents grouped by kind and first line, with one reproducer each: for the report. */
export function summarise(incidents: readonly Incident[]): string {
  const groups = new Map<string, { count: number; reproducer?: string }>();
  for (const i of incidents) {
    const key = `${i.kind}: ${i.detail.replace(/\(.*\)$/, '').slice(0, 300)}`;
    const g = groups.get(key) ?? { count: 0, reproducer: i.reproducer };
    g.count++;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => `  ${g.count}× ${key}${g.reproducer ? `\n      reproducer: ${path.relative(REPO_ROOT, g.reproducer)}` : ''}`).join('\n');
}
