// The topology webview's script (bundled by esbuild for the browser into
// dist/topologyView.js, loaded with the page's nonce; no network). It lays the
// graph out with elkjs in the page, draws it as SVG in VS Code's theme colours,
// and talks to the panel by messages:
//   in:  `model` (the server's topology), `states` (live service states)
//   out: `ready`, `drawn` (timings and counts), `reveal` (a clicked node), `export` (an SVG file)
// A state change only rewrites text; a model change is laid out off screen
// and swapped in at once, keeping the pan and zoom, so edits do not flicker.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyModel } from '../../../../common/src/protocol';
import { buildGraph, isLarge, LINE_HEIGHT, PADDING, toElk, type DrawGraph, type LiveState, type TextLine } from '../topologyGraph';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const elk = new ELK();
// elkjs compiles and initialises on its first layout (about half a second):
// do that while the page waits for the model, not when the user waits for the picture.
const warmUp = elk
  .layout({ id: 'warm-up', children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] })
  .catch(() => undefined);

const svg = document.getElementById('canvas') as unknown as SVGSVGElement;
const viewport = document.getElementById('viewport') as unknown as SVGGElement;
const profilesBar = document.getElementById('profiles') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

let model: TopologyModel | undefined;
let states: Record<string, LiveState> = {};
let engineNote: string | undefined;
const hiddenProfiles = new Set<string>((vscode.getState() as { hiddenProfiles?: string[] } | undefined)?.hiddenProfiles ?? []);
let lastLayoutKey = '';
/** What a click on a box or group reveals, by its id, from the last drawing. */
let locations = new Map<string, unknown>();
let drawing: Promise<void> = Promise.resolve();
let pendingModel = false;
let view = { x: 0, y: 0, k: 1 };
let fitted = false;
let bounds = { width: 0, height: 0 };

// ---------------------------------------------------------------- text

