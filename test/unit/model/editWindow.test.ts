// Edits the editor describes: the parser cuts again only the lines between
// what the edit left alone and keeps the blocks around them in place
// (IncrementalParser.noteEdit, model/editWindow.ts). Whatever the edit, the
// spliced tree must be the one the parser builds when it is told nothing,
// and (for the edits written out here) the one a whole parse gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../../server/src/model/document';
import { chain, editWindow, unchanged } from '../../../server/src/model/editWindow';
import { IncrementalParser, type IncrementalResult } from '../../../server/src/model/incremental';
import { generateCompose } from '../../../bench/generate.mjs';
import { treeShape as shape } from '../../support/yamlTrees';
import { int, pick, prng } from '../../fuzz/mutations';

const URI = 'file:///nonexistent-dockhand-unit/app/compose.yaml';
const lines = (...l: string[]) => l.join('\n') + '\n';

const BASE = lines(
  'name: store',
  'services:',
  '  api:',
  '    image: node:22',
  '    depends_on: [db]',
  '  # data',
  '  db:',
  '    image: mariadb',
  '    volumes: ["dbdata:/var/lib/mysql"]',
  '  cache:',
  '    image: redis',
  'volumes:',
  '  dbdata: {}',
);

/** One document followed by a parser told each edit (`told`) and one told nothing, as the workspace would. */
class Editing {
  doc: TextDocument;
  readonly told = new IncrementalParser(URI);
  readonly blind = new IncrementalParser(URI);
  last: IncrementalResult;
  parses = 0;
  /** Parses that cut only around the edit (the rest cut the whole text again). */
  cutAroundEdit = 0;

  constructor(text: string) {
    this.doc = TextDocument.create(URI, 'dockercompose', 1, text);
    this.last = this.told.parse(this.doc);
    this.blind.parse(this.doc);
  }

  /** Set for random edits: their texts stray into what only the whole cut's own tests compare with a whole parse. */
  againstWhole = true;

  /** Replaces `[start, end)` by `text`, as one change event; parses when `parse` (several edits may come before a parse). */
  edit(start: number, end: number, text: string, parse = true): IncrementalResult | undefined {
    const change = { range: { start: this.doc.positionAt(start), end: this.doc.positionAt(end) }, text };
    const window = editWindow(this.doc, [change]);
    this.doc = TextDocument.update(this.doc, [change], this.doc.version + 1);
    this.told.noteEdit(window);
    this.blind.noteEdit(undefined);
    return parse ? this.parse(this.againstWhole) : undefined;
  }

  /** Parses the current text with both parsers and checks the told one against a whole parse and the blind one. */
  parse(againstWhole = true): IncrementalResult {
    const result = this.told.parse(this.doc);
    const whole = parseCompose(URI, this.doc.getText(), this.doc.version);
    const blind = this.blind.parse(this.doc);
    assert.equal(result.fullParse, blind.fullParse, `told and blind parsers agree on a whole parse (${result.fullParse} / ${blind.fullParse})`);
    assert.deepEqual(shape(result.doc.yaml), shape(blind.doc.yaml), `the tree equals the untold parser's, for:\n${this.doc.getText()}`);
    // A key being typed is the one known difference with a whole parse (incremental.ts): recovering, the whole
    // parse stretches the mapping that holds it up to the next line's content. Elsewhere the trees are the same.
    if (againstWhole && result.doc.errors.length === 0) assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), `the tree equals a whole parse of:\n${this.doc.getText()}`);
    const errors = (doc: { errors: readonly { code: string; pos: [number, number] }[] }) => doc.errors.map((e) => [e.code, e.pos]);
    assert.deepEqual(errors(result.doc), errors(blind.doc));
    if (againstWhole && result.doc.errors.length <= 1) assert.deepEqual(errors(result.doc), errors(whole), `errors of:\n${this.doc.getText()}`);
    this.last = result;
    this.parses++;
    if (result.cutAroundEdit) this.cutAroundEdit++;
    return result;
  }

  /** Back to `text`, by the smallest edit that makes it. */
  revertTo(text: string): void {
    const now = this.doc.getText();
    let start = 0;
    while (start < now.length && start < text.length && now[start] === text[start]) start++;
    let end = 0;
    while (end < now.length - start && end < text.length - start && now[now.length - 1 - end] === text[text.length - 1 - end]) end++;
    this.edit(start, now.length - end, text.slice(start, text.length - end));
  }

  at(text: string): number {
    const i = this.doc.getText().indexOf(text);
    assert.ok(i >= 0, `"${text}" is in the text`);
    return i;
  }
}

