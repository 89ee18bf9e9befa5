// What the Compose view reads from a real engine: a project started by the
// Compose CLI grouped into services and containers (with published ports),
// a hand-made container with Compose v2 labels and name, the project's
// network with addresses and aliases, and its volume in use.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerAction, followLogs, inspectContainer, listProjects } from '../../client/src/docker/containers';
import { listNetworks } from '../../client/src/docker/networks';
import { formatPort } from '../../client/src/docker/projects';
import { listVolumes } from '../../client/src/docker/volumes';
import { watchEngineEvents, type EngineEvent } from '../../client/src/docker/events';
import { dockerCli, engine, ensureEngine, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

const project = uniqueName('dh-views');
const v2project = uniqueName('dh-viewsv2');

describe('the Compose view against a real engine', { timeout: 240_000 }, () => {
  let docker: Docker;
  let tmp: TempProject;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const events: EngineEvent[] = [];
  let stopEvents: (() => void) | undefined;

  before(async () => {
    await ensureEngine();
    docker = engine();
    stopEvents = watchEngineEvents(docker, (e) => events.push(e));
    tmp = tempProject({
      'compose.yaml': `version: "2.4"
services:
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    ports: ["${port}:80"]
    stop_grace_period: 1s
    networks:
      back:
        aliases: [frontdoor]
  db:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    mem_limit: 64m
    volumes: ["data:/data"]
    networks: [back]
networks:
  back: {}
volumes:
  data: {}
`,
    });
    // docker-compose (v1) is what the tier provisions; its names are project_service_1.
    const up = dockerCliCompose(tmp.dir, ['-p', project, 'up', '-d']);
    assert.equal(up.code, 0, up.stderr);
    // A container as Compose v2 names and labels it, made by hand.
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      name: `${v2project}-worker-1`,
      // sleep as PID 1 ignores SIGTERM: do not wait the default 10 s on each stop.
      StopTimeout: 1,
      Labels: { 'com.docker.compose.project': v2project, 'com.docker.compose.service': 'worker', 'com.docker.compose.oneoff': 'False' },
    });
    await c.start();
  });

  after(async () => {
    stopEvents?.();
    await removeProject(project);
    await removeProject(v2project);
    tmp?.cleanup();
  });

  it('groups the project into services and containers with ports host -> container', async () => {
    const projects = await listProjects(docker);
    const p = projects.find((x) => x.name === project);
    assert.ok(p, `project ${project} listed among ${projects.map((x) => x.name).join(', ')}`);
    assert.deepEqual(p.services.map((s) => s.name), ['db', 'web']);
    assert.equal(p.running, 2);
    const web = p.services[1].containers[0];
    assert.equal(web.number, 1);
    assert.equal(web.state, 'running');
    assert.deepEqual(web.ports.filter((x) => x.hostPort).map(formatPort), [`${port} → 80/tcp`]);
    assert.deepEqual(p.services[0].containers[0].volumes, [`${project}_data`]);
  });

  it('reads a Compose v2 container (hyphenated name, labels) the same way', async () => {
    const p = (await listProjects(docker)).find((x) => x.name === v2project);
    assert.ok(p);
    assert.equal(p.services[0].name, 'worker');
    assert.equal(p.services[0].containers[0].number, 1, 'number from the v2 name when the label is absent');
  });

  it('shows the project network: full name, driver, subnet, containers with addresses and aliases', async () => {
    const nets = await listNetworks(docker, { project });
    const back = nets.find((n) => n.name === `${project}_back`);
    assert.ok(back, `networks: ${nets.map((n) => n.name).join(', ')}`);
    assert.equal(back.driver, 'bridge');
    assert.equal(back.composeKey, 'back');
    assert.match(back.subnets[0] ?? '', /^\d+\.\d+\.\d+\.\d+\/\d+$/);
    assert.equal(back.containers.length, 2);
    const web = back.containers.find((c) => c.name.includes('web'));
    assert.ok(web?.ipv4 && /^\d+\.\d+\.\d+\.\d+$/.test(web.ipv4), JSON.stringify(web));
    assert.ok(web.aliases.includes('frontdoor'), `aliases: ${web.aliases}`);
    assert.ok(web.aliases.includes('web'), 'the service name is an alias too');
  });

  it('lists the project volume as in use by the running db container', async () => {
    const v = (await listVolumes(docker)).find((x) => x.name === `${project}_data`);
    assert.ok(v);
    assert.equal(v.project, project);
    assert.equal(v.dangling, false);
    assert.deepEqual(v.users.map((u) => [u.service, u.state]), [['db', 'running']]);
  });

  it('follows a container\'s logs with timestamps, and stops following when asked', async () => {
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', 'echo first; echo oops >&2; sleep 1; echo later; sleep 300'],
      name: `${v2project}-talker-1`,
      Labels: { 'com.docker.compose.project': v2project, 'com.docker.compose.service': 'talker' },
    });
    await c.start();
    let out = '';
    let err = '';
    const stop = await followLogs(docker, c.id, (text, stream) => {
      if (stream === 'stderr') err += text;
      else out += text;
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !out.includes('later')) await new Promise((r) => setTimeout(r, 100));
    stop();
    assert.match(out, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z first$/m, out);
    assert.match(out, /Z later$/m, 'a line printed after following began arrives too');
    assert.match(err, /Z oops$/m, 'stderr is kept apart');
  });

  it('stops, starts, restarts and removes a container', async () => {
    const id = (await listProjects(docker)).find((x) => x.name === v2project)!.services.find((s) => s.name === 'worker')!.containers[0].id;
    await containerAction(docker, id, 'stop');
    assert.equal((await inspectContainer(docker, id)).State.Running, false);
    await containerAction(docker, id, 'start');
    assert.equal((await inspectContainer(docker, id)).State.Running, true);
    const before = (await inspectContainer(docker, id)).State.StartedAt;
    await containerAction(docker, id, 'restart');
    assert.notEqual((await inspectContainer(docker, id)).State.StartedAt, before);
    const talker = (await listProjects(docker)).find((x) => x.name === v2project)!.services.find((s) => s.name === 'talker')!.containers[0].id;
    await containerAction(docker, talker, 'remove');
    await assert.rejects(inspectContainer(docker, talker), (e: { statusCode?: number }) => e.statusCode === 404);
  });

  it('saw engine events for the project (what refreshes the view)', async () => {
    const r = dockerCli(['restart', '-t', '0', `${v2project}-worker-1`]);
    assert.equal(r.code, 0, r.stderr);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !events.some((e) => e.attributes['com.docker.compose.project'] === v2project && e.action === 'start')) {
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.ok(events.some((e) => e.type === 'container' && e.attributes['com.docker.compose.project'] === v2project && e.action === 'start'));
  });
});

function dockerCliCompose(cwd: string, args: string[]) {
  const r = spawnSync('docker-compose', args, { cwd, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
