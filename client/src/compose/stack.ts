// Swarm stacks: deploy a Compose file as a stack, remove it, count replicas.
// Deploy and remove go through the docker CLI (it converts the Compose file);
// the Swarm checks and replica counts read the engine through dockerode.
// Plain Node: no `vscode` import.
import type Docker from 'dockerode';

export interface SwarmState {
  /** "inactive" | "pending" | "active" | "error" | "locked" */
  localNodeState: string;
  isManager: boolean;
}

export async function swarmState(docker: Docker): Promise<SwarmState> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  return { localNodeState: info.Swarm?.LocalNodeState ?? 'inactive', isManager: Boolean(info.Swarm?.ControlAvailable) };
}

/** Why a stack cannot be deployed to this engine, or undefined when it can. */
export function notAManagerReason(state: SwarmState, hostDescription: string): string | undefined {
  if (state.isManager) return undefined;
  if (state.localNodeState === 'active') {
    return `The Docker engine at ${hostDescription} is a Swarm worker, not a manager: stacks are deployed from a manager node. Point DOCKER_HOST or dockhand.dockerHost at a manager.`;
  }
  if (state.localNodeState === 'locked') {
    return `The Swarm on ${hostDescription} is locked: unlock it with \`docker swarm unlock\` first.`;
  }
  return `The Docker engine at ${hostDescription} is not part of a Swarm (state: ${state.localNodeState}), so it cannot deploy a stack. Run \`docker swarm init\` to make it a single-node Swarm, or point Dockhand at a Swarm manager.`;
}

/** Stack names follow the same rule as Compose project names, and docker refuses others. */
export function isValidStackName(name: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name) && name.length <= 63;
}

/** A stack name from a folder name: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function defaultStackName(folderName: string): string {
  const name = folderName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/[-_]+$/, '').slice(0, 63);
  return name || 'stack';
}

/**
 * `resolveImage: 'never'` skips asking a registry for image digests: needed for
 * images that exist only on this engine (a registry lookup would fail or hang).
 */
export function stackDeployArgs(files: string[], name: string, options: { resolveImage?: 'always' | 'changed' | 'never'; prune?: boolean } = {}): string[] {
  const args = ['stack', 'deploy'];
  for (const file of files) args.push('--compose-file', file);
  if (options.resolveImage) args.push('--resolve-image', options.resolveImage);
  if (options.prune) args.push('--prune');
  return [...args, name];
}

export function stackRemoveArgs(name: string): string[] {
  return ['stack', 'rm', name];
}

export function swarmInitArgs(advertiseAddr?: string): string[] {
  return advertiseAddr ? ['swarm', 'init', '--advertise-addr', advertiseAddr] : ['swarm', 'init'];
}

export interface StackServiceReplicas {
  /** The Swarm service name: <stack>_<service>. */
  name: string;
  /** The Compose service name inside the stack. */
  service: string;
  mode: 'replicated' | 'global' | 'other';
  running: number;
  /** Desired replicas (for global: the number of tasks that should run, one per eligible node). */
  desired: number;
}

/** Services of a stack with running/desired replica counts, sorted by name. */
export async function stackServices(docker: Docker, stack: string): Promise<StackServiceReplicas[]> {
  const services = await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${stack}`] } });
  const tasks = await docker.listTasks({ filters: { label: [`com.docker.stack.namespace=${stack}`] } });
  const result: StackServiceReplicas[] = [];
  for (const service of services) {
    const spec = service.Spec ?? {};
    const own = tasks.filter((t) => t.ServiceID === service.ID);
    const running = own.filter((t) => t.Status?.State === 'running').length;
    const replicated = spec.Mode?.Replicated;
    const mode = replicated ? 'replicated' : spec.Mode?.Global ? 'global' : 'other';
    const desired = replicated ? (replicated.Replicas ?? 1) : own.filter((t) => t.DesiredState === 'running').length;
    const name = spec.Name ?? service.ID ?? '?';
    result.push({ name, service: name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name, mode, running, desired });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** "web 2/3, db 1/1" */
export function formatReplicas(services: StackServiceReplicas[]): string {
  return services.map((s) => `${s.service} ${s.running}/${s.desired}${s.mode === 'global' ? ' (global)' : ''}`).join(', ');
}

/** The stacks on this Swarm (names from the namespace label of their services). */
export async function listStacks(docker: Docker): Promise<string[]> {
  const services = await docker.listServices({ filters: { label: ['com.docker.stack.namespace'] } });
  const names = new Set<string>();
  for (const s of services) {
    const ns = s.Spec?.Labels?.['com.docker.stack.namespace'];
    if (ns) names.add(ns);
  }
  return [...names].sort();
}
