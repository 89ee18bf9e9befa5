import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../../server/src/model/document';
import { locate } from '../../../server/src/model/locate';

/** The document with the `$0` cursor removed, and the cursor's offset where it stood. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('$0');
  if (offset < 0) throw new Error('the text has no $0 cursor');
  const text = textWithCursor.replace('$0', '');
  const doc = parseCompose('file:///p/compose.yaml', text);
  return locate(doc, offset);
}

test('a key being typed in a service', () => {
  const ctx = at('services:\n  web:\n    image: nginx\n    res$0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'res']);
  assert.equal(ctx.onKey, true);
  assert.equal(ctx.prefix, 'res');
});

test('a blank line inside a service is a new key of that service', () => {
  const ctx = at('services:\n  web:\n    image: nginx\n    $0\n  db:\n    image: postgres\n');
  assert.deepEqual(ctx.path, ['services', 'web', '']);
  assert.equal(ctx.onKey, true);
  assert.equal(ctx.map?.items.length, 1);
});

test('a blank line deeper than a key with no value is a key of that key', () => {
  const ctx = at('services:\n  web:\n    build:\n      $0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'build', '']);
  assert.equal(ctx.onKey, true);
});

test('a blank line at column 2 under services is a new service name', () => {
  const ctx = at('services:\n  web:\n    image: nginx\n  $0\n');
  assert.deepEqual(ctx.path, ['services', '']);
});

test('the value of a key, mid-word', () => {
  const ctx = at('services:\n  web:\n    restart: unl$0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'restart']);
  assert.equal(ctx.onKey, false);
  assert.equal(ctx.prefix, 'unl');
});

test('an empty value after the colon', () => {
  const ctx = at('services:\n  web:\n    restart: $0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'restart']);
  assert.equal(ctx.onKey, false);
  assert.equal(ctx.prefix, '');
});

test('a list item', () => {
  const ctx = at('services:\n  web:\n    ports:\n      - "80:8$00"\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'ports', 0]);
  assert.equal(ctx.onKey, false);
});

test('a new list item after a dash', () => {
  const ctx = at('services:\n  web:\n    depends_on:\n      - db\n      - $0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'depends_on', 1]);
  assert.equal(ctx.onKey, false);
});

test('a key inside a long-syntax list item', () => {
  const ctx = at('services:\n  web:\n    ports:\n      - target: 80\n        $0\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'ports', 0, '']);
  assert.equal(ctx.onKey, true);
});

test('a flow sequence item', () => {
  const ctx = at('services:\n  web:\n    depends_on: [db, ca$0]\n');
  assert.deepEqual(ctx.path, ['services', 'web', 'depends_on', 1]);
});

test('top-level key in an empty document', () => {
  const ctx = at('$0');
  assert.deepEqual(ctx.path, ['']);
  assert.equal(ctx.onKey, true);
});

test('a broken document still answers', () => {
  const ctx = at('services:\n  web:\n    image: "unterminated\n    ports:\n      - $0\n');
  assert.ok(Array.isArray(ctx.path));
});

test('a word typed on a new line above a key replaces only that line', () => {
  const source = 'services:\n  web:\n    heal$0\n    ports:\n      - "80:80"\n';
  const ctx = at(source);
  const text = source.replace('$0', '');
  assert.equal(ctx.onKey, true);
  assert.equal(ctx.prefix, 'heal');
  assert.equal(text.slice(ctx.replace[0], ctx.replace[1]), 'heal');
  assert.deepEqual(ctx.path.slice(0, 2), ['services', 'web']);
});

test('thousands of lines the parser placed nothing of, one column each: found without running out of stack', () => {
  // Each line is located from the line above it: this used to be one stack frame per line (a fuzzed file of 2,676
  // lines failed hover, completion and definition with "Maximum call stack size exceeded").
  const text = '- a\n' + '\tb:\n'.repeat(3000);
  const ctx = at(`${text.slice(0, -1)}$0\n`);
  assert.equal(ctx.onKey, true);
  // Near the top, the fallback still reads the lines above as before.
  assert.deepEqual(at('services:\n  web:\n    image: nginx\n\n    $0\n').path, ['services', 'web', '']);
});