const measureCanvas = document.createElement('canvas').getContext('2d')!;
const FONT: Record<TextLine['style'], string> = { title: '600 13px', detail: '12px', state: '12px', note: '11px' };
function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}
const widths = new Map<string, number>();
let family: string | undefined;
/** Text width in the page's font; remembered, as a large project measures thousands of lines on every edit. */
function measure(text: string, style: TextLine['style']): number {
  const key = `${style}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    family ??= fontFamily();
    const font = `${FONT[style]} ${family}`;
    if (measureCanvas.font !== font) measureCanvas.font = font;
    width = measureCanvas.measureText(text).width;
    widths.set(key, width);
  }
  return width;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- drawing

function stateLine(service: string | undefined): { text: string; state: string } {
  if (!service) return { text: '', state: '' };
  const live = states[service];
  if (!live) return { text: engineNote ? '' : '', state: 'unknown' };
  const mark = live.state === 'running' ? '●' : live.state === 'not-created' ? '○' : live.state === 'exited' ? '■' : '◐';
  return { text: `${mark} ${live.label}`, state: live.state };
}

/** Where the line from a box's centre towards (tx, ty) leaves the box. */
function border(b: ElkNode, tx: number, ty: number): { x: number; y: number } {
  const cx = b.x! + b.width! / 2;
  const cy = b.y! + b.height! / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx ? b.width! / 2 / Math.abs(dx) : Infinity, dy ? b.height! / 2 / Math.abs(dy) : Infinity);
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/** Text for SVG markup: names and images come from the user's files. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `name="value"` pairs, escaped. */
function attrs(list: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(list)) if (v !== undefined && v !== '') out += ` ${k}="${esc(String(v))}"`;
  return out;
}

const n1 = (v: number) => v.toFixed(1);

/**
 * The picture as SVG markup, parsed once by the browser: thousands of boxes
 * and lines build several times faster this way than element by element.
 * Every text from the project is escaped.
 */
function render(graph: DrawGraph, layout: ElkNode, routed: Set<string>): SVGGElement {
  const boxes = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => {
    boxes.set(n.id, n);
    n.children?.forEach(walk);
  };
  walk(layout);
  const out: string[] = ['<g class="groups">'];
  for (const g of graph.groups) {
    const b = boxes.get(g.id);
    if (!b) continue;
    out.push(
      `<g${attrs({ class: `group ${g.kind}${g.location ? ' clickable' : ''}`, 'data-id': g.id, 'data-group': g.kind, 'data-name': g.name, transform: `translate(${n1(b.x!)},${n1(b.y!)})` })}>`,
      `<rect width="${n1(b.width!)}" height="${n1(b.height!)}" rx="8"/><text x="12" y="16" class="group-title">${esc(g.title)}</text>`,
      g.subtitle ? `<text x="12" y="29" class="group-subtitle">${esc(g.subtitle)}</text>` : '',
      '</g>',
    );
  }
  out.push('</g><g class="edges">');
  const laidOut = new Map((layout.edges ?? []).map((e) => [e.id, e]));
  for (const meta of graph.edges) {
    const marker = meta.kind !== 'same-service' ? ` marker-end="url(#arrow-${meta.kind === 'port' ? 'port' : 'dep'})"` : '';
    const e = routed.has(meta.id) ? laidOut.get(meta.id) : undefined;
    let body = '';
    if (e) {
      for (const s of e.sections ?? []) {
        const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
        body += `<path d="${points.map((p, i) => `${i ? 'L' : 'M'}${n1(p.x)},${n1(p.y)}`).join(' ')}"${marker}/>`;
      }
      for (const label of e.labels ?? []) body += `<text x="${n1((label.x ?? 0) + 3)}" y="${n1((label.y ?? 0) + 11)}" class="edge-label">${esc(label.text ?? '')}</text>`;
    } else {
      // Not routed by the layout (a large project): a straight line between the boxes' borders.
      const a = boxes.get(meta.from);
      const b = boxes.get(meta.to);
      if (!a || !b) continue;
      const from = border(a, b.x! + b.width! / 2, b.y! + b.height! / 2);
      const to = border(b, a.x! + a.width! / 2, a.y! + a.height! / 2);
      body = `<path d="M${n1(from.x)},${n1(from.y)} L${n1(to.x)},${n1(to.y)}"${marker}/>`;
    }
    out.push(`<g${attrs({ class: `edge ${meta.kind}`, 'data-id': meta.id, 'data-kind': meta.kind, 'data-from': meta.from, 'data-to': meta.to })}>${body}</g>`);
  }
  out.push('</g><g class="nodes">');
  for (const n of graph.nodes) {
    const b = boxes.get(n.id);
    if (!b) continue;
    const w = b.width!;
    const h = b.height!;
    const state = n.kind === 'service' ? stateLine(n.service) : undefined;
    out.push(
      `<g${attrs({ class: `node ${n.kind}${n.location ? ' clickable' : ''}`, 'data-id': n.id, 'data-kind': n.kind, 'data-service': n.service, 'data-state': state?.state, transform: `translate(${n1(b.x!)},${n1(b.y!)})` })}>`,
    );
    if (n.kind === 'bind') {
      // A folder: a tab on the top left.
      out.push(`<path class="shape" d="M0,6 L0,${n1(h)} L${n1(w)},${n1(h)} L${n1(w)},6 L${n1(Math.min(56, w / 2))},6 L${n1(Math.min(50, w / 2 - 6))},0 L6,0 Z"/>`);
    } else {
      out.push(`<rect class="shape" width="${n1(w)}" height="${n1(h)}" rx="${n.kind === 'volume' ? 14 : n.kind === 'port' ? 12 : 5}"/>`);
    }
    n.lines.forEach((line, i) => {
      const y = PADDING + i * LINE_HEIGHT + 12;
      if (line.style === 'state') {
        out.push(`<text x="${PADDING}" y="${y}" class="line state">${esc(state?.text ?? '')}</text>`);
        return;
      }
      let id: string | undefined;
      if (line.location) {
        id = `${n.id}#${i}`;
        locations.set(id, line.location);
      }
      out.push(`<text${attrs({ x: PADDING, y, class: `line ${line.style}${id ? ' clickable' : ''}`, 'data-label': line.label, 'data-id': id })}>${esc(line.text)}</text>`);
    });
    if (n.kind === 'service') out.push(`<title>${esc(`${n.service} — click to reveal its definition`)}</title>`);
    out.push('</g>');
  }
  out.push('</g>');
  const root = el('g', { class: 'graph' });
  root.innerHTML = out.join('');
  return root;
}

