import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineSnapshot } from '../../../client/src/docker/engineSnapshot';

/** An engine whose reads the test answers one by one, in any order. */
function slowEngine() {
  const reads: { resolve: (v: string[]) => void; reject: (e: Error) => void }[] = [];
  let volumes: string[] = [];
  const snapshot = new EngineSnapshot(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const seen = [...volumes]; // what the engine had when the read was sent
        reads.push({ resolve: () => resolve(seen), reject });
      }),
  );
  return {
    snapshot,
    reads,
    create: (name: string) => (volumes = [...volumes, name]),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

test('callers share one read while the engine does not change', async () => {
  const { snapshot, reads, create } = slowEngine();
  create('a');
  const first = snapshot.current();
  const second = snapshot.current();
  assert.equal(reads.length, 1);
  reads[0].resolve([]);
  assert.deepEqual(await first, ['a']);
  assert.deepEqual(await second, ['a']);
  assert.deepEqual(await snapshot.current(), ['a']);
  assert.equal(reads.length, 1, 'the value is kept until the engine changes');
});

test('a read begun before a change and answered after it is read again', async () => {
  const { snapshot, reads, create } = slowEngine();
  const stale = snapshot.current(); // e.g. a CodeLens asked before the quick fix ran
  create('shared');
  snapshot.invalidate();
  const fresh = snapshot.current();
  assert.equal(reads.length, 2);
  reads[1].resolve([]);
  assert.deepEqual(await fresh, ['shared']);
  reads[0].resolve([]); // the slow first read lands last: its caller gets the fresh value
  assert.deepEqual(await stale, ['shared']);
  assert.equal(reads.length, 2, 'the fresh read is shared, not made a third time');
});

test('a failed read is not kept, and its error reaches the caller', async () => {
  const { snapshot, reads } = slowEngine();
  const failing = snapshot.current();
  reads[0].reject(new Error('engine down'));
  await assert.rejects(failing, /engine down/);
  const next = snapshot.current();
  assert.equal(reads.length, 2, 'read again after a failure');
  reads[1].resolve([]);
  assert.deepEqual(await next, []);
});

test('an engine that keeps changing is read a bounded number of times', async () => {
  const { snapshot, reads, create } = slowEngine();
  const answer = snapshot.current();
  for (let i = 0; i < 3; i++) {
    create(`v${i}`);
    snapshot.invalidate();
    for (let wait = 0; reads.length <= i && wait < 10; wait++) await settle();
    assert.equal(reads.length, i + 1, 'a read answered after a change is made again');
    reads[i].resolve([]);
    await settle();
  }
  assert.equal(reads.length, 3);
  assert.deepEqual(await answer, ['v0', 'v1']);
});
