// Files nested deeper than Dockhand reads (READABLE_DEPTH, far below where
// the parser runs out of stack): Compose reads up to 10,000 nested values
// (docker/compose-verdicts.test.ts holds that boundary against Compose
// itself), so below that the file is unchecked (a warning), above it refused
// (an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { COMPOSE_MAX_DEPTH } from '../../../server/src/diagnostics/nesting';
import { nestingDepth, READABLE_DEPTH, tooDeepToRead } from '../../../server/src/model/nestingDepth';
import { fixture } from '../../support/fixture';

test('nestingDepth counts nested values as Compose does: the root mapping is one, a scalar opens nothing', () => {
  assert.equal(nestingDepth('services:\n  web:\n    image: nginx\n'), 3);
  assert.equal(nestingDepth('services:\n  web:\n    ports:\n      - "80"\n'), 4, 'an indented sequence of scalars');
  assert.equal(nestingDepth('services:\n  web:\n    ports:\n    - "80"\n    image: a\n'), 4, 'a sequence at its key\'s column is one level deeper');
  assert.equal(nestingDepth('x:\n- - - a\n'), 4, 'compact nested sequences: one level each');
  assert.equal(nestingDepth('x:\n  - - a: 1\n'), 4, 'an entry that is a mapping opens it');
  assert.equal(nestingDepth('x: [[1, {a: [2]}]]\n'), 5, 'flow collections add to the block level they are in');
  assert.equal(nestingDepth('x: ["[[[", \'{{\', "\\"["]\n'), 2, 'brackets in quotes are text');
  assert.equal(nestingDepth('x: 1 # [[[[\n# {{{{\n'), 1, 'brackets in comments are text');
  assert.equal(nestingDepth('a:\n  b:\n    c: 1\nd: 2\n'), 3, 'a shallower line closes the levels above it');
  assert.equal(nestingDepth(`services:\n  web:\n    labels:\n${'      rule: PathRegexp(`^/[a-z`)\n'.repeat(400)}    command: echo it's [ok\n`), 4, 'a bracket or a quote inside a plain value opens nothing');
  assert.equal(nestingDepth('x: {"a":[1, {b: [2]}]}\n'), 5, 'a bracket right after a quoted key\'s colon, in flow');
});

test('tooDeepToRead: a text at READABLE_DEPTH is read, one level more is not; an item counts its section', () => {
  const flow = (n: number) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  assert.equal(tooDeepToRead(flow(READABLE_DEPTH - 1)), false);
  assert.equal(tooDeepToRead(flow(READABLE_DEPTH)), true);
  assert.equal(tooDeepToRead(flow(READABLE_DEPTH - 1), 1), true, 'an item is one level below its section');
  const block = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
  assert.equal(tooDeepToRead(block(READABLE_DEPTH)), false);
  assert.equal(tooDeepToRead(block(READABLE_DEPTH + 1)), true);
  assert.equal(tooDeepToRead(`x:\n${'- '.repeat(READABLE_DEPTH)}a\n`), true, 'compact sequences, with no indentation');
  assert.equal(tooDeepToRead('services:\n  web:\n    command: ["[[[[", "{{{{"]\n'), false);
});

test('a file at the depth Dockhand reads is checked as any other', (t) => {
  const text = `services:\n  web:\n    image: nginx\nx-deep: ${'['.repeat(READABLE_DEPTH - 1)}${']'.repeat(READABLE_DEPTH - 1)}\n`;
  assert.deepEqual(fixture(t, text).diagnostics(), []);
  // With a mistake in it, that mistake is found.
  const wrong = text.replace('image: nginx', 'image: nginx\n    restart: sometimes');
  assert.deepEqual(fixture(t, wrong).diagnostics().map((d) => d.code), ['invalid-format']);
});

test('a file nested past what Dockhand reads, within what Compose reads: one warning that it was not checked, no error', (t) => {
  const text = `services:\n  web:\n    image: nginx\nx-deep: ${'['.repeat(2_000)}${']'.repeat(2_000)}\n`;
  const list = fixture(t, text).diagnostics();
  assert.deepEqual(list.map((d) => [d.code, d.severity]), [['nesting-too-deep', DiagnosticSeverity.Warning]]);
  assert.match(String(list[0]!.message), /2,001 values deep, more than the 300 Dockhand reads, so it was not checked/);
});

test('a file nested deeper than Compose reads is its error, in its words', (t) => {
  const depth = COMPOSE_MAX_DEPTH; // with the root mapping, one value more than Compose reads
  const text = `services:\n  web:\n    image: nginx\nx-deep:\n${'- '.repeat(depth)}a\n`;
  const list = fixture(t, text).diagnostics();
  assert.deepEqual(list.map((d) => [d.code, d.severity]), [['yaml-syntax', DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /10,001 values deep; Compose reads at most 10,000 and refuses it \("exceeded max depth of 10000"\)/);
  // One level less is what Compose still reads.
  const within = fixture(t, `services:\n  web:\n    image: nginx\nx-deep:\n${'- '.repeat(depth - 1)}a\n`).diagnostics();
  assert.deepEqual(within.map((d) => [d.code, d.severity]), [['nesting-too-deep', DiagnosticSeverity.Warning]]);
});
