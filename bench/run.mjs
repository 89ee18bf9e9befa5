// `npm run bench`: Dockhand against @microsoft/compose-language-service and
// yaml-language-server (with the Compose schema), side by side over LSP
// stdio on the same generated files and the corpus, then `dockhand check`
// against dclint. Prints a table, writes bench/results/latest.json and
// bench/README.md. Not a test: targets are reported, never asserted.
//
// Options: --quick (fewer runs/positions, for trying the script),
//          --sizes=100,1000,1000+anchor (generated sizes; +anchor: every
//          service merges a shared anchor), --no-corpus, --no-check,
//          --no-topology, --topology (only the topology view's drawing time),
//          --no-editor (skip formatting and inlay hints), --editor-only
//          (only formatting and inlay hints: updates that part of
//          results/latest.json and bench/README.md, keeps the rest).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureNode24 } from '../scripts/node24.mjs';
import { benchEdits, benchPositions, generateCompose, writeProject } from './generate.mjs';
import { measureFile, measureOpen, primeCompiledCode } from './measure.mjs';
import { measureCorpus, checkVersusDclint } from './corpus.mjs';
import { measureEditorFeatures } from './editorFeatures.mjs';
import { checkPrerequisites, repoRoot, serverEnvironment, serverSpecs } from './servers.mjs';
import { median, medianOfRuns } from './stats.mjs';
import { renderMarkdown, renderTable, topologyLine } from './report.mjs';
import { measureTopology } from './topology.mjs';

const args = process.argv.slice(2);
const notesFile = join(repoRoot, 'bench', 'notes.md');
const readNotes = () => (existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : undefined);

// `node bench/run.mjs --render`: rewrite bench/README.md from results/latest.json (after editing notes.md).
if (args.includes('--render')) {
  const latest = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', 'latest.json'), 'utf8'));
  writeFileSync(join(repoRoot, 'bench', 'README.md'), renderMarkdown(latest, readNotes()));
  process.exit(0);
}
const quick = args.includes('--quick');
const sizesArg = args.find((a) => a.startsWith('--sizes='));
// `1000+anchor`: the same services, each merging a shared `x-common` anchor (`<<: *common`), as large real files do.
const sizes = (sizesArg ? sizesArg.slice(8).split(',') : ['100', '1000', '1000+anchor', '5000']).map((s) => ({ services: Number.parseInt(s, 10), sharedAnchor: s.endsWith('+anchor') }));
const onlyArg = args.find((a) => a.startsWith('--servers='));

// Fewer runs and positions as files grow, to keep the whole bench near 10 minutes on 2 cores.
const PLAN = {
  100: { runs: 3, positions: 150, edits: 8 },
  1000: { runs: 3, positions: 120, edits: 6 },
  // One full run of each server at 5,000 services, and two more fresh servers that only open the file:
  // open → first diagnostics is a median of three cold opens.
  5000: { runs: 1, opens: 3, positions: 30, edits: 3 },
};

function planFor(size) {
  const plan = PLAN[size] ?? { runs: 2, positions: 60, edits: 5 };
  if (quick) return { runs: 1, positions: Math.min(30, plan.positions), edits: 3 };
  // A busy machine already spent the budget on the smaller files: fewer runs of the larger ones.
  if (size >= 1000 && Date.now() - started > 240_000) return { ...plan, runs: Math.min(plan.runs, 2) };
  return plan;
}

// Measure what the source says today, as it ships: the production bundle the .vsix holds (minified, no
// source map), built first (a clean clone has none). The tests rebuild dist/ for themselves.
const build = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production'], { stdio: 'inherit', cwd: repoRoot });
if (build.status !== 0) {
  console.error('npm run build failed: fix the build, then rerun the benchmark.');
  process.exit(1);
}

// `--topology`: only the topology view (no peers, no corpus), written beside latest.json.
if (args.includes('--topology')) {
  const topology = await measureTopology({ node: await ensureNode24(), runs: quick ? 2 : 5, log: (...m) => console.error('[bench topology]', ...m) });
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', 'topology.json'), JSON.stringify({ date: new Date().toISOString(), loadAverage: (await import('node:os')).loadavg(), ...topology }, null, 2) + '\n');
  console.log(topologyLine(topology));
  process.exit(0);
}

