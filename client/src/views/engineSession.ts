// The views' shared connection to the Docker engine: resolved from the
// dockhand.dockerHost setting (and DOCKER_HOST / docker context), re-resolved
// when the setting changes, and one engine-events subscription whose bursts
// become a single debounced "changed" signal for every view.
import * as vscode from 'vscode';
import { connectEngine, explainEngineError, type Engine } from '../docker/engine';
import { EngineSnapshot } from '../docker/engineSnapshot';
import { debounce, watchEngineEvents, type EngineEvent } from '../docker/events';
import { listVolumes, type VolumeInfo } from '../docker/volumes';
import type { EngineFacts } from '../docker/composeEngineStatus';

export class EngineSession implements vscode.Disposable {
  private current: Promise<Engine> | undefined;
  private stopEvents: (() => void) | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly event = new vscode.EventEmitter<EngineEvent>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires (debounced) when containers, networks or volumes changed, or the engine itself did. */
  readonly onDidChange = this.changed.event;
  /** Every engine event, undebounced (the stats panel follows its containers). */
  readonly onEvent = this.event.event;
  private readonly fireChanged = debounce(() => this.signalChanged(), 400);
  /**
   * Every volume with its size: one listing the Compose view, the Volumes view and the volume CodeLenses
   * share, so they show the same sizes. Each read on its own disagreed (29 B in a lens, 58 B in the view
   * five seconds later, for a volume a service writes to: a write sends no event). Read again after every
   * change, and on Refresh, which is how sizes are brought up to date.
   */
  private info: Promise<EngineFacts> | undefined;
  private readonly volumeListing = new EngineSnapshot(async () => listVolumes((await this.engine()).docker));

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockhand.dockerHost')) this.reset();
        if (e.affectsConfiguration('dockhand.volumes.helperImage')) this.signalChanged();
      }),
    );
  }

  engine(): Promise<Engine> {
    if (!this.current) {
      const setting = vscode.workspace.getConfiguration('dockhand').get<string>('dockerHost');
      this.current = connectEngine(setting);
      this.current.then(
        (engine) => this.watch(engine),
        () => (this.current = undefined),
      );
    }
    return this.current;
  }

  /** A message for an engine failure, naming the host and what to do. */
  async explain(error: unknown): Promise<string> {
    try {
      return explainEngineError(error, await this.engine());
    } catch {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** The engine's volumes with their sizes, as every view shows them (`volumeListing`). */
  volumes(): Promise<VolumeInfo[]> {
    return this.volumeListing.current();
  }

  /** What the engine says of itself (for the warnings on what a service asks of it that it lacks): read again after a change. */
  facts(): Promise<EngineFacts> {
    this.info ??= this.engine().then(async ({ docker }) => {
      const info = await docker.info();
      return {
        cpus: Number(info.NCPU),
        runtimes: new Set(Object.keys(info.Runtimes ?? {})),
        logDrivers: new Set<string>(info.Plugins?.Log ?? []),
      };
    });
    this.info.catch(() => (this.info = undefined));
    return this.info;
  }

  /** The names of the engine's networks (for the warning on an external network it lacks); read when asked, a cheap listing. */
  async networkNames(): Promise<Set<string>> {
    const { docker } = await this.engine();
    return new Set((await docker.listNetworks()).map((n) => n.Name));
  }

  refresh(): void {
    this.signalChanged();
  }

  /** What was read of the engine no longer counts: the listing is read again, and every view is told. */
  private signalChanged(): void {
    this.volumeListing.invalidate();
    this.info = undefined; // a plugin installed or removed sends an event too
    this.changed.fire();
  }

  private watch(engine: Engine): void {
    this.stopEvents?.();
    let wasConnected: boolean | undefined;
    this.stopEvents = watchEngineEvents(
      engine.docker,
      (e) => {
        this.event.fire(e);
        this.fireChanged();
      },
      {
        onConnection: (connected) => {
          // The engine came back or went away: what the views show is stale either way.
          if (wasConnected !== undefined && wasConnected !== connected) this.signalChanged();
          wasConnected = connected;
        },
      },
    );
  }

  private reset(): void {
    this.stopEvents?.();
    this.stopEvents = undefined;
    this.current = undefined;
    this.signalChanged();
  }

  dispose(): void {
    this.stopEvents?.();
    this.fireChanged.cancel();
    this.changed.dispose();
    this.event.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Shows an engine failure as a notification a user can act on. */
export async function showEngineError(session: EngineSession, what: string, error: unknown): Promise<void> {
  const message = await session.explain(error);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}
