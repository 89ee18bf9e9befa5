// Each fault of a Compose run, against real programs: an engine that does not
// answer, a Compose binary that does not exist, a Compose file with an error.
// Each must come back as a fault with a message and advice, not an exception.
import { strict as assert } from 'node:assert';
import { chmodSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fallbackProject, prepareCompose, runCompose } from '../../client/src/compose/session';
import { ensureEngine, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

describe('compose faults', { timeout: 120_000 }, () => {
  let tmp: TempProject;
  const name = uniqueName('dh-faults');

  before(async () => {
    await ensureEngine();
    tmp = tempProject({
      'compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "5"]\n`,
      'broken/compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    bogus_key: 1\n    ports: [\n`,
      // A registry nobody listens on: the engine's pull fails with "dial tcp ... connection refused".
      'pull/compose.yaml': `services:\n  app:\n    image: 127.0.0.1:1/dockhand/nothing:latest\n`,
      'invalid/compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    restart: sometimes-maybe\n    no_such_option: true\n`,
    });
  });
  after(() => tmp?.cleanup());

  it('an unreachable engine (bogus host) is a clear fault naming the host and the setting', async () => {
    const prepared = await prepareCompose({ dockerHost: 'unix:///nonexistent/docker.sock' });
    assert.ok(prepared.ok);
    const run = await runCompose(prepared.value, { ...fallbackProject(tmp.file('compose.yaml')), projectName: name }, { name: 'up' });
    assert.equal(run.ok, false);
    assert.ok(!run.ok);
    assert.equal(run.fault.kind, 'engine-unreachable');
    assert.match(run.fault.message, /\/nonexistent\/docker\.sock/);
    assert.match(run.fault.message, /dockhand\.dockerHost/);
    assert.match(run.fault.advice, /DOCKER_HOST/);
  });

  it('Compose\'s own output about an unreachable engine (a tcp host) is classified too, without its traceback', async () => {
    const prepared = await prepareCompose({ dockerHost: 'tcp://127.0.0.1:1' });
    assert.ok(prepared.ok);
    const run = await runCompose(prepared.value, { ...fallbackProject(tmp.file('compose.yaml')), projectName: name }, { name: 'ps' }, { skipEngineCheck: true });
    assert.ok(run.ok);
    assert.notEqual(run.value.result.code, 0);
    assert.equal(run.value.fault?.kind, 'engine-unreachable', run.value.result.output);
    assert.doesNotMatch(run.value.fault!.message, /Traceback|File "/);
  });

  // Root can always use the socket; running Compose as `nobody` (through the
  // composeCommand setting, which is an argv) meets the real permission error.
  const asNobody = process.getuid?.() === 0 ? false : 'needs root, to run Compose as another user';
  it('permission denied on the socket says to join the docker group', { skip: asNobody }, async () => {
    chmodSync(tmp.dir, 0o755); // mkdtemp made it private to root; `nobody` must read the file to get as far as the socket
    const prepared = await prepareCompose({ composeCommand: 'setpriv --reuid=65534 --regid=65534 --clear-groups docker-compose' });
    assert.ok(prepared.ok, prepared.ok ? '' : prepared.fault.message);
    const run = await runCompose(prepared.value, { ...fallbackProject(tmp.file('compose.yaml')), projectName: name }, { name: 'ps' });
    assert.ok(run.ok);
    assert.notEqual(run.value.result.code, 0);
    assert.equal(run.value.fault?.kind, 'permission-denied', run.value.result.output);
    assert.match(run.value.fault!.advice, /docker group/);
  });

  it('a missing Compose binary (setting pointing nowhere) says so and how to fix it', async () => {
    const prepared = await prepareCompose({ composeCommand: '/nonexistent/bin/docker-compose' });
    assert.equal(prepared.ok, false);
    assert.ok(!prepared.ok);
    assert.equal(prepared.fault.kind, 'compose-missing');
    assert.match(prepared.fault.message, /\/nonexistent\/bin\/docker-compose/);
    assert.match(prepared.fault.message, /dockhand\.composeCommand/);
  });

  it('no Compose on PATH at all says how to install one', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const prepared = await prepareCompose({});
      assert.ok(!prepared.ok);
      assert.equal(prepared.fault.kind, 'compose-missing');
      assert.match(prepared.fault.message, /apt-get install docker-compose/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('a pull that cannot reach its registry is explained as a network/proxy problem, with the engine proxy settings behind a button', async () => {
    const prepared = await prepareCompose({});
    assert.ok(prepared.ok);
    const run = await runCompose(prepared.value, { ...fallbackProject(tmp.file('pull/compose.yaml')), projectName: name }, { name: 'pull' });
    assert.ok(run.ok);
    assert.notEqual(run.value.result.code, 0);
    assert.equal(run.value.fault?.kind, 'registry-network', run.value.result.output);
    assert.match(run.value.fault!.message, /127\.0\.0\.1:1/);
    assert.match(run.value.fault!.message, /proxy/);
    assert.match(run.value.fault!.advice, /proxy/);
    // The engine's proxy settings are too long for a toast: they are the guide behind its button.
    assert.match(run.value.fault!.guide?.markdown ?? '', /daemon\.json/);
  });

  for (const [folder, expected] of [
    ['broken', /line \d+|while parsing|yaml/i],
    ['invalid', /no_such_option|restart/],
  ] as const) {
    it(`a Compose file with errors (${folder}) surfaces Compose's own message`, async () => {
      const prepared = await prepareCompose({});
      assert.ok(prepared.ok);
      const run = await runCompose(prepared.value, { ...fallbackProject(tmp.file(`${folder}/compose.yaml`)), projectName: name }, { name: 'up' });
      assert.ok(run.ok);
      assert.notEqual(run.value.result.code, 0);
      assert.equal(run.value.fault?.kind, 'compose-file-error', run.value.result.output);
      assert.match(run.value.fault!.detail!, expected);
      assert.doesNotMatch(run.value.fault!.detail!, /Traceback/);
    });
  }
});
