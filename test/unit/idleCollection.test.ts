// The server's full collections (server/src/idleCollection.ts): the first time
// a document settles, then only once the old generation has grown by enough.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { collectionDue, collectWhenGrown } from '../../server/src/idleCollection';

const oldGenerationMb = () => getHeapSpaceStatistics().filter((s) => ['old_space', 'large_object_space', 'code_space'].includes(s.space_name)).reduce((sum, s) => sum + s.space_used_size, 0) / 1048576;

test('a collection is due the first time, then only after the old generation grew by 32 MB; it frees what nothing holds', () => {
  assert.equal(collectionDue(), true, 'none asked for yet');
  collectWhenGrown();
  assert.equal(collectionDue(), false, 'just collected');
  // Large objects go straight to their own space, as an edit's new text does: lists of 4 MB each, held while
  // the check runs and dropped when it returns.
  const grow = (): void => {
    const kept = Array.from({ length: 12 }, (_, i) => new Array<number>(512 * 1024).fill(i + 0.5));
    assert.equal(collectionDue(), true, `${kept.length * 4} MB more`);
  };
  grow();
  const before = oldGenerationMb();
  collectWhenGrown();
  assert.ok(oldGenerationMb() < before - 40, `the dropped lists were collected (${before.toFixed(0)} -> ${oldGenerationMb().toFixed(0)} MB)`);
  assert.equal(collectionDue(), false);
});