const blocksOf = (r: IncrementalResult) => r.doc.blocks ?? [];

test('the window of one change: what is left alone at each end, chained over several edits', () => {
  const doc = TextDocument.create(URI, 'dockercompose', 1, 'abc\ndef\n');
  const w = editWindow(doc, [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'XY' }])!;
  assert.deepEqual(w, { prefix: 5, suffix: 2, previousLength: 8, length: 9 });
  assert.equal(editWindow(doc, [{ text: 'whole' }]), undefined, 'a whole-text change says nothing');
  const two = [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'a' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'b' },
  ];
  assert.equal(editWindow(doc, two), undefined, 'several changes at once say nothing');
  const then = { prefix: 1, suffix: 8, previousLength: 9, length: 10 };
  assert.deepEqual(chain(w, then), { prefix: 1, suffix: 2, previousLength: 8, length: 10 });
  assert.equal(chain(w, { ...then, previousLength: 7 }), undefined, 'windows that do not follow each other do not chain');
  assert.deepEqual(chain(unchanged(8), w), w);
});

test('typing a key in a service cuts that service again and keeps every other block, the same objects in place', () => {
  const e = new Editing(BASE);
  const before = blocksOf(e.last);
  let at = e.at('    depends_on') ;
  e.edit(at, at, '    hostn\n');
  for (const ch of 'ame: web') {
    at = e.at('hostn') + e.doc.getText().slice(e.at('hostn')).indexOf('\n');
    const r = e.edit(at, at, ch)!;
    assert.equal(r.fullParse, undefined);
    assert.ok(r.parsedBlocks <= 1, `one block parsed, not ${r.parsedBlocks}`);
    assert.ok(r.cutAroundEdit, 'only the lines around the edit were cut again');
  }
  const after = blocksOf(e.last);
  assert.equal(after.length, before.length);
  const changed = after.filter((b, i) => b !== before[i]).map((b) => b.text.split('\n')[0]);
  assert.deepEqual(changed, ['  api:'], 'only the api block is a new block');
  assert.match(e.doc.getText(), /hostname: web\n/);
});

test('edits that move the cut: a service joined to the one before, split off again, deleted, pasted twice', () => {
  const e = new Editing(BASE);
  // Indenting a service's key makes it part of the service before it.
  e.edit(e.at('  db:'), e.at('  db:'), '  ');
  assert.ok(!blocksOf(e.last).some((b) => b.text.startsWith('    db:')), 'no block starts at the indented key');
  e.edit(e.at('    db:'), e.at('    db:') + 2, '');
  assert.ok(blocksOf(e.last).some((b) => b.text.startsWith('  db:')), 'the key starts its own block again');
  // A space typed inside a key's indentation, or the line break before it deleted: neither starts a block there.
  e.edit(e.at('  db:') + 1, e.at('  db:') + 1, ' ');
  assert.ok(!blocksOf(e.last).some((b) => b.text.startsWith('   db:')));
  e.edit(e.at('   db:') + 1, e.at('   db:') + 2, '');
  e.edit(e.at('  db:') - 1, e.at('  db:'), '');
  assert.ok(!blocksOf(e.last).some((b) => b.text.startsWith('  db:')));
  e.edit(e.at('  db:'), e.at('  db:'), '\n');
  assert.ok(blocksOf(e.last).some((b) => b.text.startsWith('  db:')));
  // A whole service deleted, then pasted back twice: each copy has its own nodes.
  const db = e.doc.getText().slice(e.at('  db:'), e.at('  cache:'));
  e.edit(e.at('  db:'), e.at('  cache:'), '');
  e.edit(e.at('  cache:'), e.at('  cache:'), db + db.replace('  db:', '  db2:'));
  e.edit(e.at('  db2:'), e.at('  db2:') + '  db2:'.length, '  db:');
  const copies = blocksOf(e.last).filter((b) => b.text.startsWith('  db:'));
  assert.equal(copies.length, 2);
  assert.notEqual(copies[0]!.pair, copies[1]!.pair, 'a pasted copy has nodes of its own');
});

