// One server, one generated file, one run: open -> first diagnostics,
// completion and hover latency at fixed positions, one-character edit ->
// fresh diagnostics, and the process's peak memory (once the first
// diagnostics are in, and at the end of the run).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp } from './lsp.mjs';
import { summary } from './stats.mjs';
import { serverEnvironment } from './servers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function nonEmptyCompletion(result) {
  const items = Array.isArray(result) ? result : result?.items;
  return Array.isArray(items) && items.length > 0;
}

function nonEmptyHover(result) {
  if (!result || !result.contents) return false;
  const c = result.contents;
  if (typeof c === 'string') return c.length > 0;
  if (Array.isArray(c)) return c.length > 0;
  return Boolean(c.value);
}

/** Two service lines to type a new key after (`restart:` of services a third and two thirds down the file). */
function newKeyLines(text) {
  const lines = text.split('\n');
  const found = [];
  lines.forEach((line, i) => {
    if (/^    restart: /.test(line)) found.push(i);
  });
  return found.length === 0 ? [] : [found[Math.floor(found.length / 3)], found[Math.floor((2 * found.length) / 3)]];
}

/** The line of the service entry in the middle of the file (a new service is named above it). */
function middleEntryLine(text) {
  const found = [];
  text.split('\n').forEach((line, i) => {
    if (/^  svc-\d+:/.test(line)) found.push(i);
  });
  return found.length === 0 ? undefined : found[Math.floor(found.length / 2)];
}

/** The line of the first top-level key after `services` (a new top-level key is typed above it). */
function sectionAfterServicesLine(text) {
  const lines = text.split('\n');
  const services = lines.findIndex((line) => /^services:/.test(line));
  const found = lines.findIndex((line, i) => i > services && /^[A-Za-z_][\w.-]*:/.test(line));
  return services < 0 || found < 0 ? undefined : found;
}

/**
 * Types `word` key by key from `from`, as an editor sends it: an edit per key, and the completion VS Code
 * asks for after each (its times are returned). Then takes the text back (`takeBack(typed)`, the range
 * to delete) and waits for that version's diagnostics: the file is as it was for the next phase.
 */
async function typeKeyByKey(server, uri, from, word, takeBack, budget) {
  const times = [];
  let typed = '';
  for (const ch of word) {
    const at = { line: from.line, character: from.character + typed.length };
    server.edit(uri, { start: at, end: at }, ch);
    typed += ch;
    const t = await timed(() => server.request('textDocument/completion', { textDocument: { uri }, position: { line: from.line, character: from.character + typed.length }, context: { triggerKind: 1 } }));
    times.push(t.ms);
  }
  const start = performance.now();
  const version = server.edit(uri, takeBack(typed), '');
  await server.diagnostics(uri, version, start, budget.diagnosticsTimeoutMs).catch(() => undefined);
  return times;
}

/** The range of line `line` with its line break. */
function wholeLine(line) {
  return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
}

