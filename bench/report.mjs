// Renders the benchmark results: a plain table for the terminal and the
// Markdown page bench/README.md (the README's Benchmarks section).
const PEERS = ['compose-ls', 'yaml-ls'];

const METRICS = [
  ['openToDiagnosticsMs', 'open → first diagnostics (ms)'],
  ['completionP50', 'completion p50 (ms)', 'completionAnswered'],
  ['completionP95', 'completion p95 (ms)', 'completionAnswered'],
  ['hoverP50', 'hover p50 (ms)', 'hoverAnswered'],
  ['hoverP95', 'hover p95 (ms)', 'hoverAnswered'],
  ['editToDiagnosticsP50', 'edit → diagnostics p50 (ms)'],
  ['editToDiagnosticsP95', 'edit → diagnostics p95 (ms)'],
  ['editToDiagnosticsWorkP95', 'edit → diagnostics p95 less fixed debounce (ms)'],
  ['completionAfterEditP95', 'completion sent right after an edit p95 (ms)'],
  ['hoverAfterEditP95', 'hover sent right after an edit p95 (ms)'],
  ['completionTypingKeyP95', 'completion while typing a new key p95 (ms)'],
  ['completionNamingKeyP95', 'completion while naming a new service p95 (ms)'],
  ['completionTopLevelKeyP95', 'completion while typing a new top-level key p95 (ms)'],
  ['openPeakRssMb', 'peak RSS at first diagnostics (MB)'],
  ['peakRssMb', 'peak RSS (MB)'],
  ['peakRssAfterTopLevelKeyMb', 'peak RSS with the new top-level key typed too (MB)'],
];

const fmtOpen = (s) => (s?.openTimedOutAfterMs ? `> ${s.openTimedOutAfterMs / 1000} s (timed out)` : undefined);
const fmt = (v, digits = 1) => (typeof v === 'number' && Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(digits)) : '–');
const pct = (v) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : '–');

/** How many times faster (or leaner) Dockhand is than a peer on one figure; undefined where the peer offers nothing. */
function ratio(dockhand, peer, key, answeredKey) {
  if (!dockhand || !peer || peer.failed || dockhand.failed) return undefined;
  if (answeredKey && !(peer[answeredKey] > 0)) return undefined;
  const d = dockhand[key];
  const p = peer[key];
  if (typeof d !== 'number' || typeof p !== 'number' || d <= 0) return undefined;
  return p / d;
}

const fmtRatio = (r) => (r === undefined ? 'n/a' : `${r.toFixed(r >= 10 ? 0 : 1)}×`);

function generatedRows(entry) {
  const s = entry.servers;
  const rows = [];
  for (const [key, label, answeredKey] of METRICS) {
    rows.push([
      label,
      ...['dockhand', ...PEERS].map((id) => {
        const value = s[id]?.[key];
        const answered = answeredKey && s[id] ? ` (${pct(s[id][answeredKey])} answered)` : '';
        if (s[id]?.failed) return 'failed';
        if (key === 'openToDiagnosticsMs' && fmtOpen(s[id])) return fmtOpen(s[id]);
        return fmt(value) + (value === undefined ? '' : answered);
      }),
      ...PEERS.map((id) => fmtRatio(ratio(s.dockhand, s[id], key, answeredKey))),
    ]);
  }
  return rows;
}

