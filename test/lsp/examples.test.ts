// examples/ shows Dockhand off, so it must say what it claims: the good
// projects check clean and the one with mistakes reports exactly its four.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const repoRoot = resolve(import.meta.dirname, '..', '..');

function check(relativePath: string): { code: string; line: number; severity: string }[] {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', join(repoRoot, relativePath), '--format', 'json'], {
    encoding: 'utf8',
  });
  assert.ok(result.stdout, `dockhand check printed nothing (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout).diagnostics;
}

describe('examples/', () => {
  for (const project of ['myapp', 'volumes', 'multi-file', 'multi-file/cache']) {
    it(`${project} checks clean`, () => {
      assert.deepEqual(check(`examples/${project}/compose.yaml`), []);
    });
  }

  it('web-swarm has no error, and the one warning its comment names: its five replicas share host port 4000 in a swarm, not under docker compose up', () => {
    const found = check('examples/web-swarm/compose.yaml').map((d) => `${d.line} ${d.code} ${d.severity}`);
    assert.deepEqual(found, ['18 host-port-replicas warning']);
  });

  it('multi-file/compose.override.yaml checks clean', () => {
    assert.deepEqual(check('examples/multi-file/compose.override.yaml'), []);
  });

  it('mistakes reports the four mistakes it is made of, on their lines', () => {
    const found = check('examples/mistakes/compose.yaml').map((d) => `${d.line} ${d.code}`);
    assert.deepEqual(found.sort(), ['10 undefined-network', '12 undefined-service', '13 unknown-key', '2 obsolete-version']);
  });
});
