// client/compose against a real engine, through the same session module the
// VS Code commands use: up, ps, logs, down (with and without volumes), picked
// services, profiles, the merged config, engine events, a port conflict.
// Once with Compose v2 (`docker compose`) and once more with v1
// (`docker-compose` 1.x) where it is installed.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { ComposeProject } from '../../client/src/compose/argv';
import { fallbackProject, prepareCompose, runCompose, type Prepared } from '../../client/src/compose/session';
import { projectServiceStates, statusLabel } from '../../client/src/compose/state';
import { watchEngineEvents, type EngineEvent } from '../../client/src/docker/events';
import { PROJECT_LABEL, SERVICE_LABEL } from '../../client/src/docker/projects';
import { composeUnderTest, engine, ensureEngine, projectContainers, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

const started = Date.now();

function composeFile(port: number): string {
  return `services:
  web:
    image: ${TEST_IMAGE}
    # PID 1 ignores SIGTERM; do not wait the default 10 s on every stop.
    stop_grace_period: 1s
    command: ["sh", "-c", "echo web says hello; exec httpd -f -p 80 -h /"]
    ports:
      - "${port}:80"
  worker:
    image: ${TEST_IMAGE}
    # PID 1 ignores SIGTERM; do not wait the default 10 s on every stop.
    stop_grace_period: 1s
    command: ["sh", "-c", "echo worker ready; exec sleep 3600"]
    volumes:
      - data:/data
  debug:
    image: ${TEST_IMAGE}
    stop_grace_period: 1s
    command: ["sleep", "3600"]
    profiles: ["debug"]
volumes:
  data: {}
`;
}

for (const { label, setting } of composeUnderTest()) describe(`compose ${label} against a real engine`, { timeout: 300_000 }, () => {
  let prepared: Prepared;
  let tmp: TempProject;
  let project: ComposeProject;
  const name = uniqueName(`dh-compose-${label}`);
  const port = 20000 + Math.floor(Math.random() * 20000);

  before(async () => {
    await ensureEngine();
    const p = await prepareCompose({ composeCommand: setting });
    assert.ok(p.ok, p.ok ? '' : p.fault.message);
    prepared = p.value;
    tmp = tempProject({
      'compose.yaml': composeFile(port),
      'compose.override.yaml': 'services:\n  worker:\n    environment:\n      FROM_OVERRIDE: "yes"\n',
    });
    project = { ...fallbackProject(tmp.file('compose.yaml')), projectName: name };
  });

  after(async () => {
    await removeProject(name);
    tmp?.cleanup();
    console.log(`compose tests against Compose ${prepared?.compose.version ?? label} (${setting}) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it(`runs Compose ${label}`, () => {
    assert.equal(prepared.compose.major, label === 'v2' ? 2 : 1, `${setting} answers version ${prepared.compose.version}`);
  });

  it('picks up the override file next to the main file', () => {
    assert.deepEqual(project.files, [tmp.file('compose.yaml'), tmp.file('compose.override.yaml')]);
  });

  it('config shows the merged configuration', async () => {
    const run = await runCompose(prepared, project, { name: 'config' });
    assert.ok(run.ok);
    assert.equal(run.value.result.code, 0, run.value.result.output);
    assert.match(run.value.result.stdout, /FROM_OVERRIDE/);
    assert.match(run.value.result.stdout, /web:/);
  });

  it('up with picked services starts only those', async () => {
    const streamed: string[] = [];
    const run = await runCompose(prepared, project, { name: 'up', services: ['web'] }, { onOutput: (t) => streamed.push(t) });
    assert.ok(run.ok);
    assert.equal(run.value.result.code, 0, run.value.result.output);
    assert.ok(streamed.join('').length > 0, 'output streams while Compose runs');
    assert.equal(run.value.cwd, tmp.dir);
    const states = await projectServiceStates(engine(), name);
    assert.equal(states.get('web')?.state, 'running');
    assert.equal(states.has('worker'), false);
  });

  it('up starts every service without a profile, and reports events as they happen', async () => {
    const events: EngineEvent[] = [];
    const stop = watchEngineEvents(engine(), (e) => e.attributes[PROJECT_LABEL] === name && events.push(e), { types: ['container'], labels: [PROJECT_LABEL] });
    try {
      await new Promise((r) => setTimeout(r, 300)); // let the event stream connect
      const run = await runCompose(prepared, project, { name: 'up' });
      assert.ok(run.ok);
      assert.equal(run.value.result.code, 0, run.value.result.output);
      const states = await projectServiceStates(engine(), name);
      assert.equal(statusLabel(states.get('worker')!), 'running');
      assert.equal(states.has('debug'), false, 'a service with a profile stays off');
      const deadline = Date.now() + 10_000;
      while (!events.some((e) => e.attributes[SERVICE_LABEL] === 'worker' && e.action === 'start') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(events.some((e) => e.attributes[SERVICE_LABEL] === 'worker' && e.action === 'start'), JSON.stringify(events));
    } finally {
      stop();
    }
  });

  it('ps lists the services', async () => {
    const run = await runCompose(prepared, project, { name: 'ps' });
    assert.ok(run.ok);
    assert.equal(run.value.result.code, 0, run.value.result.output);
    assert.match(run.value.result.output, /web/);
    assert.match(run.value.result.output, /worker/);
  });

  it('logs shows what the services printed', async () => {
    const run = await runCompose(prepared, project, { name: 'logs', services: ['worker'] });
    assert.ok(run.ok);
    assert.match(run.value.result.output, /worker ready/);
    assert.doesNotMatch(run.value.result.output, /web says hello/);
  });

  it('logs --follow streams until cancelled', async () => {
    const controller = new AbortController();
    let seen = '';
    const pending = runCompose(prepared, project, { name: 'logs', follow: true, services: ['web'] }, {
      signal: controller.signal,
      onOutput: (t) => {
        seen += t;
        if (seen.includes('web says hello')) controller.abort();
      },
    });
    const timer = setTimeout(() => controller.abort(), 20_000);
    const run = await pending;
    clearTimeout(timer);
    assert.ok(run.ok);
    assert.ok(run.value.result.cancelled);
    assert.match(seen, /web says hello/);
    assert.equal(run.value.fault, undefined, 'a cancelled run is not a failure');
  });

  it('a profile given on the command line starts its service', async () => {
    const run = await runCompose(prepared, { ...project, profiles: ['debug'] }, { name: 'up', services: ['debug'] });
    assert.ok(run.ok);
    assert.equal(run.value.result.code, 0, run.value.result.output);
    assert.equal((await projectServiceStates(engine(), name)).get('debug')?.state, 'running');
  });

  it('stop, start and restart change the state', async () => {
    const stop = await runCompose(prepared, project, { name: 'stop', services: ['worker'] });
    assert.ok(stop.ok && stop.value.result.code === 0);
    assert.equal((await projectServiceStates(engine(), name)).get('worker')?.state, 'exited');
    const start = await runCompose(prepared, project, { name: 'start', services: ['worker'] });
    assert.ok(start.ok && start.value.result.code === 0);
    assert.equal((await projectServiceStates(engine(), name)).get('worker')?.state, 'running');
    const restart = await runCompose(prepared, project, { name: 'restart', services: ['web'] });
    assert.ok(restart.ok && restart.value.result.code === 0);
  });

  it('a port already allocated names the service and port', async () => {
    const other = uniqueName('dh-clash');
    const clash = tempProject({ 'compose.yaml': `services:\n  front:\n    image: ${TEST_IMAGE}\n    command: ["httpd", "-f", "-p", "80"]\n    ports: ["${port}:80"]\n` });
    try {
      const p = { ...fallbackProject(clash.file('compose.yaml')), projectName: other };
      const run = await runCompose(prepared, p, { name: 'up' }, { projectName: other, services: [{ name: 'front', ports: [`${port}:80`] }] });
      assert.ok(run.ok);
      assert.notEqual(run.value.result.code, 0);
      assert.equal(run.value.fault?.kind, 'port-allocated', run.value.result.output);
      assert.match(run.value.fault!.message, new RegExp(`Port ${port} .*"front"`));
    } finally {
      await removeProject(other);
      clash.cleanup();
    }
  });

  it('down keeps named volumes; down --volumes removes them', async () => {
    const volumes = async () => ((await engine().listVolumes({ filters: { label: [`com.docker.compose.project=${name}`] } })).Volumes ?? []).map((v) => v.Name);
    assert.equal((await volumes()).length, 1);
    // debug was started with its profile: down needs the profile too to remove it.
    const withProfile = { ...project, profiles: ['debug'] };
    const down = await runCompose(prepared, withProfile, { name: 'down' });
    assert.ok(down.ok && down.value.result.code === 0, down.ok ? down.value.result.output : down.fault.message);
    assert.equal((await projectContainers(name)).length, 0);
    assert.equal((await volumes()).length, 1, 'plain down keeps the data');
    const up = await runCompose(prepared, project, { name: 'up', services: ['worker'] });
    assert.ok(up.ok && up.value.result.code === 0);
    const downVolumes = await runCompose(prepared, withProfile, { name: 'down', volumes: true });
    assert.ok(downVolumes.ok && downVolumes.value.result.code === 0);
    assert.equal((await projectContainers(name)).length, 0);
    assert.deepEqual(await volumes(), [], 'down --volumes deletes the named volume');
  });
});
