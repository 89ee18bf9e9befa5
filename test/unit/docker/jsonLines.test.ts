import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { engineFailure } from '../../../client/src/docker/engine';
import { readJsonLines } from '../../../client/src/docker/jsonLines';

test('the engine’s JSON lines: values split across chunks arrive whole; broken lines and values the caller rejects are skipped', async () => {
  const stream = new PassThrough();
  const seen: unknown[] = [];
  readJsonLines(stream, (value) => {
    if ((value as { reject?: boolean }).reject) throw new Error('not for me');
    seen.push(value);
  });
  stream.write('{"Action":"sta');
  stream.write('rt"}\n\n{not json}\n{"reject":true}\n');
  stream.write(Buffer.from('{"Action":"die"}\n{"Action":"cut'));
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve).resume());
  assert.deepEqual(seen, [{ Action: 'start' }, { Action: 'die' }]);
});

test('one classifier sorts engine errors: permission, no engine there, or the engine’s answer', () => {
  const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
  assert.deepEqual(engineFailure(socketError('EACCES')), { kind: 'permission' });
  assert.deepEqual(engineFailure(socketError('EPERM')), { kind: 'permission' });
  for (const code of ['ENOENT', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', 'EAI_AGAIN']) {
    assert.deepEqual(engineFailure(socketError(code)), { kind: 'unreachable', code });
  }
  assert.deepEqual(engineFailure(Object.assign(new Error('(HTTP code 409) conflict'), { statusCode: 409 })), { kind: 'api' });
  assert.deepEqual(engineFailure('weird'), { kind: 'api' });
});
