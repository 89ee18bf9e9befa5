// What the client adds to the language server's environment
// (common/src/serverEnvironment.json processEnv): added where the user's
// environment is silent, never over what the user set, and a Node started
// with it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER_PROCESS_ENV, serverProcessEnvironment } from '../../../common/src/serverEnvironment';

test('the server environment adds each name the user does not set, and keeps the rest of the client environment', () => {
  assert.ok(Object.keys(SERVER_PROCESS_ENV).length > 0);
  const env = serverProcessEnvironment({ PATH: '/usr/bin', HOME: '/home/u' });
  for (const [name, value] of Object.entries(SERVER_PROCESS_ENV)) assert.equal(env[name], value, name);
  assert.equal(env.PATH, '/usr/bin');
  assert.equal(env.HOME, '/home/u');
});

test("a value the user's environment sets wins over the server environment's", () => {
  const own = Object.fromEntries(Object.keys(SERVER_PROCESS_ENV).map((name) => [name, 'users-own']));
  const env = serverProcessEnvironment(own);
  for (const name of Object.keys(SERVER_PROCESS_ENV)) assert.equal(env[name], 'users-own', name);
});

test('a Node process started with the server environment runs', () => {
  for (const name of Object.keys(SERVER_PROCESS_ENV)) assert.match(name, /^[A-Z_][A-Z0-9_]*$/, `${name} is an environment variable name`);
  const run = spawnSync(process.execPath, ['-e', 'console.log(JSON.stringify(process.env))'], { encoding: 'utf8', env: serverProcessEnvironment({ PATH: process.env.PATH }) });
  assert.equal(run.status, 0, run.stderr);
  const seen = JSON.parse(run.stdout) as Record<string, string>;
  for (const [name, value] of Object.entries(SERVER_PROCESS_ENV)) assert.equal(seen[name], value, name);
});