async function timed(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

/**
 * A fresh server on the file's folder, with the file opened: `openToDiagnostics` is undefined when no
 * diagnostics came within the budget. The caller stops the server.
 */
async function openInFreshServer(spec, file, budget) {
  const server = await startLsp({ ...spec, rootUri: pathToFileURL(file.dir).toString() });
  const uri = pathToFileURL(file.path).toString();
  try {
    const opened = performance.now();
    await server.open(uri, file.text);
    const first = await server.diagnostics(uri, 1, opened, budget.diagnosticsTimeoutMs).catch(() => undefined);
    return { server, uri, openToDiagnostics: first ? first.at - opened : undefined, diagnosticsOnOpen: first?.count };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Open → first diagnostics alone, in a fresh server: the larger files get too few full runs for one
 * open to stand for them (a single cold open varies by a third on this machine).
 */
export async function measureOpen(spec, file, budget) {
  const { server, openToDiagnostics } = await openInFreshServer(spec, file, budget);
  try {
    if (openToDiagnostics === undefined) return { openTimedOutAfterMs: budget.diagnosticsTimeoutMs };
    return { openToDiagnosticsMs: openToDiagnostics, openPeakRssMb: server.peakRssMb() };
  } finally {
    await server.stop();
  }
}

/**
 * @param spec one of servers.mjs
 * @param file { path, text, positions, edits }
 * @param budget { warmup, quietMs, diagnosticsTimeoutMs, phaseMs }
 */
export async function measureFile(spec, file, budget) {
  const { server, uri, openToDiagnostics, diagnosticsOnOpen } = await openInFreshServer(spec, file, budget);
  try {
    // Too slow to measure the rest: keep what is known (the memory it reached meanwhile).
    if (openToDiagnostics === undefined) return { openTimedOutAfterMs: budget.diagnosticsTimeoutMs, peakRssMb: server.peakRssMb() };
    // The high-water mark so far: what opening the file took, before requests and edits add their garbage.
    const openRss = server.peakRssMb();

    const position = (p) => ({ textDocument: { uri }, position: { line: p.line, character: p.character } });
    for (const p of file.positions.slice(0, budget.warmup)) {
      await server.request('textDocument/completion', position(p));
      await server.request('textDocument/hover', position(p));
    }
    const completion = [];
    const hover = [];
    let completionAnswered = 0;
    let hoverAnswered = 0;
    // A slow server gets fewer positions rather than holding the whole bench up.
    const requestsUntil = performance.now() + budget.phaseMs;
    for (const p of file.positions) {
      if (performance.now() > requestsUntil) break;
      const c = await timed(() => server.request('textDocument/completion', position(p)));
      completion.push(c.ms);
      if (nonEmptyCompletion(c.result)) completionAnswered++;
      const h = await timed(() => server.request('textDocument/hover', position(p)));
      hover.push(h.ms);
      if (nonEmptyHover(h.result)) hoverAnswered++;
    }

    const edit = [];
    const editsUntil = performance.now() + budget.phaseMs;
    for (const e of file.edits) {
      if (edit.length >= 2 && performance.now() > editsUntil) break;
      // Let the previous round settle, so each edit starts a new burst.
      await sleep(budget.quietMs);
      const start = performance.now();
      const next = String((Number(e.digit) + 1) % 10);
      const version = server.edit(uri, { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } }, next);
      const fresh = await server.diagnostics(uri, version, start, budget.diagnosticsTimeoutMs);
      edit.push(fresh.at - start);
    }
    // Completion and hover sent right after an edit, without waiting for its diagnostics: what typing feels like.
    const afterEditCompletion = [];
    const afterEditHover = [];
    let round = 0;
    for (const e of file.edits) {
      if (round >= 2 && performance.now() > editsUntil + budget.phaseMs) break;
      await sleep(budget.quietMs);
      const next = String((Number(e.digit) + 2 + round++) % 10);
      const version = server.edit(uri, { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } }, next);
      const p = file.positions[(round * 7) % file.positions.length];
      const start = performance.now();
      const [c, h] = await Promise.all([
        timed(() => server.request('textDocument/completion', position(p))),
        timed(() => server.request('textDocument/hover', position(p))),
      ]);
      afterEditCompletion.push(c.ms);
      afterEditHover.push(h.ms);
      await server.diagnostics(uri, version, start, budget.diagnosticsTimeoutMs).catch(() => undefined);
    }
    // A new key typed key by key in a service, with the completion the editor asks for after each key
    // (a word without its colon yet is a syntax error until the `:` comes: typing passes through it).
    const typing = [];
    for (const line of newKeyLines(file.text)) {
      if (typing.length > 0 && performance.now() > editsUntil + 2 * budget.phaseMs) break;
      await sleep(budget.quietMs);
      const at = { line, character: file.text.split('\n', line + 1)[line].length };
      server.edit(uri, { start: at, end: at }, '\n    ');
      typing.push(...(await typeKeyByKey(server, uri, { line: line + 1, character: 4 }, 'hostn', (typed) => ({ start: at, end: { line: line + 1, character: 4 + typed.length } }), budget)));
    }
    // A new service named key by key above the middle service: until its colon the name is a word the parser
    // reads together with the next service's key (`newsv` and `svc-0500:` as one key), and then taken back.
    const naming = [];
    const entryLine = middleEntryLine(file.text);
    if (entryLine !== undefined && performance.now() <= editsUntil + 3 * budget.phaseMs) {
      await sleep(budget.quietMs);
      server.edit(uri, { start: { line: entryLine, character: 0 }, end: { line: entryLine, character: 0 } }, '  \n');
      naming.push(...(await typeKeyByKey(server, uri, { line: entryLine, character: 2 }, 'newsv', () => wholeLine(entryLine), budget)));
    }
    const rss = server.peakRssMb();
    // A new top-level key typed key by key above the section after `services` (`confi` before `networks:`):
    // until its colon the word reads together with that section's key (`confi networks`), and then taken back.
    // After the peak above is read, so that figure stays the one of the same work as before this phase came.
    const topKey = [];
    const sectionLine = sectionAfterServicesLine(file.text);
    if (sectionLine !== undefined && performance.now() <= editsUntil + 4 * budget.phaseMs) {
      await sleep(budget.quietMs);
      server.edit(uri, { start: { line: sectionLine, character: 0 }, end: { line: sectionLine, character: 0 } }, '\n');
      topKey.push(...(await typeKeyByKey(server, uri, { line: sectionLine, character: 0 }, 'confi', () => wholeLine(sectionLine), budget)));
    }
    const tlk = summary(topKey);
    const nk = summary(naming);
    const c = summary(completion);
    const h = summary(hover);
    const d = summary(edit);
    const ac = summary(afterEditCompletion);
    const ah = summary(afterEditHover);
    const tk = summary(typing);
    return {
      openToDiagnosticsMs: openToDiagnostics,
      diagnosticsOnOpen,
      completionP50: c.p50,
      completionP95: c.p95,
      completionAnswered: completionAnswered / Math.max(1, completion.length),
      hoverP50: h.p50,
      hoverP95: h.p95,
      hoverAnswered: hoverAnswered / Math.max(1, hover.length),
      editToDiagnosticsP50: d.p50,
      editToDiagnosticsP95: d.p95,
      // What remains once a peer's hard-coded debounce is taken off.
      editToDiagnosticsWorkP95: d.p95 !== undefined ? d.p95 - spec.fixedDiagnosticsDelayMs : undefined,
      completionAfterEditP95: ac.p95,
      hoverAfterEditP95: ah.p95,
      completionTypingKeyP95: tk.p95,
      completionNamingKeyP95: nk.p95,
      completionTopLevelKeyP95: tlk.p95,
      openPeakRssMb: openRss,
      peakRssMb: rss,
      peakRssAfterTopLevelKeyMb: topKey.length > 0 ? server.peakRssMb() : undefined,
      positions: completion.length,
      edits: edit.length,
      // Each edit's time in order: the first ones after the open show what the code not yet compiled costs.
      editTimes: edit.map((x) => Math.round(x)),
    };
  } finally {
    await server.stop();
  }
}

/**
 * Dockhand's first start in a compile-cache folder, as a user's first start after installing: it opens a small
 * generated file, and the server saves its compiled code once that file's diagnostics and its warm-up are done
 * (server/src/compileCache.ts). Every start the bench measures after it is a later start, as all a user's others are.
 * Resolves to the cache's size in bytes; throws when none was written.
 */
export async function primeCompiledCode(spec, file, folder, timeoutMs = 20_000) {
  const { server } = await openInFreshServer(spec, file, { diagnosticsTimeoutMs: timeoutMs });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cache = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(serverEnvironment.compileCacheSuffix)) : [];
      if (cache.length > 0) return statSync(join(folder, cache[0])).size;
      if (Date.now() > deadline) throw new Error(`Dockhand saved no compiled code in ${folder} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await server.stop();
  }
}
