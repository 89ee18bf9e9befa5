// The test fixture's own language: sections, the $0 cursor and caret marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFixture } from '../support/fixture';

test('a fixture source: files by section, the cursor removed, marks on the line above (after the cursor, without it)', () => {
  const parsed = parseFixture(['services:', '  web:', '    depends_on: [d$0b,   db]', '#                ^^ use  ^^ use', '#- other/compose.yaml', 'x: 1', '#  ^ value'].join('\n'));
  assert.deepEqual(Object.keys(parsed.files), ['compose.yaml', 'other/compose.yaml']);
  assert.equal(parsed.files['compose.yaml'], ['services:', '  web:', '    depends_on: [db,   db]', '#                ^^ use  ^^ use'].join('\n'));
  assert.equal(parsed.files['other/compose.yaml'], 'x: 1\n#  ^ value');
  assert.deepEqual(parsed.cursor, { file: 'compose.yaml', offset: 'services:\n  web:\n    depends_on: [d'.length });
  const text = (m: (typeof parsed.marks)[number]) => parsed.files[m.file]!.split('\n')[m.range.start.line]!.slice(m.range.start.character, m.range.end.character);
  assert.deepEqual(parsed.marks.map((m) => [m.file, m.label, text(m)]), [
    ['compose.yaml', 'use', 'db'],
    ['compose.yaml', 'use', 'db'],
    ['other/compose.yaml', 'value', '1'],
  ]);
  assert.throws(() => parseFixture('a: $0\nb: $0\n'), /one cursor/);
});

test('more places than the cursor: $1..$9, each removed, marks under them shifted like under $0', () => {
  const parsed = parseFixture(['a: [$1x, $2y, z]', '#             ^ z', '#- b.yaml', 'b: $0$3w'].join('\n'));
  assert.equal(parsed.files['compose.yaml'], 'a: [x, y, z]\n#             ^ z');
  assert.equal(parsed.files['b.yaml'], 'b: w');
  assert.deepEqual(parsed.stops, { 0: { file: 'b.yaml', offset: 3 }, 1: { file: 'compose.yaml', offset: 4 }, 2: { file: 'compose.yaml', offset: 7 }, 3: { file: 'b.yaml', offset: 3 } });
  assert.deepEqual(parsed.cursor, parsed.stops[0]);
  assert.deepEqual(parsed.marks.map((m) => [m.label, m.range.start.character]), [['z', 10]]);
  assert.throws(() => parseFixture('a: $1\nb: $1\n'), /one \$1/);
});
