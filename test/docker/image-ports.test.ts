// What the client tells the language server about images: a real engine's
// tagged images with their Config.ExposedPorts, and the events that make the
// list stale.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { watchEngineEvents, type EngineEvent } from '../../client/src/docker/events';
import { changesImages, engineImagePorts } from '../../client/src/docker/imagePorts';
import { dockerCli, engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';

describe('image ports against a real engine', { timeout: 180_000 }, () => {
  let docker: Docker;
  const name = uniqueName('dh-ports');
  let container = '';

  before(async () => {
    await ensureEngine();
    docker = engine();
    // An image that exposes two ports, made from the local test image (no registry here).
    const created = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
    container = created.id;
    await created.commit({ repo: name, tag: 'v1', changes: ['EXPOSE 8080/tcp', 'EXPOSE 53/udp'] } as never);
  });
  after(async () => {
    await docker.getContainer(container).remove({ force: true }).catch(() => undefined);
    for (const tag of ['v1', 'v2']) dockerCli(['image', 'rm', '-f', `${name}:${tag}`]);
  });

  it('lists tagged images with their exposed ports', async () => {
    const images = await engineImagePorts(docker);
    const mine = images.find((i) => i.names.includes(`${name}:v1`));
    assert.ok(mine, `${name}:v1 not among ${images.length} images`);
    assert.deepEqual([...mine.exposedPorts].sort(), ['53/udp', '8080/tcp']);
    assert.ok(!images.some((i) => i.names.includes('<none>:<none>')));
  });

  it('a tag is an event that makes the list stale, and the new name is in the next list', async () => {
    const seen: EngineEvent[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const stop = watchEngineEvents(docker, (e) => seen.push(e), { types: ['image'], onConnection: (c) => c && connected() });
    try {
      await ready;
      await docker.getImage(`${name}:v1`).tag({ repo: name, tag: 'v2' });
      const deadline = Date.now() + 10_000;
      while (!seen.some(changesImages) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(seen.some(changesImages), `no image event counted: ${JSON.stringify(seen)}`);
    } finally {
      stop();
    }
    const images = await engineImagePorts(docker);
    assert.ok(images.some((i) => i.names.includes(`${name}:v2`) && i.exposedPorts.includes('8080/tcp')));
  });
});
