// Volumes as a person asks about them: which project and service use each one,
// how big it is (the engine's disk-usage data, as `docker system df -v`),
// which are dangling; and create, remove (refusing one in use, naming the
// containers) and prune.
import type Docker from 'dockerode';
import { apiVersion, engineMessage, statusOf } from './engine';
import { PROJECT_LABEL, SERVICE_LABEL, VOLUME_LABEL } from './projects';
import { HELPER_LABEL, removeAbandonedHelpers } from './volumeHelper';

export interface VolumeUser {
  containerId: string;
  containerName: string;
  state: string;
  project?: string;
  service?: string;
  /** Where it is mounted in the container. */
  destination: string;
  readOnly: boolean;
}

export interface VolumeInfo {
  name: string;
  driver: string;
  mountpoint: string;
  createdAt?: string;
  labels: Record<string, string>;
  /** The Compose project that created it (label), if any. */
  project?: string;
  /** Its key under `volumes:` in that project. */
  composeKey?: string;
  /** Bytes, when the engine could tell (local driver); undefined otherwise. */
  size?: number;
  users: VolumeUser[];
  /** No container, running or not, mounts it. */
  dangling: boolean;
}

export class VolumeInUseError extends Error {
  constructor(
    readonly volume: string,
    readonly users: VolumeUser[],
  ) {
    super(
      `Volume "${volume}" is in use by ${users.length === 1 ? 'container' : 'containers'} ` +
        `${users.map((u) => `${u.containerName} (${u.state})`).join(', ')}. Remove ${users.length === 1 ? 'that container' : 'those containers'} first ` +
        '(for a Compose project: Compose Down), then remove the volume.',
    );
    this.name = 'VolumeInUseError';
  }
}

/** Who mounts which volume, from the container list (helpers of ours excluded). */
export function volumeUsers(containers: Docker.ContainerInfo[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    if (c.Labels?.[HELPER_LABEL]) continue;
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      list.push({
        containerId: c.Id,
        containerName: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        state: c.State,
        project: c.Labels?.[PROJECT_LABEL],
        service: c.Labels?.[SERVICE_LABEL],
        destination: m.Destination,
        readOnly: m.RW === false,
      });
      users.set(m.Name, list);
    }
  }
  return users;
}

/** Sizes by volume name from `GET /system/df` (field `Volumes`, each with UsageData.Size; -1 = unknown). */
export function sizesFromDf(df: unknown): Map<string, number> {
  const sizes = new Map<string, number>();
  const d = df as { Volumes?: unknown; VolumesUsage?: unknown } | undefined;
  const list = (Array.isArray(d?.Volumes) ? d?.Volumes : Array.isArray(d?.VolumesUsage) ? d?.VolumesUsage : []) as {
    Name?: string;
    UsageData?: { Size?: number };
  }[];
  for (const v of list) {
    const size = v.UsageData?.Size;
    if (v.Name && typeof size === 'number' && size >= 0) sizes.set(v.Name, size);
  }
  return sizes;
}

export function combineVolumes(volumes: Docker.VolumeInspectInfo[], containers: Docker.ContainerInfo[], sizes: Map<string, number>): VolumeInfo[] {
  const users = volumeUsers(containers);
  return volumes
    .map((v) => {
      const labels = (v.Labels ?? {}) as Record<string, string>;
      const u = users.get(v.Name) ?? [];
      return {
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        createdAt: (v as { CreatedAt?: string }).CreatedAt,
        labels,
        project: labels[PROJECT_LABEL] ?? u.find((x) => x.project)?.project,
        composeKey: labels[VOLUME_LABEL],
        size: sizes.get(v.Name),
        users: u,
        dangling: u.length === 0,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every volume with users and (when `withSizes`) sizes; df can be slow on big volumes, so it is optional. */
export async function listVolumes(docker: Docker, options: { withSizes?: boolean } = {}): Promise<VolumeInfo[]> {
  const [volumes, containers, df] = await Promise.all([
    docker.listVolumes(),
    docker.listContainers({ all: true }),
    options.withSizes === false ? Promise.resolve(undefined) : docker.df().catch(() => undefined),
  ]);
  return combineVolumes(volumes.Volumes ?? [], containers, sizesFromDf(df));
}

export async function inspectVolume(docker: Docker, name: string): Promise<Docker.VolumeInspectInfo> {
  return docker.getVolume(name).inspect();
}

export async function createVolume(docker: Docker, name: string, options: { driver?: string; labels?: Record<string, string> } = {}): Promise<Docker.VolumeInspectInfo> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    throw new Error(`"${name}" is not a valid volume name: use letters, digits, "_", "." and "-", starting with a letter or digit.`);
  }
  const created = (await docker.createVolume({ Name: name, Driver: options.driver ?? 'local', Labels: options.labels ?? {} })) as unknown;
  // dockerode resolves with the Volume object or the inspect data depending on version.
  return (created as { inspect?: () => Promise<Docker.VolumeInspectInfo> }).inspect
    ? (created as { inspect: () => Promise<Docker.VolumeInspectInfo> }).inspect()
    : (created as Docker.VolumeInspectInfo);
}

/** Removes a volume no container uses; one in use is refused with the containers named. */
export async function removeVolume(docker: Docker, name: string): Promise<void> {
  // A helper of ours whose job was cut off would keep the volume in use (volumeHelper.ts).
  await removeAbandonedHelpers(docker).catch(() => 0);
  const users = volumeUsers(await docker.listContainers({ all: true, filters: { volume: [name] } })).get(name) ?? [];
  if (users.length > 0) throw new VolumeInUseError(name, users);
  try {
    await docker.getVolume(name).remove();
  } catch (error) {
    if (statusOf(error) === 409) {
      // Taken between our check and the removal (or by one of our helpers).
      const holders = await docker.listContainers({ all: true, filters: { volume: [name] } });
      const now = volumeUsers(holders).get(name) ?? [];
      if (now.length > 0) throw new VolumeInUseError(name, now);
      if (holders.some((c) => c.Labels?.[HELPER_LABEL])) {
        throw new Error(`Volume "${name}" is in use by a Dockhand job on it (browsing, a backup or a restore, maybe in another window). Try again once it ends.`);
      }
      throw new Error(`Volume "${name}" is in use: ${engineMessage(error)}`);
    }
    if (statusOf(error) === 404) throw new Error(`There is no volume "${name}" (already removed?).`);
    throw error;
  }
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

/**
 * Removes every volume no container uses (named ones too: engines from API 1.42
 * otherwise prune only anonymous volumes). `labels` narrows it, e.g. to one project.
 */
export async function pruneVolumes(docker: Docker, options: { labels?: string[] } = {}): Promise<PruneResult> {
  const filters: Record<string, string[]> = {};
  if (options.labels?.length) filters.label = options.labels;
  const [major, minor] = await apiVersion(docker);
  if (major > 1 || minor >= 42) filters.all = ['true'];
  const result = (await docker.pruneVolumes({ filters } as never)) as unknown as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
  return { deleted: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}
