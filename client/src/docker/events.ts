// Engine events (containers, networks, volumes) for refreshing views, with
// reconnection, and a debounce so a `compose up` of ten containers refreshes once.
import type Docker from 'dockerode';

export interface EngineEvent {
  type: string;
  action: string;
  id?: string;
  attributes: Record<string, string>;
}

export function watchEngineEvents(
  docker: Docker,
  onEvent: (event: EngineEvent) => void,
  options: { types?: string[]; onConnection?: (connected: boolean, error?: unknown) => void } = {},
): () => void {
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
    docker.getEvents({ filters: { type: types as never } }, (error, events) => {
      const s = events as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
      if (stopped) return s?.destroy?.();
      if (error || !s) return reconnect(error);
      stream = s;
      retry = 1000;
      options.onConnection?.(true);
      let buffered = '';
      s.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            const e = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
            onEvent({ type: e.Type ?? '', action: e.Action ?? '', id: e.Actor?.ID, attributes: e.Actor?.Attributes ?? {} });
          } catch {
            /* a partial line: skip */
          }
        }
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
