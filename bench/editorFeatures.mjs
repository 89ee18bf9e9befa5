// Formatting and inlay hints on a 1,000-service file, over LSP stdio.
// Formatting: the generated file re-indented to 4 spaces, formatted to 2
// (every line changes), in each server that formats (yaml-language-server
// with its formatter on for this part). Inlay hints: Dockhand only (neither
// peer has any), for a screenful of 60 lines at positions spread over a
// variant of the file whose image tags are `${APP_TAG:-...}` and which an
// override file partly replaces, so every kind of hint has work to do;
// timed once the open's first diagnostics are out (as completion and hover
// are), with the requests sent during that run reported apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchEdits, generateCompose, serviceName, writeProject } from './generate.mjs';
import { startLsp } from './lsp.mjs';
import { summary } from './stats.mjs';

const SERVICES = 1000;
const VISIBLE_LINES = 60;
/** The large file of "what the editor asks after a pause": the bench's largest. */
const LARGE_SERVICES = 5000;
/** What VS Code asks of a Compose file once typing pauses (besides hints and lenses), in that order. */
const PAUSE_REQUESTS = [
  ['outline', 'textDocument/documentSymbol'],
  ['folding', 'textDocument/foldingRange'],
  ['links', 'textDocument/documentLink'],
];

/** The same services written with twice the indentation: what a formatter must undo. */
export function reindented(text) {
  return text.replace(/^( +)/gm, (spaces) => spaces + spaces);
}

export function withVariables(text) {
  return text.replace(/^(\s+image: [^\n]*?:)(\S+)$/gm, (_, head, tag) => `${head}\${APP_TAG:-${tag}}`);
}

export function overrideFile(services) {
  const lines = ['services:'];
  for (let i = 0; i < services; i += 10) lines.push(`  ${serviceName(i)}:`, '    restart: "no"', `    image: registry.example.com/team/override-${i}:2.0`);
  return lines.join('\n') + '\n';
}

/**
 * @param specs servers.mjs specs
 * @param work a scratch folder
 * @param options { runs, log }
 */
