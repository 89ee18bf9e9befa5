// Live stats against a real engine: a running container's memory shows (> 0),
// its deploy.resources.limits (HostConfig Memory/NanoCpus) are read back, and
// the stream stops when asked.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { sampleStats, watchContainerStats } from '../../client/src/docker/statsStream';
import { limitUse } from '../../client/src/docker/stats';
import { engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';

const RUN = uniqueName('dh-stats');

describe('container stats against a real engine', { timeout: 120_000 }, () => {
  let docker: Docker;
  let limited: Docker.Container;
  let free: Docker.Container;

  before(async () => {
    await ensureEngine();
    docker = engine();
    // Busy enough to use some memory and CPU: a shell loop holding a string.
    const cmd = ['sh', '-c', 'x=$(head -c 2000000 /dev/zero | tr "\\0" a); while true; do echo ${#x} >/dev/null; sleep 0.2; done'];
    limited = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: cmd,
      name: `${RUN}-limited`,
      Labels: { 'dockhand-test': RUN },
      HostConfig: { Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000 },
    });
    free = await docker.createContainer({ Image: TEST_IMAGE, Cmd: cmd, name: `${RUN}-free`, Labels: { 'dockhand-test': RUN } });
    await limited.start();
    await free.start();
  });

  after(async () => {
    for (const c of [limited, free]) await c?.remove({ force: true }).catch(() => undefined);
  });

  it('shows a running container\'s memory, and its limits and how close it runs to them', async () => {
    const { point, limits } = await sampleStats(docker, limited.id);
    assert.ok(point.memoryUsed > 0, `memory used ${point.memoryUsed}`);
    assert.equal(limits.memoryBytes, 64 * 1024 * 1024);
    assert.equal(limits.cpus, 0.5);
    assert.equal(point.memoryLimit, 64 * 1024 * 1024);
    assert.ok(point.memoryPercent > 0 && point.memoryPercent < 100, `memory % ${point.memoryPercent}`);
    assert.ok(point.cpuPercent >= 0);
    const uses = limitUse(point, limits);
    assert.deepEqual(uses.map((u) => u.kind), ['memory', 'cpus']);
    assert.equal(uses[0].limit, '64.0 MiB');
  });

  it('a container without limits has none, and its memory limit is the host\'s', async () => {
    const { point, limits } = await sampleStats(docker, free.id);
    assert.ok(point.memoryUsed > 0);
    assert.equal(limits.memoryBytes, undefined);
    assert.equal(limits.cpus, undefined);
    assert.ok(point.memoryLimit > 64 * 1024 * 1024, 'the host memory');
    assert.deepEqual(limitUse(point, limits), []);
  });

  it('streams points about every interval and stops when asked', async () => {
    const times: number[] = [];
    const watch = await watchContainerStats(docker, free.id, { intervalMs: 1000, onPoint: () => times.push(Date.now()) });
    await new Promise((r) => setTimeout(r, 4500));
    watch.stop();
    const count = times.length;
    assert.ok(count >= 2 && count <= 6, `points in 4.5 s at 1 s: ${count}`);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(times.length, count, 'no points after stop');
  });

  it('reports the end of the stream when the container stops', async () => {
    const ended = new Promise<void>((resolve) => {
      watchContainerStats(docker, limited.id, { intervalMs: 500, onPoint: () => undefined, onEnd: () => resolve() }).then(
        () => limited.kill(),
      );
    });
    await ended;
  });
});
