// One webview per Compose project with live stats of its containers. Streams
// run only while the panel is visible: hidden -> every stream stops; shown
// again -> they restart; disposed -> gone. The history (last 5 minutes at one
// point per 2 s) survives hiding so the charts keep their past.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PROJECT_LABEL, SERVICE_LABEL } from '../docker/projects';
import { formatBytes, History, limitUse, type Limits, type StatsPoint } from '../docker/stats';
import { watchContainerStats, type StatsWatch } from '../docker/statsStream';
import type { EngineSession } from './engineSession';
import { statsHtml, type StatsCard, type StatsMessage } from './statsHtml';

const HISTORY = 150;

interface Tracked {
  id: string;
  name: string;
  service: string;
  watch?: StatsWatch;
  last?: StatsPoint;
  limits: Limits;
  running: boolean;
  history: History<StatsPoint>;
}

export function statsCard(t: Tracked): StatsCard | undefined {
  const p = t.last;
  if (!p) return undefined;
  return {
    id: t.id,
    name: t.name,
    service: t.service,
    state: t.running ? 'running' : 'stopped',
    cpuPercent: p.cpuPercent,
    memoryUsed: formatBytes(p.memoryUsed),
    memoryLimit: formatBytes(p.memoryLimit),
    memoryPercent: p.memoryPercent,
    net: `${formatBytes(p.netRx)} / ${formatBytes(p.netTx)}`,
    block: `${formatBytes(p.blockRead)} / ${formatBytes(p.blockWrite)}`,
    limits: limitUse(p, t.limits).map((u) => ({
      text: `${u.kind === 'memory' ? 'Memory' : 'CPU'} limit ${u.limit}: using ${u.percent.toFixed(0)} %${u.level === 'at' ? ' (at the limit)' : u.level === 'near' ? ' (close to the limit)' : ''}`,
      level: u.level,
    })),
    cpuHistory: t.history.values().map((x) => x.cpuPercent),
    memoryHistory: t.history.values().map((x) => x.memoryUsed),
  };
}

export class StatsPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, StatsPanel>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  private note: string | undefined;
  private readonly opening = new Set<string>();

  static show(session: EngineSession, project: string): StatsPanel {
    const existing = StatsPanel.panels.get(project);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('dockhand.stats', `Stats: ${project}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    const created = new StatsPanel(session, project, panel);
    StatsPanel.panels.set(project, created);
    return created;
  }

  /** For tests: the panel of a project, if open. */
  static of(project: string): StatsPanel | undefined {
    return StatsPanel.panels.get(project);
  }

  private constructor(
    private readonly session: EngineSession,
    readonly project: string,
    readonly panel: vscode.WebviewPanel,
  ) {
    this.render();
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible) {
          this.render();
          void this.start();
        } else this.stopAll();
      }),
      session.onEvent((e) => {
        if (e.type === 'container' && e.attributes[PROJECT_LABEL] === project && ['start', 'die', 'destroy'].includes(e.action)) {
          if (panel.visible) void this.start();
        }
      }),
    );
    void this.start();
  }

  /** Whether any stats stream is open (tests check that hiding stops them). */
  get streaming(): number {
    return [...this.tracked.values()].filter((t) => t.watch).length;
  }

  /** What the page shows now (tests read it; the page gets the same through postMessage). */
  cards(): StatsCard[] {
    return [...this.tracked.values()].map(statsCard).filter((c): c is StatsCard => Boolean(c));
  }

  private render(): void {
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = statsHtml({ nonce, cspSource: this.panel.webview.cspSource, project: this.project });
    // The page starts empty: send what we have as soon as it can listen.
    setTimeout(() => this.post(), 300);
  }

  private post(): void {
    if (this.disposed) return;
    const cards = this.cards();
    cards.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
    const message: StatsMessage = { type: 'update', project: this.project, cards, note: this.note };
    void this.panel.webview.postMessage(message);
  }

  /** Opens a stream for every running container of the project that has none. */
  private async start(): Promise<void> {
    if (this.disposed || !this.panel.visible) return;
    try {
      const { docker } = await this.session.engine();
      const list = await docker.listContainers({ filters: { label: [`${PROJECT_LABEL}=${this.project}`] } });
      this.note = list.length ? undefined : 'No running containers in this project.';
      for (const c of list) {
        let t = this.tracked.get(c.Id);
        if (!t) {
          t = { id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), service: c.Labels[SERVICE_LABEL] ?? '', limits: {}, running: true, history: new History(HISTORY) };
          this.tracked.set(c.Id, t);
        }
        // A stream is open or being opened (start() runs again on events and on showing).
        if (t.watch || this.opening.has(c.Id)) continue;
        const tracked = t;
        tracked.running = true;
        this.opening.add(c.Id);
        // One container that stopped meanwhile must not keep the others from streaming.
        tracked.watch = await watchContainerStats(docker, c.Id, {
          intervalMs: 2000,
          onPoint: (point, limits) => {
            tracked.last = point;
            tracked.limits = limits;
            tracked.history.push(point);
            this.post();
          },
          onEnd: () => {
            tracked.watch = undefined;
            tracked.running = false;
            this.post();
          },
        })
          .catch(() => {
            tracked.running = false;
            return undefined;
          })
          .finally(() => this.opening.delete(c.Id));
        if (this.disposed || !this.panel.visible) this.stopAll();
      }
      this.post();
    } catch (error) {
      this.note = await this.session.explain(error);
      this.post();
    }
  }

  private stopAll(): void {
    for (const t of this.tracked.values()) {
      t.watch?.stop();
      t.watch = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopAll();
    StatsPanel.panels.delete(this.project);
    for (const s of this.subscriptions) s.dispose();
  }
}
