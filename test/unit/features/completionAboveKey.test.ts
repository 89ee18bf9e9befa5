import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

test('a key typed on a new line above an existing key completes, with a one-line range', (t) => {
  const items = fixture(t).completion('services:\n  web:\n    image: nginx\n    heal$0\n    ports:\n      - "80:80"\n');
  const item = items.find((i) => i.label === 'healthcheck');
  assert.ok(item, `healthcheck offered; got ${items.map((i) => i.label).slice(0, 10).join(', ')}`);
  const edit = item.textEdit as { range: { start: { line: number }; end: { line: number } } } | undefined;
  assert.ok(edit, 'a text edit with a range');
  assert.equal(edit.range.start.line, 3);
  assert.equal(edit.range.end.line, 3);
});
