// Hostile documents, each with a time bound per answer: an alias bomb, a
// 10 MB file (refused with one clear diagnostic), deep nesting, a huge scalar,
// a broken file that once sent the indentation fallback exponential. Every
// request must come back within its bound and the server must stay alive
// and within its memory limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, startServer, type LspSession } from '../lsp/helpers/server';
import { aliasBomb } from './mutations';

/** Per request, once the document is in: generous for a loaded 2-core CI machine; a freeze takes far longer. */
const BOUND_MS = 5_000;
/** Open -> diagnostics includes moving megabytes through the pipe and parsing them once. */
const OPEN_BOUND_MS = 20_000;
const RSS_LIMIT_MB = 600;

let server: LspSession;
let dir: string;
let version = 0;
const published = new Map<string, PublishDiagnosticsParams>();

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-pathological-'));
  server = await startServer({ rootUri: fileUri(dir) });
  server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
  });
});

after(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rssMb(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function within<T>(what: string, run: () => Promise<T>, bound = BOUND_MS): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const value = await Promise.race([
    run(),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${bound} ms`)), bound))),
  ]).finally(() => clearTimeout(timer));
  return { value, ms: performance.now() - started };
}

async function diagnosticsFor(uri: string, v: number): Promise<Diagnostic[]> {
  for (;;) {
    const p = published.get(uri);
    if (p && p.version !== undefined && p.version >= v) return p.diagnostics;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens `text` as a fresh document, waits for its diagnostics, then asks every request at `offsets`. */
async function exercise(name: string, text: string, offsets: number[], bound = BOUND_MS): Promise<{ diagnostics: Diagnostic[]; slowest: number }> {
  const uri = fileUri(path.join(dir, name, 'compose.yaml'));
  const mirror = TextDocument.create(uri, 'dockercompose', ++version, text);
  void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: mirror.version, text } });
  const { value: diagnostics } = await within(`${name}: diagnostics`, () => diagnosticsFor(uri, mirror.version), OPEN_BOUND_MS);
  let slowest = 0;
  for (const offset of offsets) {
    const position = mirror.positionAt(offset);
    const td = { uri };
    for (const [method, params] of [
      ['textDocument/completion', { textDocument: td, position }],
      ['textDocument/hover', { textDocument: td, position }],
      ['textDocument/definition', { textDocument: td, position }],
      ['textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } }],
      ['textDocument/documentSymbol', { textDocument: td }],
      ['textDocument/foldingRange', { textDocument: td }],
      ['textDocument/documentLink', { textDocument: td }],
      ['textDocument/codeAction', { textDocument: td, range: { start: position, end: position }, context: { diagnostics } }],
    ] as const) {
      const { ms } = await within(`${name}: ${method} at ${position.line}:${position.character}`, () => server.request(method, params), bound);
      slowest = Math.max(slowest, ms);
    }
  }
  server.close(uri);
  assert.equal(server.process.exitCode, null, `${name}: the server exited`);
  assert.ok(rssMb() < RSS_LIMIT_MB, `${name}: server RSS ${rssMb().toFixed(0)} MB over ${RSS_LIMIT_MB} MB`);
  const failed = server.log.filter((l) => /unhandled rejection/i.test(l));
  assert.deepEqual(failed, [], `${name}: unhandled rejections in the server log`);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} KiB, slowest answer ${slowest.toFixed(0)} ms`);
  return { diagnostics, slowest };
}

const spread = (text: string, n: number) => Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * text.length) / n));

test('a 10 MB file is refused with one clear diagnostic, and requests answer at once', async () => {
  const service = ['  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"', '    environment:', '      A: "' + 'x'.repeat(60) + '"'];
  const lines = ['services:'];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const block = service.map((l) => l.replace('web', `web${i}`)).join('\n');
    lines.push(block);
    size += block.length + 1;
  }
  const text = lines.join('\n') + '\n';
  const { diagnostics } = await exercise('ten-mb', text, spread(text, 3), 3_000);
  assert.equal(diagnostics.length, 1, 'one diagnostic, not a cascade');
  assert.equal(diagnostics[0].code, 'file-too-large');
  assert.match(String(diagnostics[0].message), /10\.\d MB.*up to 5\.0 MB/);
});

test('an alias bomb (billion laughs) is answered within the bound', async () => {
  const text = aliasBomb(10, 10);
  await exercise('alias-bomb', text, spread(text, 6));
});

test('deep nesting, flow and block, is answered within the bound', async () => {
  const flow = 'services:\n  deep:\n    command: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
  await exercise('deep-flow', flow, [flow.length - 5, 30, flow.length / 2]);
  const block = ['services:', '  deep:', '    labels:', ...Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(6 + i)}k${i}:`)].join('\n');
  await exercise('deep-block', block, spread(block, 3));
});

test('a 4 MB scalar is answered within the bound', async () => {
  const text = `services:\n  big:\n    image: busybox\n    command: "${'y '.repeat(2 * 1024 * 1024)}"\n    x-tail: 1\n`;
  await exercise('huge-scalar', text, [20, text.length / 2, text.length - 3]);
});

test('a broken file with nothing the parser can place is answered within the bound (indentation fallback)', async () => {
  const text = ['servic${es:', ...Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 + (i % 30))}ser\${A}vic\${es:`)].join('\n');
  await exercise('unplaceable', text, spread(text, 4), 3_000);
});

test('exceptions the server caught on these documents are listed (answered, so not a failure)', () => {
  const caught = server.log.filter((l) => /Dockhand .+? failed:/.test(l));
  for (const line of caught) console.log(`caught: ${line.split('\n').slice(0, 3).join(' | ').slice(0, 400)}`);
  assert.ok(server.process.exitCode === null, 'the server is still running after every pathological document');
});
