import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingRanges } from '../../../server/src/features/folding';
import { parseCompose } from '../../../server/src/model/document';
import { editWindow } from '../../../server/src/model/editWindow';
import { IncrementalParser } from '../../../server/src/model/incremental';
import { int, pick, prng } from '../../fuzz/mutations';
import { fixture } from '../../support/fixture';

test('blocks that span lines fold from their key to their last line; comment runs fold as comments', (t) => {
  const fx = fixture(t, [
    '# Shop stack',          // 0
    '# (two comment lines)',  // 1
    'services:',              // 2
    '  web:',                 // 3
    '    image: nginx',       // 4
    '    ports:',             // 5
    '      - "80:80"',        // 6
    '      - "443:443"',      // 7
    '    command: |',         // 8
    '      # not a comment',  // 9
    '      # still script',   // 10
    '      run',              // 11
    '    healthcheck:',       // 12
    '      - target: 1',      // 13
    '        published: 2',   // 14
    '  db: {image: x}',       // 15
    '',                       // 16
    'volumes:',               // 17
    '  data: {}',             // 18
    '',
  ].join('\n'));
  const ranges = foldingRanges(fx.request('compose.yaml').doc).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
  assert.deepEqual(ranges, ['0-1 comment', '2-15', '3-14', '5-7', '8-11', '12-14', '13-14', '17-18']);
});

test('a single-line document or flow collection has nothing to fold', (t) => {
  const fx = fixture(t, 'services: {web: {image: x}}\n# one comment\n');
  assert.deepEqual(foldingRanges(fx.request('compose.yaml').doc), []);
});

test('over the editor\'s limit, the innermost ranges are left out first (outer levels whole, then the next in order)', (t) => {
  const services = Array.from({ length: 30 }, (_, i) => [`  s${i}:`, '    image: x', '    ports:', '      - "1:1"', '      - "2:2"'].join('\n'));
  const fx = fixture(t, ['services:', ...services, ''].join('\n'));
  const doc = fx.request('compose.yaml').doc;
  const all = foldingRanges(doc);
  assert.equal(all.length, 61, 'the section, 30 services and their 30 ports lists');
  assert.deepEqual(foldingRanges(doc, 100), all, 'under the limit: everything');
  const limited = foldingRanges(doc, 40);
  assert.equal(limited.length, 40);
  const services30 = limited.filter((r) => r.endLine - r.startLine === 4);
  assert.equal(services30.length, 30, 'every service folds');
  assert.ok(limited.some((r) => r.startLine === 0), 'the section folds');
  const ports = limited.filter((r) => r.endLine - r.startLine === 2);
  assert.deepEqual(ports.map((r) => r.startLine), all.filter((r) => r.endLine - r.startLine === 2).slice(0, 9).map((r) => r.startLine), 'the first ports lists in document order fill the rest');
  assert.deepEqual(foldingRanges(doc, 20).map((r) => r.startLine), [0, ...all.filter((r) => r.endLine - r.startLine === 4).slice(0, 19).map((r) => r.startLine)]);
});

// An item's folds are kept with its pair across versions of a document spliced from blocks (folding.ts):
// after every edit they must be what a walk of a whole parse of the same text gives.
const URI = 'file:///nonexistent-dockhand-unit/fold/compose.yaml';
const ITEM_KINDS = [
  (i: number) => [`  s${i}:`, '    image: x', '    ports:', '      - "1:1"', '      - "2:2"'],
  (i: number) => [`  s${i}:`, '    command: |', '      # a script line, not a comment', '      run', '    environment: {A: 1,', '      B: 2}'],
  (i: number) => [`  # about s${i}`, '  # (two lines)', `  s${i}:`, '    healthcheck:', '      - target: 1', '        published: 2', '    labels: [a]'],
  (i: number) => [`  s${i}: {image: x}`],
];
const foldText = (n: number) => ['# stack', '# two lines', 'services:', ...Array.from({ length: n }, (_, i) => ITEM_KINDS[i % ITEM_KINDS.length]!(i)).flat(), 'volumes:', '  data: {}', ''].join('\n');

test('an item\'s kept folds, placed at its line after edits above, in and below it, equal a walk of the whole text', () => {
  const parser = new IncrementalParser(URI);
  let doc = TextDocument.create(URI, 'dockercompose', 1, foldText(24));
  const random = prng(7);
  const check = (what: string) => {
    const spliced = parser.parse(doc).doc;
    assert.ok(spliced.blocks, `${what}: the document is spliced from blocks`);
    const whole = parseCompose(URI, doc.getText(), doc.version);
    assert.deepEqual(foldingRanges(spliced), foldingRanges(whole), `${what}:\n${doc.getText()}`);
    assert.deepEqual(foldingRanges(spliced, 20), foldingRanges(whole, 20), `${what}, limited`);
  };
  check('opened');
  const edit = (what: string, at: number, remove: number, text: string) => {
    const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at + remove) }, text };
    parser.noteEdit(editWindow(doc, [change]));
    doc = TextDocument.update(doc, [change], doc.version + 1);
    check(what);
  };
  const lineStart = (pattern: string) => doc.getText().indexOf(pattern);
  edit('lines inserted above every item', lineStart('  s0:'), 0, '  new:\n    image: y\n    ports:\n      - "3:3"\n');
  edit('a list item added inside an item', lineStart('      - "2:2"'), 0, '      - "9:9"\n');
  edit('a block scalar line added', lineStart('      run'), 0, '      # more script\n');
  edit('a comment run started between items', lineStart('  s5:'), 0, '  # one\n  # two\n');
  edit('an item deleted', lineStart('  s6:'), lineStart('  s7:') - lineStart('  s6:'), '');
  for (let k = 0; k < 60; k++) {
    const text = doc.getText();
    const lineStarts = [...text.matchAll(/^ {2}[#s]/gm)].map((m) => m.index!);
    const at = pick(random, lineStarts);
    const item = ITEM_KINDS[int(random, ITEM_KINDS.length)]!(100 + k).join('\n') + '\n';
    // Insert an item, or remove the lines from here to the next item or comment.
    const next = lineStarts.find((s) => s > at) ?? at;
    if (random() < 0.6 || next === at) edit(`random edit ${k} (insert)`, at, 0, item);
    else edit(`random edit ${k} (remove)`, at, next - at, '');
  }
});
