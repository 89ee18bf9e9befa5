import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LensRefresh } from '../../../client/src/lensRefresh';

function setUp(t: TestContext, onScreen = () => true) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let signals = 0;
  const refresh = new LensRefresh({ signal: () => signals++, onScreen, waitMs: 2000, retries: 3 });
  // One wait at a time: a timer set while the clock moves is run by a later tick.
  const tick = (ms: number) => {
    for (let left = ms; left > 0; left -= 1000) t.mock.timers.tick(Math.min(1000, left));
  };
  return { refresh, signals: () => signals, tick };
}

test('a change VS Code answers by asking is signalled once', (t) => {
  const { refresh, signals, tick } = setUp(t);
  refresh.changed();
  assert.equal(signals(), 1);
  tick(300);
  refresh.asked();
  tick(10_000);
  assert.equal(signals(), 1);
});

test('a change VS Code drops (the editor lost focus) is signalled again until it asks', (t) => {
  const { refresh, signals, tick } = setUp(t);
  refresh.changed();
  tick(2000);
  assert.equal(signals(), 2, 'no request within the wait: signalled again');
  tick(500);
  refresh.asked();
  tick(10_000);
  assert.equal(signals(), 2);
});

test('signalled again a few times at most', (t) => {
  const { refresh, signals, tick } = setUp(t);
  refresh.changed();
  tick(20_000);
  assert.equal(signals(), 4, 'one signal and three more');
});

test('not signalled again while no compose file is on screen', (t) => {
  let shown = false;
  const hidden = setUp(t, () => shown);
  hidden.refresh.changed();
  hidden.tick(20_000);
  assert.equal(hidden.signals(), 1, 'nothing asks for lenses of a file not on screen');
  shown = true;
  hidden.refresh.changed();
  hidden.tick(2000);
  assert.equal(hidden.signals(), 3);
});

test('a new change restarts the count; dispose stops the retries', (t) => {
  const { refresh, signals, tick } = setUp(t);
  refresh.changed();
  tick(2000);
  tick(2000);
  refresh.changed();
  assert.equal(signals(), 4);
  tick(2000 * 3);
  assert.equal(signals(), 7, 'three more after the second change');
  refresh.changed();
  refresh.dispose();
  tick(10_000);
  assert.equal(signals(), 8);
});
