// Compose Watch's check before Compose runs (client/src/compose/watch.ts): the versions are Compose's own
// (`watch` a command of its own from 2.22; a service with no build watched from 2.32, docker/compose#12343),
// and what 2.26.1 does without a build is held to the real Compose in test/e2e/compose-run.test.ts.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ProjectServiceInfo } from '../../common/src/protocol';
import { versionAtLeast } from '../../client/src/compose/cli';
import { watchPlan } from '../../client/src/compose/watch';

const service = (name: string, extra: Partial<ProjectServiceInfo> = {}): ProjectServiceInfo => ({ name, profiles: [], ports: [], volumes: [], networks: [], ...extra });

describe('Compose Watch before it runs', () => {
  it('reads versions as Compose prints them', () => {
    assert.ok(versionAtLeast('2.22.0', [2, 22]));
    assert.ok(versionAtLeast('v2.27.0-desktop.1', [2, 22]));
    assert.ok(versionAtLeast('2.26.1-4', [2, 22]));
    assert.ok(!versionAtLeast('2.21.9', [2, 22]));
    assert.ok(!versionAtLeast('1.29.2', [2, 22]));
    assert.ok(versionAtLeast('3.0.0', [2, 32]));
    assert.ok(!versionAtLeast('2.26.1', [2, 32]));
    assert.ok(versionAtLeast('unknown', [2, 32]), 'an unreadable version is left to Compose');
    // --ansi came with 1.28 (the terminal's colours).
    assert.ok(!versionAtLeast('1.27.4', [1, 28]));
    assert.ok(versionAtLeast('1.29.2', [1, 28]));
  });

  it('refuses a Compose without the command, naming the version found', () => {
    const plan = watchPlan('2.20.3', 'shop', [service('web', { watches: true, builds: true })]);
    assert.equal(plan.ok, false);
    assert.match(!plan.ok ? plan.message : '', /needs Compose 2\.22 or later; the Compose found here is 2\.20\.3/);
    assert.equal(watchPlan('1.29.2', 'shop', undefined).ok, false);
  });

  it('says when nothing has watch rules, for the project or the service a lens names', () => {
    const services = [service('web', { watches: true, builds: true }), service('db')];
    const none = watchPlan('2.26.1', 'shop', [service('db')]);
    assert.match(!none.ok ? none.message : '', /No service of project "shop" has develop\.watch rules/);
    const named = watchPlan('2.26.1', 'shop', services, ['db']);
    assert.match(!named.ok ? named.message : '', /^Service "db" has develop\.watch rules, so Compose Watch has nothing to watch/);
    assert.deepEqual(watchPlan('2.26.1', 'shop', services), { ok: true, services: [] }, 'every service with rules: none named');
    assert.deepEqual(watchPlan('2.26.1', 'shop', services, ['web']), { ok: true, services: ['web'] });
  });

  it('before 2.32, says that services with rules but no build are not watched; from 2.32 runs them', () => {
    const pulled = [service('web', { watches: true, builds: false }), service('api', { watches: true, builds: false })];
    const old = watchPlan('2.26.1', 'shop', pulled);
    assert.match(!old.ok ? old.message : '', /Compose 2\.26\.1 watches only the services it builds, and "web", "api" have no build section/);
    assert.deepEqual(watchPlan('2.32.0', 'shop', pulled), { ok: true, services: [] });
    assert.deepEqual(watchPlan('2.26.1', 'shop', [...pulled, service('worker', { watches: true, builds: true })]), { ok: true, services: [] }, 'one it builds: Compose watches that one');
  });

  it('leaves the judgement to Compose when the server could not list the services', () => {
    assert.deepEqual(watchPlan('2.26.1', 'shop', undefined, ['web']), { ok: true, services: ['web'] });
  });
});
