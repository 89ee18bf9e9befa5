// The one watcher of the engine's event stream (GET /events), for the views
// and the Compose CodeLens: filtered by type and label, reconnecting with a
// growing delay (1 s .. 30 s) when the stream ends or the engine goes away —
// a retry, not polling. And a debounce, so a `compose up` of ten containers
// refreshes once.
import type Docker from 'dockerode';
import { readJsonLines } from './jsonLines';

export interface EngineEvent {
  type: string;
  action: string;
  id?: string;
  attributes: Record<string, string>;
}

export interface WatchOptions {
  /** Event types (default: container, network, volume). */
  types?: string[];
  /** Only objects with these labels (`key` or `key=value`), e.g. Compose's project label. */
  labels?: string[];
  /** The stream connected (true) or was lost and will be retried (false). */
  onConnection?: (connected: boolean, error?: unknown) => void;
}

/** Follows the engine's events and calls `onEvent` for each; returns a function that stops it. */
export function watchEngineEvents(docker: Docker, onEvent: (event: EngineEvent) => void, options: WatchOptions = {}): () => void {
  let stopped = false;
  let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  let retry = 1000;
  let timer: NodeJS.Timeout | undefined;
  const types = options.types ?? ['container', 'network', 'volume'];

  const reconnect = (error?: unknown) => {
    stream = undefined;
    if (stopped) return;
    options.onConnection?.(false, error);
    timer = setTimeout(connect, retry);
    retry = Math.min(retry * 2, 30_000);
  };

  const connect = () => {
    if (stopped) return;
    const filters = { type: types, ...(options.labels ? { label: options.labels } : {}) };
    docker.getEvents({ filters: filters as never }, (error, events) => {
      const s = events as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
      if (stopped) return s?.destroy?.();
      if (error || !s) return reconnect(error);
      stream = s;
      retry = 1000;
      options.onConnection?.(true);
      readJsonLines(s, (value) => {
        // `status` is the pre-1.22 API's name for `Action`.
        const e = value as { Type?: string; Action?: string; status?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
        onEvent({ type: e.Type ?? '', action: e.Action ?? e.status ?? '', id: e.Actor?.ID, attributes: e.Actor?.Attributes ?? {} });
      });
      s.on('error', (e) => stream === s && reconnect(e));
      s.on('end', () => stream === s && reconnect());
    });
  };

  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    stream?.destroy?.();
  };
}

/** Calls `fn` once, `waitMs` after the last of a burst of calls. */
export function debounce(fn: () => void, waitMs: number): { (): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const wrapped = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, waitMs);
  };
  wrapped.cancel = () => timer && clearTimeout(timer);
  return wrapped;
}
