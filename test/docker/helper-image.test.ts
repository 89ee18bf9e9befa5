// Which helper image Dockhand uses, against a real engine: the configured one
// when present; else an official toolbox image already there (here: the test
// busybox tagged as busybox:<run>); the choice really works for both jobs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { chooseHelperImage, repositoryOf, TOOLBOX_REPOSITORIES } from '../../client/src/docker/helperImage';
import { emptyVolume } from '../../client/src/docker/volumeHelper';
import { volumeHasData } from '../../client/src/docker/volumeBackup';
import { createVolume } from '../../client/src/docker/volumes';
import { dockerCli, engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';

const RUN = uniqueName('dh-helper');
const toolboxTag = `busybox:${RUN}`;
const volume = `${RUN}-v`;

describe('the volume helper image against a real engine', { timeout: 120_000 }, () => {
  let docker: Docker;
  before(async () => {
    await ensureEngine();
    docker = engine();
    assert.equal(dockerCli(['tag', TEST_IMAGE, toolboxTag]).code, 0);
    await createVolume(docker, volume, { labels: { 'dockhand-test': RUN } });
    assert.equal(dockerCli(['run', '--rm', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', 'echo a > /d/a && mkdir /d/b && echo c > /d/.c']).code, 0);
  });
  after(async () => {
    await docker?.getVolume(volume).remove({ force: true }).catch(() => undefined);
    dockerCli(['rmi', toolboxTag]);
  });

  it('takes the configured image when the engine has it', async () => {
    const choice = await chooseHelperImage(docker, { configured: TEST_IMAGE, job: 'run' });
    assert.equal(choice?.image, TEST_IMAGE);
    assert.match(choice!.why, /setting/);
  });

  it('without the configured image, takes an official toolbox image already on the engine, and it can empty a volume', async () => {
    const choice = await chooseHelperImage(docker, { configured: 'dockhand-test/not-here:never', job: 'run' });
    assert.ok(choice, 'a toolbox image is there (busybox:<run>)');
    assert.ok(TOOLBOX_REPOSITORIES.includes(repositoryOf(choice.image)), choice.image);
    assert.match(choice.why, /already on this engine/);
    assert.equal(await volumeHasData(docker, volume, choice.image), true);
    await emptyVolume(docker, volume, choice.image);
    assert.equal(await volumeHasData(docker, volume, choice.image), false);
  });

  it('an archive job finds an image too, and a pull of an image no registry has fails with the engine\'s words', async () => {
    const choice = await chooseHelperImage(docker, { configured: 'dockhand-test/not-here:never', job: 'archive' });
    assert.ok(choice);
    const { pullImage } = await import('../../client/src/docker/helperImage');
    await assert.rejects(pullImage(docker, 'dockhand-test/not-here:never'), (e: unknown) => e instanceof Error && e.message.length > 0);
  });
});
