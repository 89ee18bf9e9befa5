// Hover on YAML anchors and aliases (features/hover/anchors.ts): what an alias
// stands for, which keys a merge takes, how many aliases use an anchor.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after);

const lines = (...l: string[]) => l.join('\n') + '\n';
const SHARED = lines(
  'x-common: &common',
  '  logging:',
  '    driver: json-file',
  '  restart: always',
  'services:',
  '  web:',
  '    <<: *com$1mon',
  '    restart: "no"',
  '    image: nginx',
  '  db:',
  '    <<: *common',
  '    image: postgres',
);

test('an alias merged into a service: the anchored value as written, the keys the service takes and the ones it sets itself', () => {
  const hover = f.hover(SHARED.replace('$1', '$0'))!;
  const text = (hover.contents as { value: string }).value;
  assert.match(text, /\*\*Alias\*\* `\*common`: the value of the anchor `&common` on line 1\./);
  assert.match(text, /```yaml\nlogging:\n  driver: json-file\nrestart: always\n```/);
  assert.match(text, /takes `logging` from it; its own `restart` wins over the anchor's/);
  // The range is the alias with its `*`.
  assert.deepEqual(hover.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 15 } });
});

test('an anchor: how many aliases use it, and where', () => {
  const text = f.hoverText(SHARED.replace('$1', '').replace('&common', '&com$0mon'));
  assert.match(text, /\*\*Anchor\*\* `&common`: used by 2 aliases, on lines 7, 11\./);
  assert.match(f.hoverText(lines('services:', '  web:', '    environment: &e$0nv', '      A: "1"')), /no alias uses it yet/);
});

test('an alias with no anchor before it says Compose refuses the file', () => {
  assert.match(f.hoverText(lines('services:', '  web:', '    environment: *ea$0rly', '  db:', '    environment: &early', '      A: "1"')), /no anchor `&early` comes before it, so Compose refuses the file/);
});

test('a long anchored value is cut after a dozen lines; an alias that is not merged gets no merge note', () => {
  const env = Array.from({ length: 30 }, (_, i) => `    VAR_${i}: "${i}"`);
  const text = f.hoverText(lines('x-env: &env', ...env, 'services:', '  web:', '    image: nginx', '    environment: *e$0nv'));
  assert.match(text, /VAR_0: "0"\nVAR_1: "1"/);
  assert.match(text, /VAR_11: "11"\n# …\n```/);
  assert.doesNotMatch(text, /VAR_12/);
  assert.doesNotMatch(text, /Merged here/);
});
