// The files the server reads under names the client would not send as edited by itself
// (Workspace.newlyReadByPath): announced to the client once, after the run that first read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

test('a run that reads an env file named otherwise reports it once; env files and Dockerfiles by their names are not reported', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    build: ./app
    env_file:
      - settings.conf
      - web.env

#- settings.conf
A=1

#- web.env
B=2

#- app/Dockerfile
FROM busybox
`);
  assert.equal(fx.workspace.newlyReadByPath(), undefined, 'nothing read before a run');
  fx.diagnostics();
  assert.deepEqual(fx.workspace.newlyReadByPath(), [fx.path('settings.conf')]);
  fx.diagnostics();
  assert.equal(fx.workspace.newlyReadByPath(), undefined, 'read again: nothing new to say');
});
