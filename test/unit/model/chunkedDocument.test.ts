// The chunked text document (model/chunkedDocument.ts) answers exactly as
// the library's text document over random edits: text, every offset's
// position, every position's offset (past a line's end, inside `\r\n`), line
// counts, and spans read without the whole text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import { ChunkedTextDocument, textBetween, wholeTextJoins } from '../../../server/src/model/chunkedDocument';
import { editWindow } from '../../../server/src/model/editWindow';
import { fixture, labels } from '../../support/fixture';
import { prng } from '../../fuzz/mutations';


const PIECES = ['a', 'bc', ' ', '\u00e9', '\u{1F433}', 'key: value', '\n', '\n', '\r\n', '\r', '\n\n', 'x\r\ny\n', ''];

/** The same without `\r`, as most files are: the chunks then find their lines another way. */
const LF_PIECES = PIECES.filter((piece) => !piece.includes('\r'));

/** What the features search for: single characters, and longer texts that may straddle two chunks. */
const SEARCHES = ['\n', ':', '\r\n', 'y: v', 'bc', 'a\nbc', ''];

function agree(ours: ChunkedTextDocument, theirs: TextDocument, what: string): void {
  const text = theirs.getText();
  assert.equal(ours.lineCount, theirs.lineCount, `${what}: line count`);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${what}: positionAt(${offset})`);
  for (let line = -1; line <= theirs.lineCount; line++) {
    for (let character = -1; character <= 12; character++) {
      const at: Position = { line, character };
      assert.equal(ours.offsetAt(at), theirs.offsetAt(at), `${what}: offsetAt(${line}:${character})`);
    }
  }
  for (let line = -1; line <= theirs.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
  }
  for (let from = 0; from <= text.length; from += 3) assert.equal(ours.slice(from, from + 7), text.slice(from, from + 7), `${what}: slice(${from})`);
  assert.equal(ours.slice(-5), text.slice(-5), `${what}: slice(-5)`);
  assert.equal(ours.slice(3, -2), text.slice(3, -2), `${what}: slice(3, -2)`);
  for (let at = -1; at <= text.length; at++) {
    assert.equal(ours.charAt(at), text.charAt(at), `${what}: charAt(${at})`);
    assert.ok(Object.is(ours.charCodeAt(at), text.charCodeAt(at)), `${what}: charCodeAt(${at})`);
    for (const search of SEARCHES) {
      assert.equal(ours.indexOf(search, at), text.indexOf(search, at), `${what}: indexOf(${JSON.stringify(search)}, ${at})`);
      assert.equal(ours.lastIndexOf(search, at), text.lastIndexOf(search, at), `${what}: lastIndexOf(${JSON.stringify(search)}, ${at})`);
    }
  }
  for (const search of SEARCHES) {
    assert.equal(ours.indexOf(search), text.indexOf(search));
    assert.equal(ours.lastIndexOf(search), text.lastIndexOf(search));
  }
  assert.equal(ours.getText({ start: ours.positionAt(2), end: ours.positionAt(text.length - 2) }), theirs.getText({ start: theirs.positionAt(2), end: theirs.positionAt(text.length - 2) }));
  assert.equal(ours.getText(), text, `${what}: text`);
  assert.equal(ours.utf8Length, Buffer.byteLength(text, 'utf8'), `${what}: UTF-8 length`);
}

test('over random edits (line breaks of every kind, chunks of a few characters) it answers as the library\'s document', () => {
  // Seeded: the same edits on every run.
  const next = prng(20261205);
  for (let round = 0; round < 40; round++) {
    // Every other round without `\r` (LF_PIECES).
    const pieces = round % 2 === 0 ? PIECES : LF_PIECES;
    let text = '';
    const length = Math.floor(next() * 30);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
    const size = 1 + Math.floor(next() * 12);
    const ours = new ChunkedTextDocument('file:///t.yaml', 'yaml', 1, text, size);
    const theirs = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    agree(ours, theirs, `round ${round} created`);
    for (let edit = 0; edit < 12; edit++) {
      const current = theirs.getText();
      const a = theirs.positionAt(Math.floor(next() * (current.length + 1)));
      const b = next() < 0.3 ? a : theirs.positionAt(Math.floor(next() * (current.length + 1)));
      let inserted = '';
      const count = Math.floor(next() * 4);
      for (let i = 0; i < count; i++) inserted += pieces[Math.floor(next() * pieces.length)];
      // Ranges as editors send them, and backwards or past the end, which the library accepts too.
      const range = next() < 0.1 ? { start: b, end: a } : next() < 0.05 ? { start: a, end: { line: a.line + 5, character: 99 } } : { start: a, end: b };
      const changes = [{ range, text: inserted }];
      ours.update(changes, edit + 2);
      TextDocument.update(theirs, changes, edit + 2);
      assert.equal(ours.version, edit + 2);
      // Checked without the whole text first: what a run reads between two edits.
      if (edit % 2 === 0) {
        const now = theirs.getText();
        for (let from = 0; from <= now.length; from += 2) assert.equal(ours.slice(from, from + 5), now.slice(from, from + 5), `round ${round} edit ${edit}: slice(${from}) before the whole text`);
      }
      agree(ours, theirs, `round ${round} edit ${edit}`);
    }
    const whole = 'services:\n  web:\n    image: nginx\n';
    ours.update([{ text: whole }], 99);
    TextDocument.update(theirs, [{ text: whole }], 99);
    agree(ours, theirs, `round ${round} replaced`);
  }
});

test('an edit copies the chunk it lands in: the whole text is joined only when asked for', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `  svc-${i}:\n    image: app-${i}\n`).join('');
  const doc = new ChunkedTextDocument('file:///big.yaml', 'yaml', 1, `services:\n${lines}`);
  const whole = doc.getText();
  doc.update([{ range: { start: { line: 9_002, character: 4 }, end: { line: 9_002, character: 4 } }, text: 'x' }], 2);
  const at = doc.offsetAt({ line: 9_002, character: 4 });
  assert.equal(textBetween(doc, at - 4, at + 6), '    ximage');
  assert.equal(doc.positionAt(at + 1).character, 5);
  assert.equal(doc.getText(), `${whole.slice(0, at)}x${whole.slice(at)}`);
  const plain = TextDocument.create('file:///p.yaml', 'yaml', 1, 'a\nbcd\n');
  assert.equal(textBetween(plain, 2, 4), 'bc', 'any other document: a slice of its text');
});

/** A Compose file of `count` services, each with a few settings, ports and a variable. */
function services(count: number): string {
  const out = ['services:'];
  for (let i = 0; i < count; i++) {
    out.push(`  svc-${i}:`, `    image: app-${i % 5}:1.0`, `    ports: ["${10000 + i}:80"]`, `    environment:`, `      HOME_DIR: \${HOME}`);
    if (i > 0) out.push(`    depends_on: [svc-${i - 1}]`);
  }
  return out.join('\n') + '\n';
}

test('a key typed into a large open file, checked and completed after each keystroke, then folded, outlined and linked, never joins the whole text', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  const uri = fx.uri('compose.yaml');
  // Chunks of 1 KB, as the server's are of 64 KB: the file is ~40 of them.
  const doc = new ChunkedTextDocument(uri, 'dockercompose', 1, text, 1024);
  fx.service.documentChanged(doc);
  fx.service.diagnostics(uri);
  const line = doc.positionAt(text.indexOf('    ports: ["10200:80"]')).line;
  const before = wholeTextJoins();
  let typed = '';
  for (const key of ['\n', ...'    restart: no']) {
    const at = key === '\n' ? { line, character: 0 } : { line, character: typed.length };
    const change = { range: { start: at, end: at }, text: key === '\n' ? '\n' : key };
    const window = editWindow(doc, [change]);
    doc.update([change], doc.version + 1);
    fx.service.documentChanged(doc, window);
    if (key !== '\n') typed += key;
    fx.service.diagnostics(uri);
    fx.service.completion(uri, { line, character: typed.length });
  }
  assert.equal(wholeTextJoins() - before, 0, 'joined while typing');
  // A variable typed under another service's environment, its name completed at each key (the names the
  // project uses are read block by block).
  const envLine = doc.positionAt(doc.getText().indexOf('      HOME_DIR: ${HOME}', doc.getText().indexOf('  svc-150:'))).line;
  const beforeVariable = wholeTextJoins();
  let variable = '';
  for (const key of ['\n', ...'      X: ${HO']) {
    const at = key === '\n' ? { line: envLine, character: 0 } : { line: envLine, character: variable.length };
    const change = { range: { start: at, end: at }, text: key };
    const window = editWindow(doc, [change]);
    doc.update([change], doc.version + 1);
    fx.service.documentChanged(doc, window);
    if (key !== '\n') variable += key;
    fx.service.diagnostics(uri);
    fx.service.completion(uri, { line: envLine, character: variable.length });
  }
  assert.ok(labels(fx.service.completion(uri, { line: envLine, character: variable.length }).items).includes('HOME'), 'HOME offered, used by every service');
  assert.equal(wholeTextJoins() - beforeVariable, 0, 'joined while completing a variable');
  // What VS Code asks once typing pauses, which reads every line or quotes values: by offset too.
  const beforePause = wholeTextJoins();
  assert.ok(fx.service.foldingRanges(uri).length > 300, 'folded');
  assert.ok(fx.service.documentSymbols(uri).length > 0, 'outlined');
  fx.service.documentLinks(uri);
  assert.equal(wholeTextJoins() - beforePause, 0, 'joined for folding, the outline or links');
  assert.ok(doc.getText().includes(`  svc-200:\n    image: app-0:1.0\n    restart: no\n    ports: ["10200:80"]\n`), 'typed where meant');
  assert.equal(wholeTextJoins() - beforePause, 1, 'joined when asked');
});
