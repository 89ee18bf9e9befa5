// Networks as the view shows them: full name, driver, subnets, and each
// attached container with its addresses and aliases (aliases live on the
// container's endpoint, so attached containers are inspected too).
import type Docker from 'dockerode';
import { NETWORK_LABEL, PROJECT_LABEL } from './projects';

export interface AttachedContainer {
  id: string;
  name: string;
  ipv4?: string;
  ipv6?: string;
  aliases: string[];
}

export interface NetworkView {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  subnets: string[];
  gateways: string[];
  project?: string;
  composeKey?: string;
  containers: AttachedContainer[];
}

type NetworkInspect = {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string }> | null;
};

/** The aliases of `container` on network `networkName`, minus the bare container id the engine adds. */
export function aliasesOn(inspect: Docker.ContainerInspectInfo | undefined, networkName: string): string[] {
  const endpoint = inspect?.NetworkSettings?.Networks?.[networkName] as { Aliases?: string[] | null; DNSNames?: string[] | null } | undefined;
  const names = [...(endpoint?.Aliases ?? []), ...(endpoint?.DNSNames ?? [])];
  const shortId = inspect?.Id.slice(0, 12);
  return [...new Set(names)].filter((a) => a !== shortId && a !== inspect?.Id && a !== inspect?.Name?.replace(/^\//, ''));
}

export function networkView(net: NetworkInspect, containers: Map<string, Docker.ContainerInspectInfo>): NetworkView {
  const config = net.IPAM?.Config ?? [];
  return {
    id: net.Id,
    name: net.Name,
    driver: net.Driver,
    scope: net.Scope,
    internal: Boolean(net.Internal),
    subnets: config.map((c) => c.Subnet).filter((s): s is string => Boolean(s)),
    gateways: config.map((c) => c.Gateway).filter((s): s is string => Boolean(s)),
    project: net.Labels?.[PROJECT_LABEL],
    composeKey: net.Labels?.[NETWORK_LABEL],
    containers: Object.entries(net.Containers ?? {})
      .map(([id, c]) => ({
        id,
        name: c.Name ?? id.slice(0, 12),
        ipv4: c.IPv4Address?.replace(/\/\d+$/, '') || undefined,
        ipv6: c.IPv6Address?.replace(/\/\d+$/, '') || undefined,
        aliases: aliasesOn(containers.get(id), net.Name),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Networks (all, or those of one Compose project), fully inspected. */
export async function listNetworks(docker: Docker, options: { project?: string } = {}): Promise<NetworkView[]> {
  const filters = options.project ? { label: [`${PROJECT_LABEL}=${options.project}`] } : undefined;
  const summaries = await docker.listNetworks(filters ? { filters } : {});
  const inspected = (await Promise.all(
    summaries.map((n) => docker.getNetwork(n.Id).inspect().catch(() => undefined)),
  )) as (NetworkInspect | undefined)[];
  const ids = new Set<string>();
  for (const n of inspected) for (const id of Object.keys(n?.Containers ?? {})) ids.add(id);
  const containers = new Map<string, Docker.ContainerInspectInfo>();
  await Promise.all(
    [...ids].map(async (id) => {
      const info = await docker.getContainer(id).inspect().catch(() => undefined);
      if (info) containers.set(id, info);
    }),
  );
  return inspected
    .filter((n): n is NetworkInspect => Boolean(n))
    .map((n) => networkView(n, containers))
    .sort((a, b) => a.name.localeCompare(b.name));
}
