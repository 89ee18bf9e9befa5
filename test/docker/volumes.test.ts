// Volumes against a real engine: list (users, size, dangling), inspect,
// create, remove (refused while in use, naming the container), prune, and
// read-only browsing through a never-started helper container.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume, VolumeInUseError } from '../../client/src/docker/volumes';
import { VolumeBrowser, VolumePathError } from '../../client/src/docker/volumeFiles';
import { HELPER_LABEL, HelperImageMissingError, OWNER_LABEL, removeAbandonedHelpers } from '../../client/src/docker/volumeHelper';
import { dockerCli, engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';
import { pidScope } from '../../common/src/processes';

const RUN = uniqueName('dh-vol');
const LABEL = `dockhand-test=${RUN}`;

/** Fills a volume through a short-lived container of the test image (the only way to put files in without the API under test). */
function fill(volume: string, script: string): void {
  const r = dockerCli(['run', '--rm', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', script]);
  assert.equal(r.code, 0, r.stderr);
}

async function cleanup(docker: Docker): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [LABEL] } })) {
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  for (const v of (await docker.listVolumes({ filters: { label: [LABEL] } })).Volumes ?? []) {
    await docker.getVolume(v.Name).remove({ force: true }).catch(() => undefined);
  }
}

describe('volumes against a real engine', { timeout: 180_000 }, () => {
  let docker: Docker;
  const data = `${RUN}-data`;
  const used = `${RUN}-used`;
  let runningId = '';

  before(async () => {
    await ensureEngine();
    docker = engine();
    await createVolume(docker, data, { labels: { 'dockhand-test': RUN, 'com.docker.compose.project': RUN, 'com.docker.compose.volume': 'data' } });
    fill(data, 'echo hello > /d/hello.txt && mkdir -p /d/sub/deep && printf abc > /d/sub/deep/x.bin && ln -s hello.txt /d/link');
    await createVolume(docker, used, { labels: { 'dockhand-test': RUN } });
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '300'],
      name: `${RUN}-runner`,
      Labels: { 'dockhand-test': RUN, 'com.docker.compose.project': RUN, 'com.docker.compose.service': 'runner' },
      HostConfig: { Mounts: [{ Type: 'volume', Source: used, Target: '/data' }] },
    });
    await c.start();
    runningId = c.id;
  });

  after(async () => {
    if (docker) await cleanup(docker);
  });

  it('lists volumes with their project, size, users, and dangling ones marked', async () => {
    const all = await listVolumes(docker);
    const d = all.find((v) => v.name === data);
    const u = all.find((v) => v.name === used);
    assert.ok(d && u, 'both test volumes are listed');
    assert.equal(d.project, RUN);
    assert.equal(d.composeKey, 'data');
    assert.equal(d.dangling, true);
    assert.deepEqual(d.users, []);
    // "hello\n" + "abc": the engine's df counts at least the file bytes.
    assert.ok((d.size ?? 0) >= 9, `size from the engine's disk usage: ${d.size}`);
    assert.equal(u.dangling, false);
    assert.equal(u.users.length, 1);
    assert.equal(u.users[0].containerName, `${RUN}-runner`);
    assert.equal(u.users[0].state, 'running');
    assert.equal(u.users[0].service, 'runner');
    assert.equal(u.users[0].destination, '/data');
    assert.equal(u.project, RUN, 'project taken from the container using it when the volume has no label');
  });

  it('inspects a volume', async () => {
    const info = await inspectVolume(docker, data);
    assert.equal(info.Name, data);
    assert.equal(info.Driver, 'local');
    assert.equal(info.Labels?.['dockhand-test'], RUN);
  });

  it('creates a volume and refuses an invalid name', async () => {
    const name = `${RUN}-created`;
    const info = await createVolume(docker, name, { labels: { 'dockhand-test': RUN } });
    assert.equal(info.Name, name);
    assert.equal((await docker.getVolume(name).inspect()).Name, name);
    await assert.rejects(createVolume(docker, 'bad/name'), /not a valid volume name/);
  });

  it('refuses to remove a volume in use, naming the container, and leaves it', async () => {
    await assert.rejects(removeVolume(docker, used), (error: unknown) => {
      assert.ok(error instanceof VolumeInUseError);
      assert.match(error.message, new RegExp(`${RUN}-runner \\(running\\)`));
      assert.equal(error.users[0].containerId, runningId);
      return true;
    });
    assert.equal((await docker.getVolume(used).inspect()).Name, used, 'still there');
  });

  it('removes a volume no container uses', async () => {
    const name = `${RUN}-gone`;
    await createVolume(docker, name, { labels: { 'dockhand-test': RUN } });
    await removeVolume(docker, name);
    await assert.rejects(docker.getVolume(name).inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
    await assert.rejects(removeVolume(docker, name), /no volume/);
  });

  it('prunes unused volumes (narrowed to this run by label) and reports the space reclaimed', async () => {
    const a = `${RUN}-prune-a`;
    await createVolume(docker, a, { labels: { 'dockhand-test': RUN, 'dockhand-prune': RUN } });
    fill(a, 'head -c 4096 /dev/zero > /d/zeros');
    // The in-use volume carries the prune label too: prune must leave it.
    const keep = `${RUN}-prune-keep`;
    await createVolume(docker, keep, { labels: { 'dockhand-test': RUN, 'dockhand-prune': RUN } });
    const holder = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['true'],
      Labels: { 'dockhand-test': RUN },
      HostConfig: { Mounts: [{ Type: 'volume', Source: keep, Target: '/k' }] },
    });
    const result = await pruneVolumes(docker, { labels: [`dockhand-prune=${RUN}`] });
    assert.deepEqual(result.deleted, [a]);
    assert.ok(result.spaceReclaimed >= 4096, `reclaimed ${result.spaceReclaimed}`);
    assert.equal((await docker.getVolume(keep).inspect()).Name, keep);
    await holder.remove({ force: true });
  });

  it('browses a volume read-only: lists folders and reads files, leaving no helper container', async () => {
    const browser = new VolumeBrowser(docker, () => TEST_IMAGE);
    const root = await browser.readDirectory(data, '/');
    assert.deepEqual(
      root.map((e) => `${e.name}:${e.type}`),
      ['hello.txt:file', 'link:symlink', 'sub:directory'],
    );
    assert.deepEqual((await browser.readDirectory(data, 'sub')).map((e) => e.name), ['deep']);
    assert.equal((await browser.stat(data, '/sub/deep/x.bin')).size, 3);
    assert.equal((await browser.readFile(data, '/hello.txt')).toString(), 'hello\n');
    assert.equal((await browser.readFile(data, 'sub/deep/x.bin')).toString(), 'abc');
    await assert.rejects(browser.readFile(data, 'missing.txt'), (e: unknown) => e instanceof VolumePathError && e.kind === 'not-found');
    await assert.rejects(browser.readFile(data, '../etc/passwd'), (e: unknown) => e instanceof VolumePathError && e.kind === 'invalid');
    await assert.rejects(browser.readFile(data, 'sub'), (e: unknown) => e instanceof VolumePathError && e.kind === 'not-a-file');
    const helpers = await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } });
    assert.deepEqual(helpers.filter((c) => c.Labels['dockhand.volume'] === data), [], 'helper containers are removed');
  });

  it('browsing a volume in use by a running container works without touching that container', async () => {
    fill(used, 'echo from-runner > /d/state');
    const browser = new VolumeBrowser(docker, () => TEST_IMAGE);
    assert.equal((await browser.readFile(used, 'state')).toString(), 'from-runner\n');
    const runner = await docker.getContainer(runningId).inspect();
    assert.equal(runner.State.Running, true);
    assert.equal(runner.RestartCount, 0);
  });

  it('a missing helper image is a clear error that says how to get it', async () => {
    const browser = new VolumeBrowser(docker, () => 'dockhand-test/no-such-image:never');
    await assert.rejects(browser.readDirectory(data, ''), (e: unknown) => {
      assert.ok(e instanceof HelperImageMissingError);
      assert.match(e.message, /docker pull dockhand-test\/no-such-image:never/);
      assert.match(e.message, /dockhand\.volumes\.helperImage/);
      return true;
    });
  });

  it('a helper whose job died with its process is removed by the next volume job, so the volume can go; a live process\'s helper stays', async () => {
    const pinned = `${RUN}-pinned`;
    await createVolume(docker, pinned, { labels: { 'dockhand-test': RUN } });
    // A process that has exited: its helper was cut off (VS Code closed during a backup, say).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const helper = (owner: string) =>
      docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['true'],
        Labels: { [HELPER_LABEL]: 'volume', [OWNER_LABEL]: owner, 'dockhand-test': RUN },
        HostConfig: { Mounts: [{ Type: 'volume', Source: pinned, Target: '/dockhand-volume' }] },
      });
    const cutOff = await helper(`${pidScope()}:${dead}`);
    const running = await helper(`${pidScope()}:${process.pid}`);
    // Held by the live process's helper, the volume cannot go, and the error says it is in use.
    await assert.rejects(removeVolume(docker, pinned), /in use by a Dockhand job on it/);
    // That removal took the cut-off helper away already; the live one stays.
    await assert.rejects(cutOff.inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
    assert.equal((await running.inspect()).Id, running.id);
    assert.equal(await removeAbandonedHelpers(docker), 0, 'nothing else to remove');
    await running.remove({ force: true });
    // A helper cut off again, then Remove Volume: it removes the helper, then the volume.
    await helper(`${pidScope()}:${dead}`);
    await removeVolume(docker, pinned);
    assert.equal((await docker.listVolumes({ filters: { name: [pinned] } })).Volumes?.some((v) => v.Name === pinned) ?? false, false);
  });
});