export async function measureEditorFeatures(specs, work, { runs = 5, log = () => undefined } = {}) {
  const base = generateCompose(SERVICES);
  const result = { services: SERVICES, lines: base.split('\n').length, formatting: {}, inlayHints: undefined };

  const formatDir = join(work, 'format');
  mkdirSync(formatDir, { recursive: true });
  const messy = reindented(base);
  const formatPath = join(formatDir, 'compose.yaml');
  writeFileSync(formatPath, messy);
  for (const spec of specs) {
    const settings = spec.id === 'yaml-ls' ? { ...spec.settings, yaml: { ...spec.settings.yaml, format: { enable: true } } } : spec.settings;
    const server = await startLsp({ ...spec, settings, rootUri: pathToFileURL(formatDir).toString() });
    const uri = pathToFileURL(formatPath).toString();
    try {
      await server.open(uri, messy);
      const times = [];
      let edits = 0;
      for (let run = 0; run < runs + 1; run++) {
        const start = performance.now();
        const answer = await server.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        // The first request pays for the server's warm-up (JIT, schema load): not counted.
        if (run > 0) times.push(performance.now() - start);
        edits = Array.isArray(answer) ? answer.length : 0;
      }
      const s = summary(times);
      result.formatting[spec.id] = edits > 0 ? { p50: s.p50, max: s.max, edits } : { p50: s.p50, edits: 0, noEdits: true };
      log(`  formatting ${spec.id}: median ${s.p50?.toFixed(1)} ms, ${edits} edits`);
    } catch (error) {
      result.formatting[spec.id] = { failed: true };
      log(`  formatting ${spec.id} failed: ${error.message}`);
    } finally {
      await server.stop();
    }
  }

  // What the editor asks of a large file after each pause in typing: how long each takes and how much it
  // sends (an answer of megabytes costs the editor as much again to read). Once the first diagnostics are out.
  const largeDir = join(work, 'large');
  const large = generateCompose(LARGE_SERVICES);
  const largePath = writeProject(largeDir, large);
  result.pauseRequests = { services: LARGE_SERVICES, servers: {} };
  for (const spec of specs) {
    const server = await startLsp({ ...spec, rootUri: pathToFileURL(largeDir).toString() });
    const uri = pathToFileURL(largePath).toString();
    const answers = {};
    try {
      const opened = performance.now();
      server.open(uri, large);
      await server.diagnostics(uri, 1, opened, 120_000);
      // Each round follows an edit, as a pause follows typing: a one-character edit of a port, its diagnostics,
      // then the requests, each once (a server may keep an answer per version, or parts of it per block).
      const rounds = Math.max(3, Math.ceil(runs / 2));
      const edits = benchEdits(large, rounds);
      const times = Object.fromEntries(PAUSE_REQUESTS.map(([name]) => [name, []]));
      for (let round = 0; round < edits.length; round++) {
        const e = edits[round];
        const start = performance.now();
        const version = server.edit(uri, { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } }, String((Number(e.digit) + 1) % 10));
        await server.diagnostics(uri, version, start, 120_000).catch(() => undefined);
        for (const [name, method] of PAUSE_REQUESTS) {
          if (answers[name]?.unsupported) continue;
          try {
            const sent = performance.now();
            const answer = await server.request(method, { textDocument: { uri } });
            times[name].push(performance.now() - sent);
            answers[name] = { kb: JSON.stringify(answer ?? null).length / 1024 };
          } catch (error) {
            // compose-language-service has no outline, for one: "none", not a failure of the others.
            answers[name] = { unsupported: true };
            log(`  after a pause, ${spec.id} ${name}: ${error.message}`);
          }
        }
      }
      for (const [name] of PAUSE_REQUESTS) if (!answers[name].unsupported) answers[name].p50 = summary(times[name]).p50;
      result.pauseRequests.servers[spec.id] = answers;
      log(`  after a pause, ${LARGE_SERVICES} services, ${spec.id}: ${PAUSE_REQUESTS.map(([n]) => (answers[n].unsupported ? `${n} none` : `${n} ${answers[n].p50.toFixed(0)} ms ${answers[n].kb.toFixed(0)} KB`)).join(', ')}`);
    } catch (error) {
      result.pauseRequests.servers[spec.id] = { failed: true };
      log(`  after a pause, ${spec.id} failed: ${error.message}`);
    } finally {
      await server.stop();
    }
  }

  const dockhand = specs.find((s) => s.id === 'dockhand');
  if (dockhand) {
    const hintDir = join(work, 'hints');
    mkdirSync(hintDir, { recursive: true });
    const text = withVariables(base);
    writeFileSync(join(hintDir, 'compose.yaml'), text);
    writeFileSync(join(hintDir, 'compose.override.yaml'), overrideFile(SERVICES));
    writeFileSync(join(hintDir, '.env'), 'APP_TAG=2.1.0\n');
    const server = await startLsp({ ...dockhand, rootUri: pathToFileURL(hintDir).toString() });
    const uri = pathToFileURL(join(hintDir, 'compose.yaml')).toString();
    try {
      const opened = performance.now();
      await server.open(uri, text);
      // As completion and hover are measured (measure.mjs): once the first
      // diagnostics are out. Until then a request waits for the diagnostics
      // step in progress, which says how long the open's run steps are, not
      // what hints cost; that wait is measured on its own below.
      const duringOpen = [];
      let published = false;
      const first = server.diagnostics(uri, 1, opened).then(() => (published = true));
      for (let k = 0; !published && k < 200; k++) {
        const line = (k * 997) % Math.max(1, text.split('\n').length - VISIBLE_LINES);
        const start = performance.now();
        await server.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line: line + VISIBLE_LINES, character: 0 } } });
        // The first request parses the file: not counted. Every later one was sent before the run ended.
        if (k > 0) duringOpen.push(performance.now() - start);
      }
      await first;
      const lineCount = text.split('\n').length;
      const starts = Array.from({ length: 40 }, (_, k) => Math.floor(((k + 0.5) * (lineCount - VISIBLE_LINES)) / 40));
      const times = [];
      let hints = 0;
      for (const [index, line] of [...starts.slice(0, 3), ...starts].entries()) {
        const start = performance.now();
        const answer = await server.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line: line + VISIBLE_LINES, character: 0 } } });
        if (index >= 3) {
          times.push(performance.now() - start);
          hints += Array.isArray(answer) ? answer.length : 0;
        }
      }
      const s = summary(times);
      const open = summary(duringOpen);
      result.inlayHints = {
        p50: s.p50,
        p95: s.p95,
        visibleLines: VISIBLE_LINES,
        requests: times.length,
        hintsPerRange: hints / Math.max(1, times.length),
        duringOpenRun: { requests: duringOpen.length, p50: open.p50, p95: open.p95, max: open.max },
      };
      log(`  inlay hints dockhand: p50 ${s.p50?.toFixed(2)} ms, p95 ${s.p95?.toFixed(2)} ms, ${(hints / times.length).toFixed(1)} hints per ${VISIBLE_LINES} lines`);
      log(`  inlay hints during the open's diagnostics run: ${duringOpen.length} requests, p50 ${open.p50?.toFixed(1)} ms, p95 ${open.p95?.toFixed(1)} ms, max ${open.max?.toFixed(1)} ms`);
    } finally {
      await server.stop();
    }
  }
  return result;
}
