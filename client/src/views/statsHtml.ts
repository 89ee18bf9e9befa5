// The stats webview's page: no network (strict CSP, no CDN), one nonce'd
// inline script that redraws a card per container from the points the
// extension posts, with small SVG charts of the recent history.
import { escapeHtml, pageHead } from './webviewPage';

export interface StatsCard {
  id: string;
  name: string;
  service: string;
  state: 'running' | 'stopped';
  cpuPercent: number;
  memoryUsed: string;
  memoryLimit: string;
  memoryPercent: number;
  net: string;
  block: string;
  /** "memory 80 % of 256 MiB", with level ok/near/at. */
  limits: { text: string; level: 'ok' | 'near' | 'at' }[];
  cpuHistory: number[];
  memoryHistory: number[];
}

export interface StatsMessage {
  type: 'update';
  project: string;
  cards: StatsCard[];
  note?: string;
}

export function statsHtml(options: { nonce: string; cspSource: string; project: string }): string {
  const { nonce, cspSource, project } = options;
  const escaped = escapeHtml(project);
  return `<!DOCTYPE html>
<html lang="en">
<head>
${pageHead({ nonce, cspSource, title: `Stats: ${project}` })}
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px; }
  h1 { font-size: 1.2em; font-weight: 600; }
  .note { opacity: .75; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
  .card { border: 1px solid var(--vscode-panel-border, #8884); border-radius: 4px; padding: 8px 10px; }
  .card.stopped { opacity: .6; }
  .card h2 { font-size: 1em; margin: 0 0 4px; }
  .card h2 small { font-weight: normal; opacity: .7; }
  .row { display: flex; justify-content: space-between; gap: 8px; font-variant-numeric: tabular-nums; }
  .label { opacity: .75; }
  svg { width: 100%; height: 36px; display: block; margin: 2px 0 6px; }
  polyline { fill: none; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
  .cpu polyline { stroke: var(--vscode-charts-blue, #3794ff); }
  .mem polyline { stroke: var(--vscode-charts-purple, #b180d7); }
  .limit { margin-top: 4px; padding: 2px 6px; border-radius: 3px; }
  .limit.ok { background: color-mix(in srgb, var(--vscode-charts-green, #89d185) 20%, transparent); }
  .limit.near { background: color-mix(in srgb, var(--vscode-charts-yellow, #cca700) 30%, transparent); }
  .limit.at { background: color-mix(in srgb, var(--vscode-charts-red, #f14c4c) 35%, transparent); }
</style>
</head>
<body>
<h1>Live stats: ${escaped}</h1>
<p class="note" id="note">Waiting for the first samples…</p>
<div class="grid" id="cards"></div>
<script nonce="${nonce}">
(function () {
  const cards = document.getElementById('cards');
  const note = document.getElementById('note');
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function chart(cls, values, max) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', cls);
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    const top = Math.max(max, ...values, 1);
    const n = Math.max(values.length - 1, 1);
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', values.map((v, i) => (i * 100 / n).toFixed(2) + ',' + (30 - (v / top) * 28 - 1).toFixed(2)).join(' '));
    svg.appendChild(line);
    return svg;
  }
  function row(label, value) { const r = el('div', 'row'); r.appendChild(el('span', 'label', label)); r.appendChild(el('span', '', value)); return r; }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'update') return;
    note.textContent = m.note || (m.cards.length ? 'Updated every 2 s while this tab is visible.' : 'No running containers in this project.');
    cards.replaceChildren(...m.cards.map((c) => {
      const card = el('div', 'card ' + c.state);
      card.dataset.container = c.name;
      const h = el('h2', '', c.name + ' '); h.appendChild(el('small', '', c.service)); card.appendChild(h);
      card.appendChild(row('CPU', c.cpuPercent.toFixed(1) + ' %'));
      card.appendChild(chart('cpu', c.cpuHistory, 100));
      card.appendChild(row('Memory', c.memoryUsed + ' / ' + c.memoryLimit + ' (' + c.memoryPercent.toFixed(1) + ' %)'));
      card.appendChild(chart('mem', c.memoryHistory, 0));
      card.appendChild(row('Network rx / tx', c.net));
      card.appendChild(row('Block read / write', c.block));
      if (c.limits.length === 0) card.appendChild(el('div', 'label', 'No deploy.resources.limits'));
      for (const l of c.limits) card.appendChild(el('div', 'limit ' + l.level, l.text));
      return card;
    }));
  });
})();
</script>
</body>
</html>`;
}
