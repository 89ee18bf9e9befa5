// The live state of a project's services, summed up from the containers the
// engine lists under Compose's project label (docker/projects.ts reads the
// labels and groups them). The CodeLens refreshes it on the engine's events
// (docker/events.ts), not by polling. Plain Node: no `vscode` import.
import type Docker from 'dockerode';
import { groupProjects, healthFromStatus, PROJECT_LABEL, type Health } from '../docker/projects';

export type ServiceStatus =
  | { state: 'running'; running: number; total: number; health?: Health }
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
    const health = running.map((c) => healthFromStatus(c.Status)).find((h) => h !== undefined);
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
  const states = new Map<string, ServiceStatus>();
  for (const service of groupProjects(containers).find((p) => p.name === project)?.services ?? []) {
    states.set(service.name, summarise(service.containers.map((c) => ({ State: c.state, Status: c.status }))));
  }
  return states;
}

/** A short label for a CodeLens: "running", "running 2/3", "exited (1)", "not created". */
export function statusLabel(status: ServiceStatus): string {
  switch (status.state) {
    case 'running':
      return `running${status.total > 1 ? ` ${status.running}/${status.total}` : ''}${status.health ? ` (${status.health === 'starting' ? 'health: starting' : status.health})` : ''}`;
    case 'exited':
      return status.exitCode === undefined ? 'exited' : `exited (${status.exitCode})`;
    case 'other':
      return status.detail;
    case 'not-created':
      return 'not created';
  }
}
