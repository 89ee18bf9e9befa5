// The corpus half of the benchmark: every Compose file of the corpus (../shared/corpus)
// opened in each server (time until all have diagnostics, hover at each
// file's first key, peak memory), and `dockhand check` against dclint over
// the same files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp } from './lsp.mjs';
import { corpusDir, repoRoot } from './servers.mjs';
import { medianOfRuns, summary } from './stats.mjs';

export function corpusFiles() {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8'));
  return manifest.filter((e) => e.kind === 'compose' || e.kind === 'legacy-v1').map((e) => join(corpusDir, e.path));
}

function firstKey(text) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)[A-Za-z_][\w.-]*:/.exec(lines[i]);
    if (m) return { line: i, character: m[1].length + 1 };
  }
  return { line: 0, character: 0 };
}

async function corpusRun(spec, files) {
  const server = await startLsp({ ...spec, rootUri: pathToFileURL(corpusDir).toString() });
  try {
    const docs = files.map((path) => ({ path, uri: pathToFileURL(path).toString(), text: readFileSync(path, 'utf8') }));
    const opened = performance.now();
    for (const d of docs) void server.open(d.uri, d.text);
    await Promise.all(docs.map((d) => server.diagnostics(d.uri, 1, opened, 300_000)));
    const allDiagnosticsMs = performance.now() - opened;
    const hover = [];
    for (const d of docs) {
      const start = performance.now();
      await server.request('textDocument/hover', { textDocument: { uri: d.uri }, position: firstKey(d.text) });
      hover.push(performance.now() - start);
    }
    const h = summary(hover);
    return { files: docs.length, allDiagnosticsMs, perFileMs: allDiagnosticsMs / docs.length, hoverP50: h.p50, hoverP95: h.p95, peakRssMb: server.peakRssMb() };
  } finally {
    await server.stop();
  }
}

export async function measureCorpus(specs, { quick, log }) {
  const files = corpusFiles();
  const runs = quick ? 1 : 2;
  const perServer = Object.fromEntries(specs.map((s) => [s.id, []]));
  for (let run = 0; run < runs; run++) {
    for (const spec of specs.map((_, i) => specs[(i + run) % specs.length])) {
      try {
        const r = await corpusRun(spec, files);
        perServer[spec.id].push(r);
        log(`  corpus run ${run + 1}/${runs} ${spec.id}: ${r.files} files, all diagnostics in ${r.allDiagnosticsMs.toFixed(0)} ms, hover p95 ${r.hoverP95.toFixed(1)} ms, ${r.peakRssMb?.toFixed(0)} MB`);
      } catch (error) {
        log(`  corpus run ${run + 1}/${runs} ${spec.id} failed: ${error.message}`);
      }
    }
  }
  return { files: files.length, servers: Object.fromEntries(Object.entries(perServer).map(([id, r]) => [id, medianOfRuns(r) ?? { failed: true }])) };
}

/** dclint spends ~150 ms of CPU per file: on a busy machine the whole corpus can take many minutes. */
const CHECK_TIMEOUT_MS = 240_000;

function timedRun(node, args) {
  const start = performance.now();
  const r = spawnSync(node, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: repoRoot, timeout: CHECK_TIMEOUT_MS, killSignal: 'SIGKILL' });
  return { ms: performance.now() - start, status: r.status, timedOut: r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL', stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** One run each, the same files, the same Node (the machine's). */
export function checkVersusDclint({ log }) {
  const files = corpusFiles();
  const dockhand = timedRun(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', ...files, '--format', 'json']);
  const dclint = timedRun(process.execPath, [join(repoRoot, 'node_modules', 'dclint', 'bin', 'dclint.cjs'), ...files, '-f', 'json', '--color', 'false']);
  // check exits 1 when it finds errors, which the corpus's invalid files guarantee; 2 means it could not run.
  const dockhandRan = dockhand.status === 0 || dockhand.status === 1;
  const dclintRan = dclint.status === 0 || dclint.status === 1;
  const out = {
    files: files.length,
    dockhandMs: dockhandRan ? dockhand.ms : undefined,
    dockhandStatus: dockhand.status,
    dockhandNote: dockhandRan ? undefined : (dockhand.stderr.trim().split('\n')[0] ?? '').slice(0, 200),
    dclintMs: dclintRan ? dclint.ms : undefined,
    dclintStatus: dclint.status,
    dclintNote: dclintRan ? undefined : dclint.timedOut ? `stopped after ${CHECK_TIMEOUT_MS / 1000} s` : (dclint.stderr.trim().split('\n')[0] ?? '').slice(0, 200),
  };
  out.speedup = out.dockhandMs && out.dclintMs ? out.dclintMs / out.dockhandMs : undefined;
  // dclint cut off by the timeout: Dockhand is at least this much faster.
  out.speedupAtLeast = out.dockhandMs && dclint.timedOut ? CHECK_TIMEOUT_MS / out.dockhandMs : undefined;
  log(`  dockhand check: ${out.dockhandMs?.toFixed(0) ?? `did not run (${out.dockhandNote})`} ms; dclint: ${out.dclintMs?.toFixed(0) ?? `did not run (${out.dclintNote})`} ms`);
  return out;
}