/** Only the state lines change: no layout. */
function applyStates(): void {
  for (const node of viewport.querySelectorAll<SVGGElement>('g.node.service')) {
    const s = stateLine(node.dataset.service);
    node.setAttribute('data-state', s.state);
    const line = node.querySelector('text.state');
    if (line) line.textContent = s.text;
  }
  status.textContent = statusText();
}

let lastCounts = { services: 0, groups: 0, edges: 0, hidden: 0 };
function statusText(): string {
  const parts = [`${lastCounts.services} services`, `${lastCounts.groups} networks`];
  if (lastCounts.hidden) parts.push(`${lastCounts.hidden} hidden by profile`);
  if (engineNote) parts.push(engineNote);
  return parts.join(' · ');
}

async function draw(): Promise<void> {
  if (!model) return;
  const started = performance.now();
  const graph = buildGraph(model, { hiddenProfiles, measure });
  const { input, routed } = toElk(graph);
  const key = JSON.stringify(input);
  lastCounts = {
    services: new Set(graph.nodes.filter((n) => n.kind === 'service').map((n) => n.service)).size,
    groups: graph.groups.filter((g) => g.kind === 'network').length,
    edges: graph.edges.length,
    hidden: graph.hidden.length,
  };
  if (key === lastLayoutKey) {
    applyStates();
    return;
  }
  await warmUp;
  const built = performance.now();
  const layout = await elk.layout(input);
  locations = new Map([...graph.nodes, ...graph.groups].filter((n) => n.location).map((n) => [n.id, n.location]));
  const laidOut = performance.now();
  const content = render(graph, layout, routed);
  // Thousands of lines and labels: paint for speed rather than for antialiasing finesse.
  svg.classList.toggle('large', isLarge(graph));
  viewport.replaceChildren(content);
  lastLayoutKey = key;
  bounds = { width: layout.width ?? 0, height: layout.height ?? 0 };
  if (!fitted) {
    fit(true);
    fitted = true;
  }
  status.textContent = statusText();
  const drawnAt = performance.now();
  // Timings after the browser has painted the new picture.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const painted = performance.now();
      document.body.dataset.drawn = String(Number(document.body.dataset.drawn ?? 0) + 1);
      vscode.postMessage({
        type: 'drawn',
        counts: { ...lastCounts, nodes: graph.nodes.length },
        ms: { graph: built - started, layout: laidOut - built, render: drawnAt - laidOut, total: painted - started },
      });
    }),
  );
}

