import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../../client/src/restartPolicy';

test('a crashed server is restarted at most 4 times in 3 minutes', () => {
  const policy = new RestartPolicy(4, 180_000);
  const t0 = 1_000_000;
  const decisions = [0, 10_000, 20_000, 30_000, 40_000].map((dt) => policy.crashed(t0 + dt));
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true, false]);
  assert.deepEqual(decisions.map((d) => d.attempt), [1, 2, 3, 4, 5]);
});

test('crashes older than the window no longer count', () => {
  const policy = new RestartPolicy(4, 180_000);
  for (let i = 0; i < 4; i++) assert.equal(policy.crashed(i * 1000).restart, true);
  assert.equal(policy.crashed(5_000).restart, false);
  // Three minutes after the first burst, the server gets its restarts back.
  assert.deepEqual(policy.crashed(190_000), { restart: true, attempt: 1 });
});