export function targets(results) {
  // The issue's targets are on the plain generated files; the shared-anchor variant is reported beside them.
  const at = (n) => (results.generated ?? []).find((g) => g.services === n && !g.variant);
  const g1000 = at(1000);
  const g5000 = at(5000);
  const d = g1000?.servers.dockhand;
  const out = [];
  const add = (name, value, limit, unit, met) => out.push({ name, value, limit, unit, met });
  if (d && !d.failed) {
    add('completion p95 on 1,000 services', d.completionP95, 10, 'ms', d.completionP95 < 10);
    add('hover p95 on 1,000 services', d.hoverP95, 10, 'ms', d.hoverP95 < 10);
    add('edit → diagnostics p95 on 1,000 services', d.editToDiagnosticsP95, 50, 'ms', d.editToDiagnosticsP95 < 50);
    const floorRatio = d.editToDiagnosticsP95 / g1000.yamlParseMs;
    add('edit → diagnostics p95 / bare yaml parse (1,000 services)', floorRatio, 0.25, '×', floorRatio <= 0.25);
    for (const [key, label, answeredKey] of [
      ['completionP95', 'completion p95', 'completionAnswered'],
      ['hoverP95', 'hover p95', 'hoverAnswered'],
      ['editToDiagnosticsP95', 'edit → diagnostics p95'],
      ['openToDiagnosticsMs', 'open → diagnostics'],
    ]) {
      const peers = PEERS.map((id) => g1000.servers[id]).filter((p) => p && !p.failed && (!answeredKey || p[answeredKey] > 0));
      if (!peers.length) continue;
      const workKey = key === 'editToDiagnosticsP95' ? 'editToDiagnosticsWorkP95' : key;
      const fastest = Math.min(...peers.map((p) => p[workKey]));
      const r = fastest / d[key];
      add(`${label}: speed-up over the faster peer (1,000 services)`, r, 3, '×', r >= 3);
    }
  }
  const editor = results.editorFeatures;
  const format = editor?.formatting?.dockhand;
  if (format && !format.failed) add(`formatting ${editor.services.toLocaleString('en')} services (median)`, format.p50, 200, 'ms', format.p50 < 200);
  if (editor?.inlayHints) add(`inlay hints for ${editor.inlayHints.visibleLines} visible lines, p95 (${editor.services.toLocaleString('en')} services)`, editor.inlayHints.p95, 10, 'ms', editor.inlayHints.p95 < 10);
  const big = g5000?.servers.dockhand;
  if (big && !big.failed) {
    if (d && !d.failed && big.editToDiagnosticsP95 !== undefined) {
      const growth = big.editToDiagnosticsP95 / d.editToDiagnosticsP95;
      add('edit → diagnostics p95, 5,000 / 1,000 services (linear growth)', growth, 6, '×', growth <= 6);
    }
    const peers = PEERS.map((id) => g5000.servers[id]).filter((p) => p && !p.failed && p.openToDiagnosticsMs !== undefined);
    if (peers.length && big.openToDiagnosticsMs !== undefined) {
      const r = Math.min(...peers.map((p) => p.openToDiagnosticsMs)) / big.openToDiagnosticsMs;
      add('open → diagnostics: speed-up over the faster peer (5,000 services)', r, 3, '×', r >= 3);
    }
    if (big.completionAfterEditP95 !== undefined) add('completion sent right after an edit p95 (5,000 services)', big.completionAfterEditP95, 50, 'ms', big.completionAfterEditP95 < 50);
    if (big.hoverAfterEditP95 !== undefined) add('hover sent right after an edit p95 (5,000 services)', big.hoverAfterEditP95, 50, 'ms', big.hoverAfterEditP95 < 50);
    add('peak RSS on 5,000 services', big.peakRssMb, 150, 'MB', big.peakRssMb < 150);
  }
  if (big?.openTimedOutAfterMs) add(`open → diagnostics on 5,000 services (did not finish in ${big.openTimedOutAfterMs / 1000} s)`, undefined, big.openTimedOutAfterMs, 'ms', false);
  return out;
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Ratios of a cost (against the parse, or growth) are upper bounds; speed-ups are lower bounds. */
const bound = (t) => (t.unit === '×' && (t.name.includes('parse') || t.name.includes('growth')) ? '≤' : t.unit === '×' ? '≥' : '<');

const HEADER = ['', 'Dockhand', 'compose-ls', 'yaml-ls', '× vs compose-ls', '× vs yaml-ls'];

function corpusRows(corpus) {
  const s = corpus.servers;
  return [
    ['all files → diagnostics (ms)', 'allDiagnosticsMs'],
    ['hover p50 (ms)', 'hoverP50'],
    ['hover p95 (ms)', 'hoverP95'],
    ['peak RSS (MB)', 'peakRssMb'],
  ].map(([label, key]) => [label, ...['dockhand', ...PEERS].map((id) => (s[id]?.failed ? 'failed' : fmt(s[id]?.[key]))), ...PEERS.map((id) => fmtRatio(ratio(s.dockhand, s[id], key)))]);
}

/** Formatting in each server (the median request), and Dockhand's inlay hints. */
function editorRows(editor) {
  const f = editor.formatting;
  const cell = (id) => (f[id]?.failed ? 'failed' : f[id]?.noEdits ? `${fmt(f[id].p50)} (no edits)` : fmt(f[id]?.p50));
  const formatRatio = (id) => (f[id]?.noEdits ? 'n/a' : fmtRatio(ratio(f.dockhand, f[id], 'p50')));
  const rows = [[`format document, ${editor.services.toLocaleString('en')} services re-indented (ms)`, ...['dockhand', ...PEERS].map(cell), ...PEERS.map(formatRatio)]];
  const h = editor.inlayHints;
  if (h) {
    rows.push([`inlay hints, ${h.visibleLines} visible lines, p50 (ms)`, fmt(h.p50, 2), 'none', 'none', 'n/a', 'n/a']);
    rows.push([`inlay hints, ${h.visibleLines} visible lines, p95 (ms)`, fmt(h.p95, 2), 'none', 'none', 'n/a', 'n/a']);
    const o = h.duringOpenRun;
    if (o?.requests) rows.push([`inlay hints sent during the open's diagnostics run, p95 (ms; ${o.requests} requests)`, fmt(o.p95), 'none', 'none', 'n/a', 'n/a']);
  }
  const pause = editor.pauseRequests;
  if (pause) {
    const ids = ['dockhand', ...PEERS];
    const at = (id, name, key) => (pause.servers[id]?.failed ? 'failed' : pause.servers[id]?.[name]?.unsupported ? 'none' : fmt(pause.servers[id]?.[name]?.[key], 0));
    for (const name of ['outline', 'folding', 'links']) {
      rows.push([
        `${name} after a pause, ${pause.services.toLocaleString('en')} services, median (ms)`,
        ...ids.map((id) => at(id, name, 'p50')),
        ...PEERS.map((id) => fmtRatio(ratio(pause.servers.dockhand?.[name], pause.servers[id]?.[name], 'p50'))),
      ]);
      rows.push([`… its answer (KB of JSON)`, ...ids.map((id) => at(id, name, 'kb')), 'n/a', 'n/a']);
    }
  }
  return rows;
}

function checkLine(check) {
  if (!check) return undefined;
  const d = check.dockhandMs !== undefined ? `${fmt(check.dockhandMs, 0)} ms` : `did not run (exit ${check.dockhandStatus}: ${check.dockhandNote})`;
  const l = check.dclintMs !== undefined ? `${fmt(check.dclintMs, 0)} ms` : `did not run (exit ${check.dclintStatus}: ${check.dclintNote})`;
  const ratio = check.speedup ? `; Dockhand ${check.speedup.toFixed(1)}× faster` : check.speedupAtLeast ? `; Dockhand at least ${check.speedupAtLeast.toFixed(0)}× faster` : '';
  return `dockhand check over ${check.files} corpus files: ${d}; dclint: ${l}${ratio}`;
}

/** The topology view's drawing time (bench/topology.mjs), in one sentence. */
export function topologyLine(t) {
  if (!t) return undefined;
  if (t.error) return `Topology view: did not run (${t.error})`;
  return (
    `Topology view of ${t.services} services (${t.counts.nodes} boxes, ${t.counts.edges} edges, ${t.counts.groups} networks) in headless Chromium, median of ${t.runs}: ` +
    `dockhand/topology answers in ${fmt(t.requestMs, 0)} ms; the page draws it in ${fmt(t.first.drawMs, 0)} ms (layout ${fmt(t.first.layoutMs, 0)} ms; ${fmt(t.first.openToPictureMs, 0)} ms from opening a fresh page) ` +
    `and redraws after an edit in ${fmt(t.redraw.drawMs, 0)} ms; target: under ${t.targetMs} ms`
  );
}

const fmtLoad = (l) => (Array.isArray(l) ? l[0].toFixed(1) : '?');

export function renderTable(results) {
  const parts = [`Benchmark ${results.date} on ${results.machine.cpu} (${results.machine.cores} cores, load ${fmtLoad(results.machine.loadAverageAtStart)} → ${fmtLoad(results.machine.loadAverageAtEnd)}), servers on Node ${results.machine.node.servers}`];
  for (const g of results.generated ?? []) {
    parts.push(`\n${g.services} services${g.variant ? ', each merging a shared anchor (<<: *common)' : ''} (${g.lines} lines, ${(g.bytes / 1024).toFixed(0)} KiB; bare yaml parse ${fmt(g.yamlParseMs)} ms; median of ${g.plan.runs} runs${g.plan.opens > g.plan.runs ? `, open of ${g.plan.opens} cold opens` : ''}, ${g.plan.positions} positions, ${g.plan.edits} edits)`);
    parts.push(table(HEADER, generatedRows(g)));
  }
  if (results.corpus) {
    parts.push(`\nCorpus (${results.corpus.files} Compose files opened at once)`);
    parts.push(table(HEADER, corpusRows(results.corpus)));
  }
  if (results.editorFeatures) {
    parts.push(`\nFormatting and inlay hints (${results.editorFeatures.services} services); what the editor asks after a pause in typing${results.editorFeatures.pauseRequests ? ` (${results.editorFeatures.pauseRequests.services} services)` : ''}`);
    parts.push(table(HEADER, editorRows(results.editorFeatures)));
  }
  const c = checkLine(results.check);
  if (c) parts.push(`\n${c}`);
  const topo = topologyLine(results.topology);
  if (topo) parts.push(`\n${topo}`);
  parts.push('\nTargets (reported, not asserted):');
  for (const t of targets(results)) parts.push(`  ${t.met ? 'met    ' : 'NOT MET'} ${t.name}: ${fmt(t.value)} ${t.unit} (target ${bound(t)} ${t.limit} ${t.unit})`);
  return parts.join('\n');
}

/** Whether the machine was busy beyond the benchmark itself (its servers keep ~1-1.5 of the 2 cores busy). */
function sharedMachine(results) {
  return Math.max(results.machine.loadAverageAtStart[0], results.machine.loadAverageAtEnd[0]) >= 2;
}

/** Hand-written analysis (bench/notes.md) shown under the generated tables. */
export function renderMarkdown(results, notes) {
  const parts = [
    '# Benchmarks',
    '',
    `Latest run: ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpu}, ${results.machine.cores} cores; servers on Node ${results.machine.node.servers}. ` +
      `Load average (1 min) ${fmtLoad(results.machine.loadAverageAtStart)} at the start and ${fmtLoad(results.machine.loadAverageAtEnd)} at the end${sharedMachine(results) ? ' (other work shared the machine)' : ''}. ` +
      `Reproduce with \`npm run bench\` (about ten minutes); raw figures in [results/latest.json](results/latest.json).`,
    '',
    `Each server runs as its own process over LSP stdio and gets the same files, positions and edits: Dockhand (\`${results.dockhandCommand ?? 'node dist/server.js --stdio'}\`, as the VS Code client starts it, from the production bundle the .vsix ships${results.compiledCodeKb ? `, with the ${results.compiledCodeKb} KB of compiled code a first start on a 20-service file kept, as every start of a user's but the first has (server/src/compileCache.ts)` : ''}), ` +
      '`@microsoft/compose-language-service` (with `diagnosticDelay: 0`, its fastest setting) and `yaml-language-server` with the Compose JSON schema ' +
      '(validation, completion and hover on; schema store off). "× vs" is how many times faster (or leaner) Dockhand is; n/a where the peer gives no answer at those positions. ' +
      'yaml-language-server always waits 200 ms before validating; the "less fixed debounce" row takes that off. Figures are medians of alternating runs on a shared 2-core machine, so expect noise.',
  ];
  for (const g of results.generated ?? []) {
    parts.push('', `## ${g.services.toLocaleString('en')} services${g.variant ? ', each merging a shared anchor' : ''}`, '', `${g.variant ? 'The same services, each starting with `<<: *common` (an `x-common` mapping with logging options and a stop grace period), the way large files share settings. ' : ''}${g.lines.toLocaleString('en')} lines, ${(g.bytes / 1024).toFixed(0)} KiB. Bare \`yaml\` parse of the whole file (the reference for edits): ${fmt(g.yamlParseMs)} ms. Median of ${g.plan.runs} runs${g.plan.opens > g.plan.runs ? ` (open → first diagnostics: median of ${g.plan.opens} cold opens, each in a fresh server, alternating)` : ''}; ${g.plan.positions} completion/hover positions (keys, values, ports); ${g.plan.edits} one-character edits.`, '');
    parts.push(mdTable(HEADER, generatedRows(g)));
  }
  if (results.corpus) {
    parts.push('', '## Corpus', '', `All ${results.corpus.files} Compose files of the shared corpus opened at once in one server; hover at each file's first key.`, '');
    parts.push(mdTable(HEADER, corpusRows(results.corpus)));
  }
  if (results.editorFeatures) {
    parts.push('', '## Formatting, inlay hints, and what the editor asks after a pause', '', `The ${results.editorFeatures.services.toLocaleString('en')}-service file re-indented to 4 spaces and formatted to 2 (every line changes; yaml-language-server with its formatter on for this part); median of the requests after a first, uncounted one. Inlay hints: Dockhand only (neither peer has them), for ${results.editorFeatures.inlayHints?.visibleLines ?? 60} lines at 40 places in a variant whose image tags are \`\${APP_TAG:-…}\` and which an override file partly replaces, once the first diagnostics are out (as completion and hover); the requests sent while the open's diagnostics run is still going wait for its step in progress and are shown apart. After a pause: what VS Code asks of a Compose file each time typing pauses (the outline, folding ranges, links), on the ${(results.editorFeatures.pauseRequests?.services ?? 5000).toLocaleString('en')}-service file once its first diagnostics are out, with the client capabilities VS Code sends (a nested outline, at most 5,000 folding ranges); each round follows a one-character edit and its diagnostics, as a pause follows typing, so no answer is a version's second; the median request and the size of its answer, which the editor must read too.`, '');
    parts.push(mdTable(HEADER, editorRows(results.editorFeatures)));
  }
  const c = checkLine(results.check);
  if (c) parts.push('', '## `dockhand check` vs dclint', '', c + '.');
  const topo = topologyLine(results.topology);
  if (topo) parts.push('', '## Topology view', '', topo + '.');
  parts.push('', '## Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const t of targets(results)) parts.push(`| ${t.name} ${bound(t)} ${t.limit} ${t.unit} | ${fmt(t.value, 2)} ${t.unit} | ${t.met ? 'yes' : '**no**'} |`);
  if (notes) parts.push('', notes.trim());
  return parts.join('\n') + '\n';
}
