// The container shell through the exec API with an engine TTY, against a real
// engine: it runs commands, `exit N` ends it with N, and a container that
// stops under it ends it as "container gone" (not as an error exit code).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { openShell } from '../../client/src/docker/shell';
import { engine, ensureEngine, TEST_IMAGE, uniqueName } from './helpers/engine';

async function until(what: string, fn: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a shell in a container', { timeout: 120_000 }, () => {
  let docker: Docker;
  let container: Docker.Container;
  before(async () => {
    await ensureEngine();
    docker = engine();
    container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], name: uniqueName('dh-shell'), HostConfig: { AutoRemove: false } });
    await container.start();
  });
  after(async () => {
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('runs what is typed in a TTY and ends with the exit code of `exit`', async () => {
    let output = '';
    const shell = await openShell(docker, container.id, { columns: 100, rows: 30, onOutput: (t) => (output += t) });
    shell.write('echo sum-$((40+2)); stty size\r');
    await until('the command output', () => /sum-42/.test(output) && /30 100/.test(output));
    shell.write('exit 3\r');
    assert.deepEqual(await shell.ended, { reason: 'exited', exitCode: 3 });
  });

  it('ends as "container gone" when the container stops under it', async () => {
    let output = '';
    const shell = await openShell(docker, container.id, { onOutput: (t) => (output += t) });
    shell.write('echo ready\r');
    await until('the prompt', () => /ready/.test(output));
    await container.stop({ t: 0 });
    assert.deepEqual(await shell.ended, { reason: 'container-gone' });
  });
});
