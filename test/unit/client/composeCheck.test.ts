// The check on save asks Compose at a pace that keeps it to a tenth of the time (client/src/composeCheckPacing.ts),
// in a child at a lower priority (client/src/compose/runner.ts `background`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPriority } from 'node:os';
import { ComposeCheckPacing, REST_FACTOR } from '../../../client/src/composeCheckPacing';
import { BACKGROUND_NICENESS, runProcess } from '../../../client/src/compose/runner';

test('after a check the next one rests in proportion to its length: a short one barely waits, a 7 s one for a minute', () => {
  let clock = 1_000;
  const pacing = new ComposeCheckPacing(() => clock);
  assert.equal(pacing.waitMs(), 0, 'the first check starts at once');
  const started = clock;
  clock += 200;
  pacing.ran(started);
  assert.equal(pacing.waitMs(), 200 * REST_FACTOR);
  clock += 200 * REST_FACTOR;
  assert.equal(pacing.waitMs(), 0, 'rested');
  const long = clock;
  clock += 7_600;
  pacing.ran(long);
  clock += 30_000;
  assert.equal(pacing.waitMs(), 7_600 * REST_FACTOR - 30_000);
  assert.ok(7_600 / (7_600 + pacing.waitMs() + 30_000) <= 0.1 + 1e-9, 'Compose gets at most a tenth of the time');
});

test('a background run gets a lower scheduling priority; a run the user waits on keeps the editor\'s', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  // The niceness of the shell itself (field 19 of /proc/PID/stat), read after setPriority has had its moment.
  const niceness = async (background: boolean) => {
    const result = await runProcess('sh', ['-c', 'sleep 0.3; cut -d" " -f19 /proc/$$/stat'], { background, timeoutMs: 10_000 });
    assert.equal(result.code, 0, result.stderr);
    return Number(result.stdout.trim());
  };
  const own = getPriority();
  assert.equal(await niceness(false), own);
  // An absolute niceness: where the tests already run below that priority, a background run is left as it is.
  assert.equal(await niceness(true), Math.max(own, BACKGROUND_NICENESS));
});
