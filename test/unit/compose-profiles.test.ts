// Which profiles a Compose run enables (client/src/compose/profiles.ts): down, stop and ps reach the containers of
// every profile the project's services name; up and the rest only the user's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeArgv } from '../../client/src/compose/argv';
import { projectFor } from '../../client/src/compose/profiles';

const project = { files: ['/p/compose.yaml'], workingDirectory: '/p', profiles: ['tools'] };
const v2 = { command: 'docker', baseArgs: ['compose'], version: '2.26.1', major: 2, source: 'docker compose' as const };

test('down, stop and ps run with every profile the services name, besides the user\'s own', () => {
  for (const action of [{ name: 'down' }, { name: 'stop' }, { name: 'ps', all: true }] as const) {
    assert.deepEqual(projectFor(action, project, ['debug', 'tools']).profiles, ['tools', 'debug'], action.name);
  }
  const argv = composeArgv(v2, projectFor({ name: 'down' }, project, ['debug']), { name: 'down' });
  assert.deepEqual(argv.slice(argv.indexOf('--profile')), ['--profile', 'tools', '--profile', 'debug', 'down']);
});

test('up, start, restart and logs keep the user\'s profiles only: every profile would start services kept for occasions', () => {
  for (const action of [{ name: 'up' }, { name: 'start' }, { name: 'restart' }, { name: 'logs' }] as const) {
    assert.deepEqual(projectFor(action, project, ['debug']).profiles, ['tools'], action.name);
  }
  assert.equal(projectFor({ name: 'down' }, project, []), project, 'no profile named: the project as it is');
});
