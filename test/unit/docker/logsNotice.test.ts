// What a followed-logs terminal says of itself: the views' Logs terminal and
// Compose's `logs --follow` (the CodeLens) in the same words, and the quiet
// notice only when nothing came in time.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { composeLogsNotice, followingLine, noOutputYetLine, watchForQuiet } from '../../../client/src/docker/logsNotice';

test('the CodeLens Logs terminal of one service says it is following and that nothing came yet, as the views\' terminal does', () => {
  const { intro, quiet } = composeLogsNotice(['web'], 200);
  assert.equal(intro, 'Following the logs of web (the last 200 lines, then new ones as they come). Close this terminal to stop.');
  assert.equal(quiet, 'No output yet: web has not written anything. New lines appear here as they are written.');
  // The views' terminal: the same sentences around its own subject.
  assert.equal(intro.replace('web', 'shop-web-1').replace('200', '500'), followingLine('shop-web-1', 500));
  assert.equal(quiet.replace('web', 'the container'), noOutputYetLine('the container'));
});

test('several services, or all of them, are named as such', () => {
  assert.match(composeLogsNotice(['web', 'db', 'cache']).intro, /^Following the logs of web, db and cache\. Close/);
  assert.match(composeLogsNotice(['web', 'db']).quiet, /^No output yet: web and db have not written anything/);
  assert.match(composeLogsNotice([], 200).intro, /^Following the logs of every service \(the last 200 lines/);
  assert.match(composeLogsNotice([]).quiet, /the services have not written/);
});

test('the quiet notice comes once after the wait, and never once a line came or the stream ended', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let said = 0;
  const silent = watchForQuiet(() => said++, 1500);
  t.mock.timers.tick(1499);
  assert.equal(said, 0);
  t.mock.timers.tick(1);
  assert.equal(said, 1);
  silent.seen();
  t.mock.timers.tick(5000);
  assert.equal(said, 1);

  const talking = watchForQuiet(() => said++, 1500);
  talking.seen();
  t.mock.timers.tick(2000);
  const ended = watchForQuiet(() => said++, 1500);
  ended.stop();
  t.mock.timers.tick(2000);
  assert.equal(said, 1);
});
