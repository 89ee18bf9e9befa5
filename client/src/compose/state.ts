// The live state of a project's services, read from the engine by the labels
// Compose (v1 and v2) puts on every container, and a watcher on the engine's
// event stream so the state is refreshed when something changes, not polled.
// Plain Node: no `vscode` import.
import type Docker from 'dockerode';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

export type ServiceStatus =
  | { state: 'running'; running: number; total: number; health?: string }
  | { state: 'exited'; exitCode?: number; total: number }
  | { state: 'other'; detail: string; total: number }
  | { state: 'not-created' };

/** "Exited (137) 2 minutes ago" -> 137 */
export function exitCodeFromStatus(status: string | undefined): number | undefined {
  const m = /Exited \((-?\d+)\)/.exec(status ?? '');
  return m ? Number(m[1]) : undefined;
}

/** One service's status from its containers (several with scale/replicas). */
export function summarise(containers: Pick<Docker.ContainerInfo, 'State' | 'Status'>[]): ServiceStatus {
  if (containers.length === 0) return { state: 'not-created' };
  const running = containers.filter((c) => c.State === 'running');
  if (running.length > 0) {
    const health = /\((healthy|unhealthy|health: starting)\)/.exec(running.map((c) => c.Status).join(' '))?.[1];
    return { state: 'running', running: running.length, total: containers.length, ...(health ? { health } : {}) };
  }
  const exited = containers.filter((c) => c.State === 'exited' || c.State === 'dead');
  if (exited.length === containers.length) {
    // Report the worst exit code: one failed replica is what the user needs to see.
    const codes = exited.map((c) => exitCodeFromStatus(c.Status)).filter((c): c is number => c !== undefined);
    const code = codes.find((c) => c !== 0) ?? codes[0];
    return { state: 'exited', exitCode: code, total: containers.length };
  }
  return { state: 'other', detail: containers[0].State, total: containers.length };
}

/** Service name -> status, for every service that has containers in the project. */
export async function projectServiceStates(docker: Docker, project: string): Promise<Map<string, ServiceStatus>> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${project}`] } });
  const byService = new Map<string, Docker.ContainerInfo[]>();
  for (const c of containers) {
    const service = c.Labels?.[SERVICE_LABEL];
    if (!service) continue;
    byService.set(service, [...(byService.get(service) ?? []), c]);
  }
  const states = new Map<string, ServiceStatus>();
  for (const [service, list] of byService) states.set(service, summarise(list));
  return states;
}

/** A short label for a CodeLens: "running", "running 2/3", "exited (1)", "not created". */
export function statusLabel(status: ServiceStatus): string {
  switch (status.state) {
    case 'running':
      return `running${status.total > 1 ? ` ${status.running}/${status.total}` : ''}${status.health ? ` (${status.health})` : ''}`;
    case 'exited':
      return status.exitCode === undefined ? 'exited' : `exited (${status.exitCode})`;
    case 'other':
      return status.detail;
    case 'not-created':
      return 'not created';
  }
}

export interface ContainerEvent {
  action: string;
  project?: string;
  service?: string;
}

/**
 * Follows the engine's container events (GET /events, filtered to containers
 * with a Compose project label) and calls `onEvent` for each. If the stream
 * ends or the engine goes away, reconnects with a growing delay (1 s .. 30 s):
 * that is a retry, not polling. Returns a function that stops it.
 */
export function watchContainerEvents(
  docker: Docker,
  onEvent: (event: ContainerEvent) => void,
  onConnectionChange?: (connected: boolean, error?: unknown) => void,
): () => void {
  let stopped = false;
  let stream: NodeJS.ReadableStream | undefined;
  let retryDelay = 1000;
  let timer: NodeJS.Timeout | undefined;

  const scheduleReconnect = (error?: unknown) => {
    stream = undefined;
    if (stopped) return;
    onConnectionChange?.(false, error);
    timer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30_000);
  };

  const connect = () => {
    if (stopped) return;
    docker.getEvents({ filters: { type: ['container'], label: [PROJECT_LABEL] } }, (error, events) => {
      if (stopped) {
        (events as unknown as { destroy?: () => void })?.destroy?.();
        return;
      }
      if (error || !events) {
        scheduleReconnect(error);
        return;
      }
      stream = events;
      retryDelay = 1000;
      onConnectionChange?.(true);
      let buffered = '';
      events.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            const e = JSON.parse(line) as { Action?: string; status?: string; Actor?: { Attributes?: Record<string, string> } };
            const attributes = e.Actor?.Attributes ?? {};
            onEvent({ action: e.Action ?? e.status ?? '', project: attributes[PROJECT_LABEL], service: attributes[SERVICE_LABEL] });
          } catch {
            /* a partial or foreign line: skip it */
          }
        }
      });
      // 'error' and 'end' can both fire for one stream: reconnect once.
      events.on('error', (e) => stream === events && scheduleReconnect(e));
      events.on('end', () => stream === events && scheduleReconnect());
    });
  };

  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    (stream as unknown as { destroy?: () => void })?.destroy?.();
  };
}