const editorOnly = args.includes('--editor-only');
const missing = checkPrerequisites({ needsCorpus: !editorOnly && !(args.includes('--no-corpus') && args.includes('--no-check')) });
if (missing.length) {
  console.error(`Cannot run the benchmark, missing:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}

const started = Date.now();
const node24 = await ensureNode24();
const nodeVersion = (bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'dockhand-bench-'));
// Dockhand keeps its compiled code between starts in a folder the client gives it: the bench gives it one too.
const compileCache = join(work, 'compile-cache');
let specs = serverSpecs(node24, { compileCache });
if (onlyArg) specs = specs.filter((s) => onlyArg.slice(10).split(',').includes(s.id));
const log = (...m) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...m);

const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: { bench: process.version, servers: nodeVersion(node24) },
    loadAverageAtStart: (await import('node:os')).loadavg(),
  },
  servers: Object.fromEntries(specs.map((s) => [s.id, s.label])),
  // How Dockhand was started (its V8 flags change with common/src/serverV8Flags.json).
  // As a shell would start it: the environment the client adds (serverEnvironment.json processEnv), then the command.
  dockhandCommand: [
    ...Object.entries(specs.find((s) => s.id === 'dockhand').env ?? {}).filter(([name]) => name in serverEnvironment.processEnv).map(([name, value]) => `${name}=${value}`),
    'node',
    ...specs.find((s) => s.id === 'dockhand').args.map((a) => (a.startsWith(repoRoot) ? relative(repoRoot, a) : a)),
  ].join(' '),
  generated: [],
  corpus: undefined,
  check: undefined,
};

const latestFile = join(repoRoot, 'bench', 'results', 'latest.json');
if (editorOnly) {
  const latest = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, 'utf8')) : { ...results };
  try {
    log('formatting and inlay hints on 1,000 services');
    latest.editorFeatures = { date: results.date, loadAverageAtStart: results.machine.loadAverageAtStart, ...(await measureEditorFeatures(specs, work, { runs: quick ? 2 : 7, log })) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(latestFile, JSON.stringify(latest, null, 2) + '\n');
  if (!quick && !onlyArg) writeFileSync(join(repoRoot, 'bench', 'README.md'), renderMarkdown(latest, readNotes()));
  console.log(renderTable(latest));
  process.exit(0);
}

try {
  const dockhand = specs.find((s) => s.id === 'dockhand');
  if (dockhand) {
    const dir = join(work, 'first-start');
    const text = generateCompose(20);
    const bytes = await primeCompiledCode(dockhand, { dir, path: writeProject(dir, text), text }, compileCache);
    results.compiledCodeKb = Math.round(bytes / 1024);
    log(`Dockhand's first start kept ${results.compiledCodeKb} KB of compiled code: every start measured runs from it, as a user's starts after the first do`);
  }
  for (const { services: size, sharedAnchor } of sizes) {
    // The shared-anchor file is a second look at 1,000 services: fewer runs. yaml-language-server needs close to a
    // minute to open it (55 s in a trial run), and its edits as long: it is shown as timed out after 20 s.
    const plan = sharedAnchor ? { ...planFor(size), runs: Math.min(2, planFor(size).runs), positions: 60, edits: 5 } : planFor(size);
    const openBudgetMs = sharedAnchor ? 20_000 : size >= 5000 ? 240_000 : 120_000;
    const dir = join(work, `s${size}${sharedAnchor ? '-anchor' : ''}`);
    const text = generateCompose(size, undefined, { sharedAnchor });
    const path = writeProject(dir, text);
    const positions = benchPositions(text, plan.positions);
    const floor = JSON.parse(spawnSync(node24, [join(repoRoot, 'bench', 'floor.mjs'), path, size >= 5000 ? '3' : '7'], { encoding: 'utf8' }).stdout);
    log(`${size} services${sharedAnchor ? ' merging a shared anchor' : ''}: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB, yaml parse ${floor.parseMs.toFixed(1)} ms`);
    const perServer = Object.fromEntries(specs.map((s) => [s.id, []]));
    for (let run = 0; run < plan.runs; run++) {
      // Alternate the order so no server always runs on a warm (or hot) machine.
      const order = specs.map((_, i) => specs[(i + run) % specs.length]);
      for (const spec of order) {
        const file = { dir, path, text, positions, edits: benchEdits(text, plan.edits) };
        try {
          const r = await measureFile(spec, file, { warmup: 3, quietMs: 300, diagnosticsTimeoutMs: openBudgetMs, phaseMs: size >= 5000 ? 25_000 : 15_000 });
          perServer[spec.id].push(r);
          if (r.openTimedOutAfterMs) {
            log(`  run ${run + 1}/${plan.runs} ${spec.id}: no diagnostics within ${r.openTimedOutAfterMs / 1000} s of opening, ${r.peakRssMb?.toFixed(0)} MB peak`);
            continue;
          }
          log(`  run ${run + 1}/${plan.runs} ${spec.id}: open ${r.openToDiagnosticsMs.toFixed(0)} ms, completion p95 ${r.completionP95.toFixed(1)} ms, hover p95 ${r.hoverP95.toFixed(1)} ms, edit p95 ${r.editToDiagnosticsP95?.toFixed(0)} ms, ${r.openPeakRssMb?.toFixed(0)} MB at first diagnostics, ${r.peakRssMb?.toFixed(0)} MB peak`);
        } catch (error) {
          log(`  run ${run + 1}/${plan.runs} ${spec.id} failed: ${error.message}`);
        }
      }
    }
    // More cold opens than full runs: each server opens the file again in a fresh process, alternating.
    const opens = Object.fromEntries(specs.map((s) => [s.id, perServer[s.id].filter((r) => r.openToDiagnosticsMs !== undefined).map((r) => r.openToDiagnosticsMs)]));
    for (let run = plan.runs; run < (plan.opens ?? 0); run++) {
      const order = specs.map((_, i) => specs[(i + run) % specs.length]);
      for (const spec of order) {
        if (perServer[spec.id].length === 0 || perServer[spec.id].every((r) => r.openTimedOutAfterMs)) continue;
        const r = await measureOpen(spec, { dir, path, text }, { diagnosticsTimeoutMs: openBudgetMs }).catch((error) => ({ error }));
        if (r.openToDiagnosticsMs === undefined) {
          log(`  open ${run + 1}/${plan.opens} ${spec.id}: ${r.error ? `failed: ${r.error.message}` : `no diagnostics within ${r.openTimedOutAfterMs / 1000} s`}`);
          continue;
        }
        opens[spec.id].push(r.openToDiagnosticsMs);
        log(`  open ${run + 1}/${plan.opens} ${spec.id}: ${r.openToDiagnosticsMs.toFixed(0)} ms, ${r.openPeakRssMb?.toFixed(0)} MB at first diagnostics`);
      }
    }
    const summed = Object.fromEntries(
      Object.entries(perServer).map(([id, runs]) => {
        const m = medianOfRuns(runs);
        if (!m || opens[id].length <= runs.length) return [id, m ?? { failed: true }];
        return [id, { ...m, openToDiagnosticsMs: median(opens[id]), opens: opens[id] }];
      }),
    );
    results.generated.push({
      services: size,
      ...(sharedAnchor ? { variant: 'shared anchor' } : {}),
      lines: text.split('\n').length,
      bytes: Buffer.byteLength(text),
      yamlParseMs: floor.parseMs,
      plan,
      servers: summed,
    });
  }
  if (!args.includes('--no-editor')) {
    log('formatting and inlay hints on 1,000 services');
    try {
      results.editorFeatures = await measureEditorFeatures(specs, work, { runs: quick ? 2 : 7, log });
    } catch (error) {
      log(`formatting and inlay hints failed: ${error.message}`);
    }
  }
  if (!args.includes('--no-corpus')) {
    log('corpus: opening every Compose file of the corpus in each server');
    results.corpus = await measureCorpus(specs, { quick, log });
  }
  if (!args.includes('--no-topology')) {
    log('topology: the topology view drawing a generated 300-service project');
    results.topology = await measureTopology({ node: node24, runs: quick ? 2 : 5, log }).catch((error) => ({ error: error.message }));
  }
  if (!args.includes('--no-check')) {
    log('check: dockhand check against dclint over the corpus');
    results.check = checkVersusDclint({ log });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

results.seconds = (Date.now() - started) / 1000;
results.machine.loadAverageAtEnd = (await import('node:os')).loadavg();
mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
if (!quick && !onlyArg && !sizesArg) writeFileSync(join(repoRoot, 'bench', 'README.md'), renderMarkdown(results, readNotes()));
console.log(renderTable(results));
log(`done in ${results.seconds.toFixed(0)} s; wrote bench/results/latest.json`);
// Ends here once the results are written: a run whose work was done once stayed alive (8 Dec, one run of four:
// two esbuild services, which the TypeScript loader of the topology phase starts, still running beside it).
process.exit(0);
