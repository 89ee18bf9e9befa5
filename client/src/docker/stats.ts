// Turns raw samples of the engine's stats API into the numbers a person reads:
// CPU %, memory in use (without the page cache, as `docker stats` does), and
// network and block I/O totals and rates. Pure: samples in, numbers out.

/** The parts of a `GET /containers/{id}/stats` sample we read (cgroup v1 and v2). */
export interface RawStats {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number | undefined>;
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: {
    io_service_bytes_recursive?: { op?: string; value?: number }[] | null;
  };
}

export interface Limits {
  /** HostConfig.Memory in bytes (0 = none), what `deploy.resources.limits.memory` becomes. */
  memoryBytes?: number;
  /** HostConfig.NanoCpus / 1e9 (0 = none), what `deploy.resources.limits.cpus` becomes. */
  cpus?: number;
}

export interface StatsPoint {
  time: number;
  /** % of one CPU (200 = two CPUs busy), like `docker stats`. */
  cpuPercent: number;
  memoryUsed: number;
  /** The effective limit: the container's own if set, else the host's memory. */
  memoryLimit: number;
  memoryPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  /** Bytes per second since the previous sample (0 for the first). */
  netRxRate: number;
  netTxRate: number;
  blockReadRate: number;
  blockWriteRate: number;
}

/** CPU % between two samples: the container's share of the host's CPU time, scaled by the CPUs online. */
export function cpuPercent(previous: RawStats | undefined, current: RawStats): number {
  if (!previous) return 0;
  const cpuDelta = (current.cpu_stats?.cpu_usage?.total_usage ?? 0) - (previous.cpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (current.cpu_stats?.system_cpu_usage ?? 0) - (previous.cpu_stats?.system_cpu_usage ?? 0);
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  const cpus = current.cpu_stats?.online_cpus || current.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  return (cpuDelta / systemDelta) * cpus * 100;
}

/**
 * Memory in use without reclaimable page cache, as `docker stats` computes it:
 * cgroup v1 subtracts total_inactive_file (older engines: cache), v2 inactive_file.
 */
export function memoryUsed(stats: RawStats): number {
  const usage = stats.memory_stats?.usage ?? 0;
  const s = stats.memory_stats?.stats ?? {};
  const v1 = s.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = s.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  const cache = s.cache;
  if (cache !== undefined && cache < usage) return usage - cache;
  return usage;
}

export function networkTotals(stats: RawStats): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(stats.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

export function blockTotals(stats: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase();
    if (op === 'read') read += entry.value ?? 0;
    else if (op === 'write') write += entry.value ?? 0;
  }
  return { read, write };
}

function sampleTime(stats: RawStats, fallback: number): number {
  const t = stats.read ? Date.parse(stats.read) : NaN;
  // A never-read sample carries the zero time "0001-01-01T00:00:00Z".
  return Number.isFinite(t) && t > 0 ? t : fallback;
}

/** One point from a sample and the one before it (undefined for the first). */
export function statsPoint(previous: RawStats | undefined, current: RawStats, limits: Limits = {}, now = Date.now()): StatsPoint {
  const time = sampleTime(current, now);
  const used = memoryUsed(current);
  const hostLimit = current.memory_stats?.limit ?? 0;
  const memoryLimit = limits.memoryBytes && limits.memoryBytes > 0 ? limits.memoryBytes : hostLimit;
  const net = networkTotals(current);
  const block = blockTotals(current);
  let rates = { netRxRate: 0, netTxRate: 0, blockReadRate: 0, blockWriteRate: 0 };
  if (previous) {
    const seconds = (time - sampleTime(previous, time)) / 1000;
    if (seconds > 0) {
      const pNet = networkTotals(previous);
      const pBlock = blockTotals(previous);
      const rate = (a: number, b: number) => Math.max(0, (a - b) / seconds);
      rates = {
        netRxRate: rate(net.rx, pNet.rx),
        netTxRate: rate(net.tx, pNet.tx),
        blockReadRate: rate(block.read, pBlock.read),
        blockWriteRate: rate(block.write, pBlock.write),
      };
    }
  }
  return {
    time,
    cpuPercent: cpuPercent(previous, current),
    memoryUsed: used,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (used / memoryLimit) * 100 : 0,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: block.read,
    blockWrite: block.write,
    ...rates,
  };
}

export interface LimitUse {
  kind: 'memory' | 'cpus';
  /** As configured: "256 MiB", "0.5 CPUs". */
  limit: string;
  /** 0..100+ of the limit. */
  percent: number;
  /** near at 80 %, at the limit from 95 %. */
  level: 'ok' | 'near' | 'at';
}

function level(percent: number): LimitUse['level'] {
  return percent >= 95 ? 'at' : percent >= 80 ? 'near' : 'ok';
}

/** How close a container runs to its `deploy.resources.limits` (nothing when it has none). */
export function limitUse(point: StatsPoint, limits: Limits): LimitUse[] {
  const out: LimitUse[] = [];
  if (limits.memoryBytes && limits.memoryBytes > 0) {
    const percent = (point.memoryUsed / limits.memoryBytes) * 100;
    out.push({ kind: 'memory', limit: formatBytes(limits.memoryBytes), percent, level: level(percent) });
  }
  if (limits.cpus && limits.cpus > 0) {
    // cpuPercent is in "% of one CPU", so a 0.5-CPU limit is reached at 50.
    const percent = point.cpuPercent / limits.cpus;
    out.push({ kind: 'cpus', limit: `${Number(limits.cpus.toFixed(3))} CPU${limits.cpus === 1 ? '' : 's'}`, percent, level: level(percent) });
  }
  return out;
}

/** From HostConfig: Memory (bytes) and NanoCpus (1e-9 CPUs); 0 means no limit. */
export function limitsFromHostConfig(hostConfig: { Memory?: number; NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number } | undefined): Limits {
  const memoryBytes = hostConfig?.Memory && hostConfig.Memory > 0 ? hostConfig.Memory : undefined;
  let cpus = hostConfig?.NanoCpus && hostConfig.NanoCpus > 0 ? hostConfig.NanoCpus / 1e9 : undefined;
  // Compose v1 writes cpus as a CFS quota instead of NanoCpus.
  if (!cpus && hostConfig?.CpuQuota && hostConfig.CpuQuota > 0) cpus = hostConfig.CpuQuota / (hostConfig.CpuPeriod || 100_000);
  return { memoryBytes, cpus };
}

/** 1536 -> "1.5 KiB" (binary units, as `docker stats`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}

/** A fixed-length history: the last `capacity` points, oldest first. */
export class History<T> {
  private readonly items: T[] = [];
  constructor(readonly capacity: number) {}
  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }
  values(): readonly T[] {
    return this.items;
  }
}
