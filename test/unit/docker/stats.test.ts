import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  blockTotals,
  cpuPercent,
  formatBytes,
  History,
  limitsFromHostConfig,
  limitUse,
  memoryUsed,
  networkTotals,
  statsPoint,
  type RawStats,
} from '../../../client/src/docker/stats';

function sample(over: { cpu: number; system: number; cpus?: number; read?: string; rx?: number; blkRead?: number }): RawStats {
  return {
    read: over.read ?? '2026-01-01T00:00:00Z',
    cpu_stats: { cpu_usage: { total_usage: over.cpu }, system_cpu_usage: over.system, online_cpus: over.cpus ?? 2 },
    memory_stats: { usage: 100 * 1024 * 1024, limit: 1024 * 1024 * 1024, stats: { total_inactive_file: 20 * 1024 * 1024 } },
    networks: { eth0: { rx_bytes: over.rx ?? 0, tx_bytes: 10 }, eth1: { rx_bytes: 5, tx_bytes: 5 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: over.blkRead ?? 0 }, { op: 'Write', value: 7 }, { op: 'Total', value: 999 }] },
  };
}

describe('stats computation', () => {
  it('CPU % is the container share of system time times the online CPUs', () => {
    const a = sample({ cpu: 1_000, system: 10_000 });
    const b = sample({ cpu: 1_500, system: 12_000 });
    assert.equal(cpuPercent(a, b), (500 / 2000) * 2 * 100);
    assert.equal(cpuPercent(undefined, b), 0, 'no previous sample, no rate');
    assert.equal(cpuPercent(b, b), 0, 'no time passed');
  });

  it('counts CPUs from percpu_usage when online_cpus is missing', () => {
    const a: RawStats = { cpu_stats: { cpu_usage: { total_usage: 0, percpu_usage: [0, 0, 0, 0] }, system_cpu_usage: 0 } };
    const b: RawStats = { cpu_stats: { cpu_usage: { total_usage: 100, percpu_usage: [25, 25, 25, 25] }, system_cpu_usage: 1000 } };
    assert.equal(cpuPercent(a, b), 40);
  });

  it('memory excludes the page cache: v1 total_inactive_file, v2 inactive_file, old engines cache', () => {
    assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: { total_inactive_file: 30 } } }), 70);
    assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: { inactive_file: 40 } } }), 60);
    assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: { cache: 50 } } }), 50);
    assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: { inactive_file: 400 } } }), 100, 'never negative');
    assert.equal(memoryUsed({}), 0);
  });

  it('sums network and block I/O over interfaces and operations', () => {
    const s = sample({ cpu: 0, system: 0, rx: 100, blkRead: 4096 });
    assert.deepEqual(networkTotals(s), { rx: 105, tx: 15 });
    assert.deepEqual(blockTotals(s), { read: 4096, write: 7 });
    assert.deepEqual(blockTotals({ blkio_stats: { io_service_bytes_recursive: null } }), { read: 0, write: 0 });
  });

  it('a point carries rates from the previous sample and the container limit over the host limit', () => {
    const a = sample({ cpu: 0, system: 0, rx: 0, read: '2026-01-01T00:00:00Z' });
    const b = sample({ cpu: 100, system: 1000, rx: 2000, read: '2026-01-01T00:00:02Z' });
    const p = statsPoint(a, b, { memoryBytes: 160 * 1024 * 1024 });
    assert.equal(p.memoryUsed, 80 * 1024 * 1024);
    assert.equal(p.memoryLimit, 160 * 1024 * 1024);
    assert.equal(p.memoryPercent, 50);
    assert.equal(p.netRxRate, 1000);
    assert.equal(p.cpuPercent, 20);
    const host = statsPoint(undefined, b);
    assert.equal(host.memoryLimit, 1024 * 1024 * 1024);
    assert.equal(host.netRxRate, 0);
  });

  it('reads limits from HostConfig (NanoCpus, or a v1 CFS quota) and says how close the container runs', () => {
    assert.deepEqual(limitsFromHostConfig({ Memory: 0, NanoCpus: 0 }), { memoryBytes: undefined, cpus: undefined });
    assert.deepEqual(limitsFromHostConfig({ Memory: 512, NanoCpus: 1_500_000_000 }), { memoryBytes: 512, cpus: 1.5 });
    assert.equal(limitsFromHostConfig({ CpuQuota: 50_000, CpuPeriod: 100_000 }).cpus, 0.5);
    const point = statsPoint(undefined, sample({ cpu: 0, system: 0 }));
    const uses = limitUse({ ...point, cpuPercent: 45 }, { memoryBytes: 100 * 1024 * 1024, cpus: 0.5 });
    assert.equal(uses[0].kind, 'memory');
    assert.equal(uses[0].percent, 80);
    assert.equal(uses[0].level, 'near');
    assert.equal(uses[1].kind, 'cpus');
    assert.equal(uses[1].percent, 90);
    assert.equal(uses[1].limit, '0.5 CPUs');
    assert.equal(limitUse({ ...point, cpuPercent: 99 }, { cpus: 1 })[0].level, 'at');
    assert.deepEqual(limitUse(point, {}), []);
  });

  it('formats bytes in binary units and keeps a bounded history', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.50 KiB');
    assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB');
    assert.equal(formatBytes(3 * 1024 ** 3), '3.00 GiB');
    const h = new History<number>(3);
    for (let i = 0; i < 5; i++) h.push(i);
    assert.deepEqual(h.values(), [2, 3, 4]);
  });
});