test('a top-level key typed under a section\'s last item, key by key, cuts only the lines around it; the services stay the same blocks', () => {
  for (const where of ['above volumes', 'at the end'] as const) {
    const e = new Editing(BASE);
    const services = blocksOf(e.last).filter((b) => b.role === 'item' && b.section === 'services');
    let at = where === 'above volumes' ? e.at('\nvolumes:') + 1 : e.doc.getText().length;
    e.edit(at, at, '\n');
    for (const ch of 'configs:\n  app:\n    file: ./app.conf') {
      const r = e.edit(at, at, ch)!;
      at++;
      assert.ok(r.cutAroundEdit, `${where}, "${ch}" typed: only the lines around the edit were cut again`);
    }
    const kept = blocksOf(e.last).filter((b) => b.role === 'item' && b.section === 'services');
    assert.deepEqual(kept, services, `${where}: every service is the block it was`);
    assert.ok(blocksOf(e.last).some((b) => b.role === 'item' && b.section === 'configs' && b.text.startsWith('  app:')), `${where}: the new section is cut into its item`);
    assert.equal(e.doc.getText().includes('configs:\n  app:\n    file: ./app.conf'), true);
  }
});

test('a top-level key typed on a line of its own between two items: the items after it are cut again, as the new key\'s', () => {
  const e = new Editing(BASE);
  // Until its colon the word is a key being typed, which a whole parse recovers from otherwise (see Editing.parse).
  e.againstWhole = false;
  let at = e.at('  cache:');
  e.edit(at, at, '\n');
  for (const ch of 'x-extra:') {
    const r = e.edit(at, at, ch)!;
    at++;
    assert.ok(r.cutAroundEdit, `"${ch}" typed: cut around the edit, up to the next top-level key`);
  }
  assert.ok(blocksOf(e.last).some((b) => b.role === 'item' && b.section === 'x-extra' && b.text.startsWith('  cache:')), 'cache is an entry of x-extra now');
  assert.ok(blocksOf(e.last).some((b) => b.role === 'item' && b.section === 'services' && b.text.startsWith('  db:')), 'db is still a service');
});

test('typing in a section\'s key line or in a section kept whole cuts that section again, not the text', () => {
  const e = new Editing(BASE);
  const services = blocksOf(e.last).filter((b) => b.role === 'item' && b.section === 'services');
  let at = e.at('\nvolumes:') + '\nvolumes:'.length;
  for (const ch of ' # named') {
    assert.ok(e.edit(at, at, ch)!.cutAroundEdit, `"${ch}" typed after volumes:`);
    at++;
  }
  at = e.at('name: store') + 'name: store'.length;
  for (const ch of '-2') {
    assert.ok(e.edit(at, at, ch)!.cutAroundEdit, `"${ch}" typed in name:`);
    at++;
  }
  assert.deepEqual(blocksOf(e.last).filter((b) => b.role === 'item' && b.section === 'services'), services, 'every service is the block it was');
});

test('edits the window cannot cut alone fall back to the whole cut, and give the same tree', () => {
  const e = new Editing(BASE);
  // A new top-level section typed between two services, a tab, the header line, the first block, the end.
  e.edit(e.at('  cache:'), e.at('  cache:'), 'networks:\n  back: {}\n');
  e.edit(e.at('networks:\n'), e.at('  back: {}\n') + '  back: {}\n'.length, '');
  e.edit(e.at('    image: redis'), e.at('    image: redis'), '\t');
  e.edit(e.at('\t'), e.at('\t') + 1, '');
  e.edit(e.at('services:'), e.at('services:') + 'services'.length, 'servicez');
  e.edit(e.at('servicez'), e.at('servicez') + 'servicez'.length, 'services');
  e.edit(0, 'name: store'.length, 'name: store2');
  e.edit(e.doc.getText().length, e.doc.getText().length, '  more: {}\n');
  // A service's key typed less indented than its siblings keeps the section whole.
  e.edit(e.at('  cache:'), e.at('  cache:') + 1, '');
  e.edit(e.at(' cache:'), e.at(' cache:'), ' ');
  // Several edits before one parse, and a window that does not match the text (ignored).
  e.edit(e.at('node:22'), e.at('node:22'), 'x', false);
  e.edit(e.at('redis'), e.at('redis'), 'y', false);
  e.parse();
  e.told.noteEdit({ prefix: 3, suffix: 3, previousLength: e.doc.getText().length, length: e.doc.getText().length + 1 });
  e.blind.noteEdit(undefined);
  e.parse();
});

