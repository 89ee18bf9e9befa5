// The changes on disk no watcher reported (Workspace.changedOnDisk, model/diskLook.ts): the paths a
// run asked about are looked at again, and the ones whose state changed are given back once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskLook, MAX_LOOKED_AT } from '../../../server/src/model/diskLook';
import { fixture } from '../../support/fixture';

test('a Dockerfile given a stage and a build folder made on disk are found without a watcher', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    build:
      context: ./web
      target: prod
  api:
    build: ./api

#- web/Dockerfile
FROM busybox
`);
  const codes = () => fx.diagnostics().map((d) => d.code).sort();
  assert.deepEqual(codes(), ['missing-build-context', 'unknown-build-target']);
  assert.deepEqual(fx.workspace.changedOnDisk(), [], 'the first look only notes what is there');
  assert.deepEqual(fx.workspace.changedOnDisk(), [], 'nothing changed');

  writeFileSync(fx.path('web/Dockerfile'), 'FROM busybox AS prod\n');
  utimesSync(fx.path('web/Dockerfile'), new Date(), new Date(Date.now() + 5000)); // a time the file did not have
  mkdirSync(fx.path('api'));
  assert.deepEqual(fx.workspace.changedOnDisk().sort(), [fx.path('api'), fx.path('web/Dockerfile')].sort());
  assert.deepEqual(fx.workspace.changedOnDisk(), [], 'each change is given back once');
  // What the server then does with them, as with a watcher's event.
  assert.equal(fx.workspace.filesChanged([fx.path('api'), fx.path('web/Dockerfile')]), true);
  assert.deepEqual(codes(), ['missing-dockerfile'], 'the target is found; the new folder has no Dockerfile yet');
});

test('a project being rebuilt (no path asked yet) keeps what was seen; past the limit nothing is looked at', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-disklook-'));
  try {
    const look = new DiskLook();
    const file = join(dir, 'a.env');
    writeFileSync(file, 'A=1\n');
    assert.deepEqual(look.changed(new Set([file])), []);
    assert.deepEqual(look.changed(new Set()), []);
    rmSync(file);
    assert.deepEqual(look.changed(new Set([file])), [file], 'removed while no path was asked: still found');
    writeFileSync(file, 'A=2\n');
    look.reported([file]);
    assert.deepEqual(look.changed(new Set([file])), [], 'a change a watcher reported is not reported again');

    const many = new Set(Array.from({ length: MAX_LOOKED_AT + 1 }, (_, i) => join(dir, `f${i}`)));
    assert.deepEqual(look.changed(many), []);
    writeFileSync(join(dir, 'f0'), 'x');
    assert.deepEqual(look.changed(many), [], 'a large project is left to the watcher');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
