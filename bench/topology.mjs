// The topology view's drawing time on a generated project (300 services by
// default): the built server answers `dockhand/topology` over stdio, then the
// view's real page (client/src/views/topologyHtml.ts + dist/topologyView.js,
// elkjs inside) lays it out and draws it in headless Chromium. "Draw" is from
// posting the model to the page's report after the next paint, as in VS Code.
// First: a fresh page each run, the model posted when the page is ready (as
// the panel does); also timed from opening the page. Redraw: an edit of the
// same project drawn again in that page.
// Not a test: `npm run bench -- --topology` prints and records, never asserts.
/* global window -- page.evaluate callbacks run in the page */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCompose } from './generate.mjs';
import { startLsp } from './lsp.mjs';
import { repoRoot } from './servers.mjs';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined;
}

/**
 * @param {{ node: string, services?: number, runs?: number, log?: (...m: unknown[]) => void, screenshot?: string }} options
 */
export async function measureTopology(options) {
  const services = options.services ?? 300;
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => undefined);
  const { chromium } = await import('playwright-core');
  const { chromiumPath, ensureSystemPackages } = await import('../scripts/code-server.mjs');
  const { tsImport } = await import('tsx/esm/api');
  const { topologyHtml } = await tsImport('../client/src/views/topologyHtml.ts', import.meta.url);

  const work = mkdtempSync(join(tmpdir(), 'dockhand-bench-topology-'));
  const file = join(work, 'compose.yaml');
  const text = generateCompose(services);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const server = await startLsp({ node: options.node, args: [join(repoRoot, 'dist', 'server.js'), '--stdio'], rootUri: pathToFileURL(work).toString() });
  await ensureSystemPackages({ needChromium: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    server.open(uri, text);
    const requestMs = [];
    let model;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      model = await server.request('dockhand/topology', { uri });
      requestMs.push(performance.now() - t);
    }
    // The edited project: one more service, so the page lays it out again.
    const edited = structuredClone(model);
    edited.services.push({ ...edited.services[0], name: 'svc-extra', location: undefined, links: [] });

    const script = readFileSync(join(repoRoot, 'dist', 'topologyView.js'), 'utf8');
    const html = topologyHtml({ nonce: 'bench', cspSource: "'self'", scriptUri: 'bench:topologyView.js', title: 'Topology: bench' })
      // The page's one script, inline with the same nonce (the bench has no webview resource server).
      .replace(/<script nonce="bench" src="[^"]*"><\/script>/, () => `<script nonce="bench">${script.replace(/<\/script/gi, '<\\/script')}</script>`);
    const pageFile = join(work, 'page.html');
    // acquireVsCodeApi as the webview provides it: messages out are collected for the bench.
    const shim = `<script nonce="bench">window.__out=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__out.push(m),getState:()=>undefined,setState:()=>undefined});</script>`;
    writeFileSync(pageFile, html.replace('<head>', `<head>${shim}`));

    const drawOnce = async (page, m) =>
      page.evaluate(async (posted) => {
        const before = window.__out.filter((x) => x.type === 'drawn').length;
        const start = performance.now();
        window.postMessage({ type: 'model', model: posted, states: {} }, '*');
        while (window.__out.filter((x) => x.type === 'drawn').length === before) await new Promise((r) => setTimeout(r, 5));
        const drawn = window.__out.filter((x) => x.type === 'drawn').pop();
        // performance.now() counts from the page's navigation: opening the view to the picture.
        return { ...drawn, wallMs: performance.now() - start, sinceOpenMs: performance.now() };
      }, m);

    const cold = [];
    const warm = [];
    let counts;
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(pageFile).toString());
      // The panel posts the model once the page says it is ready.
      await page.waitForFunction(() => window.__out.some((x) => x.type === 'ready'));
      const first = await drawOnce(page, model);
      if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
      cold.push(first);
      warm.push(await drawOnce(page, edited));
      counts = first.counts;
      log(`  topology run ${i + 1}/${runs}: draw ${first.wallMs.toFixed(0)} ms (layout ${first.ms.layout.toFixed(0)} ms), page open to picture ${first.sinceOpenMs.toFixed(0)} ms, redraw after an edit ${warm.at(-1).wallMs.toFixed(0)} ms`);
      if (i === 0 && options.screenshot) await page.screenshot({ path: options.screenshot });
      await page.close();
    }
    return {
      services,
      counts,
      requestMs: median(requestMs),
      first: { drawMs: median(cold.map((c) => c.wallMs)), layoutMs: median(cold.map((c) => c.ms.layout)), renderMs: median(cold.map((c) => c.ms.render)), openToPictureMs: median(cold.map((c) => c.sinceOpenMs)) },
      redraw: { drawMs: median(warm.map((c) => c.wallMs)), layoutMs: median(warm.map((c) => c.ms.layout)) },
      targetMs: 1000,
      runs,
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// `node bench/topology.mjs [services]`: this case alone, for trying it out.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const services = Number(process.argv[2] ?? 300);
  // A picture of the first drawing, to look at (git-ignored).
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const result = await measureTopology({ node: process.execPath, services, log: console.error, screenshot: join(repoRoot, '.tmp', `topology-${services}.png`) });
  console.log(JSON.stringify(result, null, 2));
}
