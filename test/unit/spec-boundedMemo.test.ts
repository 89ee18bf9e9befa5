// The bounded memo the format checks, the short volume syntax, single ports
// and image references share (server/src/spec/boundedMemo.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedMemo } from '../../server/src/spec/boundedMemo';

test('a key asked again is answered from the memo, an undefined answer too, and each key made once', () => {
  const made: string[] = [];
  const lengthOrNone = boundedMemo(10, (text: string) => {
    made.push(text);
    return text === '' ? undefined : { length: text.length };
  });
  const first = lengthOrNone('30s');
  assert.deepEqual(first, { length: 3 });
  assert.equal(lengthOrNone('30s'), first, 'the same object again');
  assert.equal(lengthOrNone(''), undefined);
  assert.equal(lengthOrNone(''), undefined);
  assert.deepEqual(made, ['30s', ''], 'an undefined answer is remembered, not made again');
});

test('full, it starts over: memory stays bounded over a file of distinct values, and every answer stays right', () => {
  let calls = 0;
  const square = boundedMemo(4, (n: number) => {
    calls++;
    return n * n;
  });
  for (let n = 0; n < 100; n++) assert.equal(square(n), n * n);
  assert.equal(calls, 100);
  // The last keys asked since it started over are kept; the first ones were dropped and are made again.
  assert.equal(square(99), 9801);
  assert.equal(calls, 100);
  assert.equal(square(0), 0);
  assert.equal(calls, 101);
});
