// scripts/docker-engine.mjs: idempotent when an engine answers, and a clear
// failure with instructions when DOCKER_HOST points at nothing (it must not
// start a local engine behind the user's back then).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dockerCli, repoRoot, TEST_IMAGE } from './helpers/engine';

const script = join(repoRoot, 'scripts', 'docker-engine.mjs');

describe('engine provisioning', { timeout: 600_000 }, () => {
  it('finds (or starts) the engine, with the test image, and says where it is', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 600_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.trim(), /^(unix|tcp|ssh):\/\//);
    assert.equal(dockerCli(['image', 'inspect', TEST_IMAGE]).code, 0);
    const again = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /starting|importing|apt-get/, 'a second run changes nothing');
  });

  it('fails with instructions when DOCKER_HOST points at no engine', () => {
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/dockhand.sock' },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /No Docker engine answers at unix:\/\/\/nonexistent\/dockhand\.sock/);
    assert.match(r.stderr, /apt-get install docker\.io docker-compose busybox-static/);
  });
});
