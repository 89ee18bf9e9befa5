// Groups the engine's containers into Compose projects and services, from the
// labels both Compose v1 (`proj_web_1`) and v2 (`proj-web-1`) set. Pure: the
// input is what `GET /containers/json?all=1` returns.
import type Docker from 'dockerode';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const NUMBER_LABEL = 'com.docker.compose.container-number';
export const ONEOFF_LABEL = 'com.docker.compose.oneoff';
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const VOLUME_LABEL = 'com.docker.compose.volume';
export const NETWORK_LABEL = 'com.docker.compose.network';

export type Health = 'healthy' | 'unhealthy' | 'starting' | undefined;

export interface PortMapping {
  hostIp?: string;
  hostPort?: number;
  containerPort: number;
  protocol: string;
}

export interface ContainerView {
  id: string;
  /** Without the leading slash. */
  name: string;
  project: string;
  service: string;
  /** The replica number (1, 2...), from the label, else from the v1/v2 name. */
  number?: number;
  /** A `compose run` container rather than a service replica. */
  oneoff: boolean;
  state: string;
  status: string;
  health: Health;
  image: string;
  ports: PortMapping[];
  /** Named volumes mounted, by engine name. */
  volumes: string[];
  /** Network names it is attached to. */
  networks: string[];
}

export interface ServiceView {
  name: string;
  containers: ContainerView[];
}

export interface ProjectView {
  name: string;
  workingDir?: string;
  services: ServiceView[];
  running: number;
  total: number;
}

/** "Up 2 minutes (healthy)" -> healthy; the list API carries health only in the status text. */
export function healthFromStatus(status: string | undefined): Health {
  if (!status) return undefined;
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return undefined;
}

/** The replica number at the end of a v1 (`proj_web_1`) or v2 (`proj-web-1`) container name. */
export function numberFromName(name: string, project: string, service: string): number | undefined {
  for (const sep of ['-', '_']) {
    const prefix = `${project}${sep}${service}${sep}`;
    if (name.startsWith(prefix)) {
      const rest = name.slice(prefix.length);
      if (/^\d+$/.test(rest)) return Number(rest);
    }
  }
  return undefined;
}

/** Published ports, one per host binding; the IPv4 and IPv6 bindings of one port count once. */
export function portMappings(ports: Docker.Port[] | undefined): PortMapping[] {
  const seen = new Set<string>();
  const out: PortMapping[] = [];
  for (const p of ports ?? []) {
    const wildcard = !p.IP || p.IP === '0.0.0.0' || p.IP === '::';
    const hostIp = wildcard ? undefined : p.IP;
    const key = `${hostIp ?? '*'}|${p.PublicPort ?? ''}|${p.PrivatePort}|${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ hostIp, hostPort: p.PublicPort || undefined, containerPort: p.PrivatePort, protocol: p.Type || 'tcp' });
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}

/** "8080 → 80/tcp", "127.0.0.1:5432 → 5432/tcp", or "80/tcp" when not published. */
export function formatPort(p: PortMapping): string {
  const container = `${p.containerPort}/${p.protocol}`;
  if (!p.hostPort) return container;
  return `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort} → ${container}`;
}

export function containerView(info: Docker.ContainerInfo): ContainerView | undefined {
  const labels = info.Labels ?? {};
  const project = labels[PROJECT_LABEL];
  const service = labels[SERVICE_LABEL];
  if (!project || !service) return undefined;
  const name = (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, '');
  const labelled = Number(labels[NUMBER_LABEL]);
  return {
    id: info.Id,
    name,
    project,
    service,
    number: Number.isInteger(labelled) && labelled > 0 ? labelled : numberFromName(name, project, service),
    oneoff: (labels[ONEOFF_LABEL] ?? '').toLowerCase() === 'true',
    state: info.State,
    status: info.Status,
    health: healthFromStatus(info.Status),
    image: info.Image,
    ports: portMappings(info.Ports),
    volumes: (info.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
  };
}

/** Projects sorted by name, services by name, containers by replica number (one-offs last). */
export function groupProjects(containers: Docker.ContainerInfo[]): ProjectView[] {
  const projects = new Map<string, { workingDir?: string; services: Map<string, ContainerView[]> }>();
  for (const info of containers) {
    const view = containerView(info);
    if (!view) continue;
    let project = projects.get(view.project);
    if (!project) {
      project = { workingDir: info.Labels?.[WORKING_DIR_LABEL], services: new Map() };
      projects.set(view.project, project);
    }
    const list = project.services.get(view.service) ?? [];
    list.push(view);
    project.services.set(view.service, list);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return [...projects.entries()]
    .map(([name, p]) => {
      const services = [...p.services.entries()]
        .map(([service, list]) => ({
          name: service,
          containers: list.sort(
            (a, b) => Number(a.oneoff) - Number(b.oneoff) || (a.number ?? 1e9) - (b.number ?? 1e9) || a.name.localeCompare(b.name),
          ),
        }))
        .sort(byName);
      const all = services.flatMap((s) => s.containers);
      return { name, workingDir: p.workingDir, services, running: all.filter((c) => c.state === 'running').length, total: all.length };
    })
    .sort(byName);
}