function redraw(): void {
  // One drawing at a time; a burst of edits draws the latest model once.
  if (pendingModel) return;
  pendingModel = true;
  drawing = drawing.then(async () => {
    pendingModel = false;
    try {
      await draw();
    } catch (error) {
      status.textContent = `Could not draw the project: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
}

// ---------------------------------------------------------------- profiles

function renderProfiles(): void {
  const profiles = model?.profiles ?? [];
  profilesBar.replaceChildren();
  if (profiles.length === 0) return;
  const label = document.createElement('span');
  label.textContent = 'Profiles:';
  profilesBar.appendChild(label);
  for (const p of profiles) {
    const chip = document.createElement('label');
    chip.className = 'profile';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !hiddenProfiles.has(p);
    box.dataset.profile = p;
    box.addEventListener('change', () => {
      if (box.checked) hiddenProfiles.delete(p);
      else hiddenProfiles.add(p);
      vscode.setState({ hiddenProfiles: [...hiddenProfiles] });
      redraw();
    });
    chip.append(box, document.createTextNode(p));
    profilesBar.appendChild(chip);
  }
}

// ---------------------------------------------------------------- pan and zoom

function applyView(): void {
  viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
}

/** The whole picture in view; `readable` keeps text legible on a large project (the top left shows, the rest is a pan away). */
function fit(readable = false): void {
  const { width, height } = svg.getBoundingClientRect();
  if (!bounds.width || !width) return;
  let k = Math.min(1.25, Math.max(0.05, Math.min(width / bounds.width, height / bounds.height) * 0.95));
  if (readable) k = Math.max(k, 0.35);
  // Centred across, from the top down: the picture starts where the eye does.
  view = { k, x: Math.max(8, (width - bounds.width * k) / 2), y: readable ? 12 : Math.max(8, (height - bounds.height * k) / 2) };
  applyView();
}

function zoomAt(factor: number, cx: number, cy: number): void {
  const k = Math.min(4, Math.max(0.05, view.k * factor));
  view = { k, x: cx - ((cx - view.x) * k) / view.k, y: cy - ((cy - view.y) * k) / view.k };
  applyView();
}

svg.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - r.left, event.clientY - r.top);
  },
  { passive: false },
);

let drag: { x: number; y: number; moved: boolean } | undefined;
svg.addEventListener('pointerdown', (event) => {
  drag = { x: event.clientX, y: event.clientY, moved: false };
});
window.addEventListener('pointermove', (event) => {
  if (!drag || (event.buttons & 1) === 0) return;
  const dx = event.clientX - drag.x;
  const dy = event.clientY - drag.y;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  if (!drag.moved) svg.classList.add('panning');
  drag.moved = true;
  view = { ...view, x: view.x + dx, y: view.y + dy };
  drag.x = event.clientX;
  drag.y = event.clientY;
  applyView();
});
window.addEventListener('pointerup', () => svg.classList.remove('panning'));

svg.addEventListener('click', (event) => {
  const moved = drag?.moved;
  drag = undefined;
  if (moved) return;
  // A port's own line first, then its box or group.
  const target = (event.target as Element).closest('text.clickable, g.node.clickable, g.group.clickable') as SVGElement | null;
  if (!target) return;
  const id = target.dataset.id ?? '';
  vscode.postMessage({ type: 'reveal', id, location: locations.get(id) });
});

window.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement) return;
  const r = svg.getBoundingClientRect();
  if (event.key === '+' || event.key === '=') zoomAt(1.2, r.width / 2, r.height / 2);
  else if (event.key === '-') zoomAt(1 / 1.2, r.width / 2, r.height / 2);
  else if (event.key === '0') fit();
});

document.getElementById('fit')!.addEventListener('click', () => fit());
document.getElementById('zoom-in')!.addEventListener('click', () => {
  const r = svg.getBoundingClientRect();
  zoomAt(1.25, r.width / 2, r.height / 2);
});
document.getElementById('zoom-out')!.addEventListener('click', () => {
  const r = svg.getBoundingClientRect();
  zoomAt(1 / 1.25, r.width / 2, r.height / 2);
});

// ---------------------------------------------------------------- export

/** A standalone SVG: the theme's colours written into every element, the whole picture at scale 1. */
function exportSvg(): string {
  const out = svg.cloneNode(true) as SVGSVGElement;
  const live = svg.querySelectorAll('*');
  const copies = out.querySelectorAll('*');
  const props = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity'];
  live.forEach((node, i) => {
    const style = getComputedStyle(node);
    const copy = copies[i] as SVGElement;
    copy.removeAttribute('class');
    copy.setAttribute('style', props.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  out.querySelector('#viewport')!.setAttribute('transform', '');
  out.setAttribute('xmlns', SVG);
  out.setAttribute('width', String(Math.ceil(bounds.width)));
  out.setAttribute('height', String(Math.ceil(bounds.height)));
  out.setAttribute('viewBox', `0 0 ${Math.ceil(bounds.width)} ${Math.ceil(bounds.height)}`);
  const background = getComputedStyle(document.body).backgroundColor;
  out.insertBefore(el('rect', { width: '100%', height: '100%', fill: background }), out.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`;
}
document.getElementById('export')!.addEventListener('click', () => vscode.postMessage({ type: 'export', svg: exportSvg() }));

// ---------------------------------------------------------------- messages

window.addEventListener('message', (event) => {
  const m = event.data as { type: string; model?: TopologyModel; states?: Record<string, LiveState>; note?: string };
  if (m.type === 'model' && m.model) {
    const profilesChanged = JSON.stringify(m.model.profiles) !== JSON.stringify(model?.profiles);
    model = m.model;
    if (m.states) states = m.states;
    if (profilesChanged) renderProfiles();
    redraw();
  } else if (m.type === 'states') {
    states = m.states ?? {};
    engineNote = m.note;
    applyStates();
  } else if (m.type === 'export-request') {
    vscode.postMessage({ type: 'export', svg: exportSvg() });
  }
});
new ResizeObserver(() => {
  if (!fitted) return;
  applyView();
}).observe(svg);

vscode.postMessage({ type: 'ready' });
