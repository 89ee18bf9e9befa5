// A stack on a single-node Swarm: the manager check, deploy, replicas reaching
// the desired count, remove. The Swarm is created for this test and left
// afterwards, unless it existed before (then it is left alone).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';
import { runProcess } from '../../client/src/compose/runner';
import {
  formatReplicas,
  listStacks,
  notAManagerReason,
  stackDeployArgs,
  stackRemoveArgs,
  stackServices,
  swarmInitArgs,
  swarmState,
} from '../../client/src/compose/stack';
import { dockerCli, engine, ensureEngine, tempProject, TEST_IMAGE, uniqueName, type TempProject } from './helpers/engine';

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out after ${seconds} s waiting for ${what}`);
}

describe('stack deploy on a single-node swarm', { timeout: 300_000 }, () => {
  let tmp: TempProject;
  let initialisedHere = false;
  const stack = uniqueName('dhstack').replace(/-/g, '_');
  const started = Date.now();

  before(async () => {
    await ensureEngine();
    tmp = tempProject({
      'stack.yaml': `version: "3.8"
services:
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    stop_grace_period: 1s
    deploy:
      replicas: 2
    ports:
      - "18497:80"
  once:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`,
    });
  });

  after(async () => {
    dockerCli(stackRemoveArgs(stack));
    if (initialisedHere) {
      // Wait for the stack's tasks to go before leaving, so no orphaned containers remain.
      await until('stack containers to go', 60, async () =>
        (await engine().listContainers({ all: true, filters: { label: [`com.docker.stack.namespace=${stack}`] } })).length === 0 ? true : undefined,
      ).catch(() => undefined);
      const leave = dockerCli(['swarm', 'leave', '--force']);
      assert.equal(leave.code, 0, leave.stderr);
    }
    tmp?.cleanup();
    console.log(`stack tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('says clearly when the engine is not a Swarm manager', async () => {
    const state = await swarmState(engine());
    if (state.isManager) {
      // Another run left a Swarm: the check must then let the deploy through.
      assert.equal(notAManagerReason(state, 'here'), undefined);
      return;
    }
    assert.match(notAManagerReason(state, '/var/run/docker.sock')!, /not part of a Swarm.*docker swarm init/);
    const init = dockerCli(swarmInitArgs('127.0.0.1'));
    assert.equal(init.code, 0, init.stderr);
    initialisedHere = true;
    const now = await swarmState(engine());
    assert.equal(now.isManager, true);
    assert.equal(notAManagerReason(now, 'here'), undefined);
  });

  it('deploys the stack and its replicas reach the desired count', async () => {
    const deploy = await runProcess('docker', stackDeployArgs([tmp.file('stack.yaml')], stack, { resolveImage: 'never' }), { cwd: tmp.dir, timeoutMs: 120_000 });
    assert.equal(deploy.code, 0, deploy.output);
    assert.ok((await listStacks(engine())).includes(stack));
    const services = await until('replicas to be running', 120, async () => {
      const s = await stackServices(engine(), stack);
      return s.length === 2 && s.every((x) => x.running === x.desired) ? s : undefined;
    });
    assert.deepEqual(
      services.map((s) => [s.service, s.desired]),
      [['once', 1], ['web', 2]],
    );
    assert.equal(formatReplicas(services), 'once 1/1, web 2/2');
    // Both replicas run on one published host port (the swarm's routing mesh shares it), where
    // `docker compose up` fails all but one: which is why Dockhand only warns there.
    const findings = new LanguageService({});
    const uri = pathToUri(tmp.file('stack.yaml'));
    findings.documentChanged(TextDocument.create(uri, 'dockercompose', 1, readFileSync(tmp.file('stack.yaml'), 'utf8')));
    assert.deepEqual(findings.diagnostics(uri).filter((d) => d.code === 'host-port-replicas').map((d) => d.severity), [2]);
  });

  it('removes the stack', async () => {
    const rm = await runProcess('docker', stackRemoveArgs(stack), { timeoutMs: 60_000 });
    assert.equal(rm.code, 0, rm.output);
    await until('services to be removed', 60, async () => ((await stackServices(engine(), stack)).length === 0 ? true : undefined));
    assert.ok(!(await listStacks(engine())).includes(stack));
  });
});
