// The topology webview's page: a strict content security policy (no network,
// one script from the extension's dist/ folder carrying the page's nonce),
// a toolbar, and the SVG the script draws into. Colours are VS Code's theme
// variables, so the picture follows the theme.
import { escapeHtml, pageHead } from './webviewPage';

export function topologyHtml(options: { nonce: string; cspSource: string; scriptUri: string; title: string }): string {
  const { nonce, cspSource, scriptUri } = options;
  const title = escapeHtml(options.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
${pageHead({ nonce, cspSource, title: options.title })}
<style>
  html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
  body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 13px; color: var(--vscode-foreground, #333); background: var(--vscode-editor-background, #fff); display: flex; flex-direction: column; }
  header { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
  header h1 { font-size: 13px; font-weight: 600; margin: 0; }
  #profiles { display: flex; gap: 8px; align-items: center; }
  .profile { display: inline-flex; gap: 3px; align-items: center; }
  #status { opacity: .75; flex: 1; min-width: 120px; }
  button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 2px 8px; border-radius: 2px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  svg#canvas { flex: 1; width: 100%; cursor: grab; user-select: none; }
  svg#canvas.panning { cursor: grabbing; }
  svg#canvas.large { shape-rendering: optimizeSpeed; text-rendering: optimizeSpeed; }
  .clickable { cursor: pointer; }
  .group rect { fill: color-mix(in srgb, var(--vscode-charts-blue, #3794ff) 7%, transparent); stroke: var(--vscode-charts-blue, #3794ff); stroke-opacity: .6; stroke-width: 1; }
  .group.host rect { fill: color-mix(in srgb, var(--vscode-charts-orange, #d18616) 8%, transparent); stroke: var(--vscode-charts-orange, #d18616); stroke-dasharray: 6 3; }
  .group.host-network rect { fill: color-mix(in srgb, var(--vscode-charts-red, #f14c4c) 6%, transparent); stroke: var(--vscode-charts-red, #f14c4c); }
  .group-title { font-weight: 600; font-size: 12px; fill: var(--vscode-foreground, #333); }
  .group-subtitle { font-size: 11px; fill: var(--vscode-descriptionForeground, #717171); }
  .node .shape { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background, #fff)); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground, #333)); stroke-width: 1; }
  .node.service .shape { stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; }
  .node.port .shape { stroke: var(--vscode-charts-orange, #d18616); }
  .node.volume .shape { stroke: var(--vscode-charts-purple, #b180d7); }
  .node.bind .shape { stroke: var(--vscode-charts-yellow, #cca700); }
  .node.secret .shape, .node.config .shape { stroke: var(--vscode-charts-green, #89d185); stroke-dasharray: 4 2; }
  .node.external .shape { stroke: var(--vscode-errorForeground, #f14c4c); stroke-dasharray: 3 3; }
  .node:hover .shape { stroke-width: 2.5; }
  .line { fill: var(--vscode-foreground, #333); }
  .line.title { font-weight: 600; font-size: 13px; }
  .line.detail { font-size: 12px; fill: var(--vscode-descriptionForeground, #717171); }
  .line.note { font-size: 11px; fill: var(--vscode-descriptionForeground, #717171); }
  .line.state { font-size: 12px; }
  .node[data-state="running"] .line.state { fill: var(--vscode-testing-iconPassed, #73c991); }
  .node[data-state="exited"] .line.state { fill: var(--vscode-testing-iconFailed, #f14c4c); }
  .node[data-state="restarting"] .line.state, .node[data-state="other"] .line.state { fill: var(--vscode-charts-yellow, #cca700); }
  .node[data-state="running"] .shape { stroke: var(--vscode-testing-iconPassed, #73c991); }
  .edge path { fill: none; stroke: var(--vscode-foreground, #333); stroke-opacity: .55; stroke-width: 1.2; }
  .edge.port path { stroke: var(--vscode-charts-orange, #d18616); stroke-opacity: .9; }
  .edge.depends_on path { stroke: var(--vscode-charts-blue, #3794ff); stroke-opacity: .9; }
  .edge.links path { stroke-dasharray: 2 3; }
  .edge.extends path { stroke: var(--vscode-charts-purple, #b180d7); stroke-dasharray: 8 3; }
  .edge.network_mode path, .edge.volumes_from path { stroke-dasharray: 5 3; }
  .edge.mount path { stroke: var(--vscode-charts-purple, #b180d7); stroke-opacity: .7; }
  .edge.secret path, .edge.config path { stroke: var(--vscode-charts-green, #89d185); stroke-dasharray: 3 2; }
  .edge.same-service path { stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 3; stroke-opacity: .35; }
  .edge-label { font-size: 10.5px; fill: var(--vscode-descriptionForeground, #717171); }
  marker path { fill: var(--vscode-foreground, #333); fill-opacity: .7; }
  #arrow-port path { fill: var(--vscode-charts-orange, #d18616); }
</style>
</head>
<body>
<header>
  <h1>${title}</h1>
  <span id="profiles"></span>
  <span id="status">Reading the project…</span>
  <button id="zoom-out" title="Zoom out (-)">−</button>
  <button id="zoom-in" title="Zoom in (+)">+</button>
  <button id="fit" title="Fit the picture (0)">Fit</button>
  <button id="export" title="Save the picture as an SVG file">Export SVG…</button>
</header>
<svg id="canvas" role="img" aria-label="${title}">
  <defs>
    <marker id="arrow-dep" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>
    <marker id="arrow-port" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>
  </defs>
  <g id="viewport"></g>
</svg>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
