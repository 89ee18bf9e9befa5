import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { enterRules, indentAfterEnter } from '../../../client/src/enterRules';

test('Enter after a key with nothing after its colon goes one step in: an anchor, a tag, a block scalar header or a comment leave the value to the lines below', () => {
  for (const line of ['services:', '  web:', '    ports:', '    "quoted key":', "    'it''s':", '    key with spaces:', 'x-common: &common', '    environment: !override', '    command: |', '    command: >-', '    entrypoint: |2', '    ports: # published on the host', '    a:b:']) {
    assert.equal(indentAfterEnter(line), /^ */.exec(line)![0].length + 2, line);
  }
  assert.equal(indentAfterEnter('    ports:', 4), 8, 'the step is the editor tab size');
});

test('Enter after a value, a plain list item or a comment keeps the indentation', () => {
  for (const line of ['    image: nginx', '    image: nginx:latest', '    image: "nginx:"', '      DATABASE_URL: postgres://db:5432/app', '      - "8080:80"', '      - 8080:80', '      - ./data:/data:ro', '      - FOO=bar', '      - db', '    <<: *common', '    # ports:', '    test: ["CMD", "true"]', '    labels: {a: b}', '      - http://example.com:8080', '    ports: []', '']) {
    assert.equal(indentAfterEnter(line), /^ */.exec(line)![0].length, JSON.stringify(line));
  }
});

test('Enter after a list item that starts a mapping goes under its key, and one step in from the key when the item key has no value yet', () => {
  assert.equal(indentAfterEnter('      - target: 80'), 8);
  assert.equal(indentAfterEnter('      -   target: 80'), 10);
  assert.equal(indentAfterEnter('      - "quoted": 1'), 8);
  assert.equal(indentAfterEnter('      - build:'), 10);
  assert.equal(indentAfterEnter('      - build: # soon'), 10);
  assert.equal(indentAfterEnter('  - ipv4_address:', 4), 8);
});

test('what Enter announces is what YAML reads: the next line typed at that indentation lands where the rule says', () => {
  // A line under a key with no value is that key's value; a line under an item's first key is that item's second key.
  const nested = parseDocument(`services:\n${' '.repeat(indentAfterEnter('services:'))}web: {}\n`).toJS();
  assert.deepEqual(nested, { services: { web: {} } });
  const item = '    ports:\n      - target: 80';
  const next = `${item}\n${' '.repeat(indentAfterEnter(item.split('\n')[1]!))}published: 8080\n`;
  assert.deepEqual(parseDocument(`x:\n${next}`).toJS(), { x: { ports: [{ target: 80, published: 8080 }] } });
});

test('the rules apply only at the end of a line', () => {
  for (const rule of enterRules()) {
    assert.equal(rule.afterText.test(''), true);
    assert.equal(rule.afterText.test('   '), true);
    assert.equal(rule.afterText.test(' nginx'), false);
  }
});
