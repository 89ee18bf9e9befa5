// What Compose v2 really does, as Dockhand relies on it: container names
// `PROJECT-SERVICE-1`, `--ansi`/`--progress` output as a terminal shows it,
// `config --format json`, `ps --format json`, `up --wait` on a healthcheck,
// profiles, `--env-file`, and `watch`. Runs `docker compose` (v2, provisioned
// by scripts/compose-v2.mjs when the CLI has no plugin) against a real engine.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { fallbackProject, prepareCompose, runCompose, type Prepared } from '../../client/src/compose/session';
import { dockerCli, engine, ensureEngine, projectContainers, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

/** The escape character that starts every ANSI colour sequence. */
const ESC = String.fromCharCode(27);

const COMPOSE = `services:
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo web says hello; exec httpd -f -p 80 -h /var/www"]
    stop_grace_period: 1s
    environment:
      GREETING: \${GREETING:-default}
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:80/"]
      interval: 1s
      timeout: 2s
      retries: 10
  tools:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    profiles: ["tools"]
`;

describe('Compose v2 behaviour Dockhand relies on', { timeout: 300_000 }, () => {
  let tmp: TempProject;
  let prepared: Prepared;
  const name = uniqueName('dh-v2');
  /** `docker compose` with this project's options, in its folder. */
  const compose = (args: string[], timeoutMs = 120_000) => dockerCli(['compose', '--project-name', name, ...args], { cwd: tmp.dir, timeoutMs });

  before(async () => {
    await ensureEngine();
    tmp = tempProject({ 'compose.yaml': COMPOSE, 'custom.env': 'GREETING=from-env-file\n', 'index.html': 'hello\n' });
    const p = await prepareCompose({ composeCommand: 'docker compose' });
    assert.ok(p.ok, p.ok ? '' : p.fault.message);
    prepared = p.value;
  });

  after(async () => {
    await removeProject(name);
    tmp?.cleanup();
  });

  it('is Compose v2', () => {
    assert.equal(prepared.compose.major, 2, `docker compose answers version ${prepared.compose.version}`);
    console.log(`docker tier: Compose ${prepared.compose.version} as \`docker compose\``);
  });

  it('config --format json: the merged project as JSON, with --env-file values and only active profiles', () => {
    const plain = compose(['config', '--format', 'json']);
    assert.equal(plain.code, 0, plain.stderr);
    const config = JSON.parse(plain.stdout) as { name: string; services: Record<string, { environment?: Record<string, string> }> };
    assert.equal(config.name, name);
    assert.deepEqual(Object.keys(config.services), ['web']);
    assert.equal(config.services.web!.environment?.GREETING, 'default');
    const withEnvFile = JSON.parse(compose(['--env-file', 'custom.env', '--profile', 'tools', 'config', '--format', 'json']).stdout) as typeof config;
    assert.equal(withEnvFile.services.web!.environment?.GREETING, 'from-env-file');
    assert.deepEqual(Object.keys(withEnvFile.services).sort(), ['tools', 'web']);
  });

  it('up --wait returns once the healthcheck passes; the container is named PROJECT-SERVICE-1', async () => {
    const up = compose(['--ansi', 'never', '--progress', 'plain', 'up', '--detach', '--wait']);
    assert.equal(up.code, 0, up.stderr);
    // Plain progress without colours: one line per step, as a log shows it, naming the v2 container.
    const output = up.stdout + up.stderr;
    assert.ok(!output.includes(ESC), 'no ANSI escapes with --ansi never');
    assert.match(output, new RegExp(`Container ${name}-web-1\\s+(Started|Healthy)`));
    const [web] = await projectContainers(name);
    assert.deepEqual(web!.Names, [`/${name}-web-1`]);
    const health = (await engine().getContainer(web!.Id).inspect()).State.Health?.Status;
    assert.equal(health, 'healthy', 'up --wait waited for the healthcheck');
  });

  it('ps --format json: one JSON object per container, with service, name, state and health', () => {
    const ps = compose(['ps', '--format', 'json']);
    assert.equal(ps.code, 0, ps.stderr);
    const rows = ps.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { Service: string; Name: string; State: string; Health: string });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.Service, 'web');
    assert.equal(rows[0]!.Name, `${name}-web-1`);
    assert.equal(rows[0]!.State, 'running');
    assert.equal(rows[0]!.Health, 'healthy');
  });

  it('--ansi always, as Dockhand runs Compose in its terminal: coloured logs, plain progress lines (no TTY)', async () => {
    const project = { ...fallbackProject(tmp.file('compose.yaml')), projectName: name };
    const logs = await runCompose(prepared, project, { name: 'logs', services: ['web'] }, { ansi: 'always' });
    assert.ok(logs.ok);
    assert.equal(logs.value.result.code, 0, logs.value.result.output);
    assert.ok(logs.value.args.includes('--ansi'));
    assert.ok(logs.value.result.output.includes(`${ESC}[`), 'coloured service prefixes with --ansi always');
    assert.match(logs.value.result.output, /web says hello/);
    // Without a TTY, v2 prints one plain line per step even with --ansi always: what the terminal shows.
    const restart = await runCompose(prepared, project, { name: 'restart', services: ['web'] }, { ansi: 'always' });
    assert.ok(restart.ok);
    assert.equal(restart.value.result.code, 0, restart.value.result.output);
    assert.match(restart.value.result.output, new RegExp(`Container ${name}-web-1\\s+Started`));
  });

  it('a profile starts its service only when enabled', async () => {
    assert.equal((await projectContainers(name)).some((c) => c.Labels['com.docker.compose.service'] === 'tools'), false);
    const up = compose(['--profile', 'tools', 'up', '--detach', 'tools']);
    assert.equal(up.code, 0, up.stderr);
    const tools = (await projectContainers(name)).find((c) => c.Labels['com.docker.compose.service'] === 'tools');
    assert.equal(tools?.Names[0], `/${name}-tools-1`);
  });

  it('watch is offered, and says so when no service has a develop section', () => {
    const help = dockerCli(['compose', 'watch', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage:\s+docker compose watch/);
    const watch = compose(['watch'], 60_000);
    assert.notEqual(watch.code, 0);
    assert.match(watch.stdout + watch.stderr, /none of the selected services is configured for watch/i);
  });

  it('down removes the containers', () => {
    const down = compose(['--profile', 'tools', 'down']);
    assert.equal(down.code, 0, down.stderr);
  });
});