test('random edits (typed characters, new and deleted lines, pastes), told and untold, give the same tree', () => {
  const random = prng(20261201);
  // The short file's edits often land in its top-level keys or its sections' first entries, which the whole
  // cut handles; most of the generated file's land inside a service.
  const texts = [
    { start: BASE, aroundEdit: 0.05 },
    { start: generateCompose(12), aroundEdit: 0.35 },
  ];
  for (const { start, aroundEdit } of texts) {
    const e = new Editing(start);
    // The oracle here is the parser told nothing, which cuts the whole text and looks every block up by its text.
    e.againstWhole = false;
    for (let k = 0; k < 200; k++) {
      const text = e.doc.getText();
      const at = int(random, text.length + 1);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      switch (int(random, 5)) {
        case 0:
          e.edit(at, at, pick(random, ['a', ' ', ':', '-', '1', '#', '  ']), k % 3 !== 0);
          break;
        case 1:
          e.edit(at, at, '\n' + /^ */.exec(text.slice(lineStart))![0] + pick(random, ['', 'x: 1', 'image: nginx', 'web2:']), k % 3 !== 0);
          break;
        case 2:
          e.edit(lineStart, lineEnd < 0 ? text.length : lineEnd + 1, '', k % 3 !== 0);
          break;
        case 3: {
          const from = int(random, text.length + 1);
          e.edit(at, at, text.slice(from, Math.min(text.length, from + int(random, 80))), k % 3 !== 0);
          break;
        }
        default:
          e.edit(at, Math.min(text.length, at + 1 + int(random, 4)), '', k % 3 !== 0);
      }
      if (k % 3 === 0) e.parse(false);
      // An edit that leaves the text to a whole parse, or a second key being typed, is taken back (as the smallest
      // edit, which the parser is told too): the next ones then start from a text cut into blocks again.
      if (e.last.fullParse !== undefined || e.last.doc.errors.length > 1) e.revertTo(text);
    }
    assert.ok(e.cutAroundEdit > e.parses * aroundEdit, `parses that cut around the edit alone: ${e.cutAroundEdit} of ${e.parses}`);
  }
});

test('random edits at the top-level keys (typed keys, comments, markers, lists, deleted key lines), told and untold, give the same tree', () => {
  const random = prng(20261203);
  for (const start of [BASE, generateCompose(6)]) {
    const e = new Editing(start);
    e.againstWhole = false;
    for (let k = 0; k < 300; k++) {
      const text = e.doc.getText();
      // A line at column 0, or the line after one: where top-level keys are typed.
      const tops = [...text.matchAll(/^[^ \n#]/gm)].map((m) => m.index!);
      const keyLine = pick(random, tops);
      const next = text.indexOf('\n', keyLine) + 1;
      const lineStart = next > 0 && next < text.length && int(random, 2) === 0 ? next : keyLine;
      const lineEnd = text.indexOf('\n', lineStart);
      const at = lineStart + int(random, (lineEnd < 0 ? text.length : lineEnd) - lineStart + 1);
      switch (int(random, 4)) {
        case 0:
          e.edit(at, at, pick(random, ['x', 'x-new', ':', ' ', '\n', '#', '-', '\t']), k % 4 !== 0);
          break;
        case 1:
          e.edit(lineStart, lineStart, pick(random, ['x-new:\n', 'configs:\n  app: {}\n', '# note\n', '---\n', '- a\n', 'volumes:\n', 'x\n', '  extra: {}\n']), k % 4 !== 0);
          break;
        case 2:
          e.edit(lineStart, lineEnd < 0 ? text.length : lineEnd + 1, '', k % 4 !== 0);
          break;
        default:
          e.edit(at, Math.min(text.length, at + 1 + int(random, 3)), '', k % 4 !== 0);
      }
      if (k % 4 === 0) e.parse(false);
      if (e.last.fullParse !== undefined || e.last.doc.errors.length > 1) e.revertTo(text);
    }
    assert.ok(e.cutAroundEdit > e.parses * 0.2, `parses that cut around the edit alone: ${e.cutAroundEdit} of ${e.parses}`);
  }
});
