// The V8 flags the client starts the language server with: a flag Node does
// not know stops the server before it answers anything ("bad option").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import serverV8 from '../../../common/src/serverV8Flags.json';

test('every V8 flag the server is started with is one Node accepts', () => {
  assert.ok(Array.isArray(serverV8.flags));
  for (const flag of serverV8.flags) assert.match(flag, /^--[a-z][a-z0-9-]*(=\S+)?$/, `${flag} is one flag, written as Node reads it`);
  const run = spawnSync(process.execPath, [...serverV8.flags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `node ${serverV8.flags.join(' ')} refused: ${run.stderr}`);
});
