// A section's entry keeps its tree only while something reads it
// (model/blockTrees.ts): dropped at a release, read again when asked, equal to
// what a whole parse builds at the block's current place; and what an editor
// asks again and again after an edit reads a few blocks again, not the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isNode, type Pair } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../../server/src/model/document';
import { IncrementalParser } from '../../../server/src/model/incremental';
import { buildFileModel } from '../../../server/src/model/fileModel';
import { blockTreesReadAgain, outsideBlock, releaseBlockTrees, setLazyFromBlocks } from '../../../server/src/model/blockTrees';
import { fixture } from '../../support/fixture';
import { treeShape as shape } from '../../support/yamlTrees';

const URI = 'file:///nonexistent-dockhand-unit/app/compose.yaml';

// The server reads trees lazily from 2,000 blocks; these documents are smaller.
setLazyFromBlocks(0);
const lines = (...l: string[]) => l.join('\n') + '\n';

const TEXT = lines(
  'services:',
  '  web:',
  '    image: nginx',
  '    ports: ["8080:80"]',
  '    depends_on: [db]',
  '  db:',
  '    image: postgres',
  '    networks: [back]',
  'networks:',
  '  back: {}',
);

function parse(parser: IncrementalParser, text: string, version: number) {
  const result = parser.parse(TextDocument.create(URI, 'dockercompose', version, text));
  assert.equal(result.fullParse, undefined, 'spliced from blocks');
  return result;
}

const entry = (result: ReturnType<typeof parse>, name: string): Pair => result.doc.blocks!.find((b) => b.text.startsWith(`  ${name}:`))!.pair;

test('a dropped tree is read again when asked: equal to the whole parse node by node, at the place the block moved to', () => {
  const parser = new IncrementalParser(URI);
  const first = parse(parser, TEXT, 1);
  const web = entry(first, 'web');
  const body = web.value;
  releaseBlockTrees();
  const moved = lines('name: shop', '# a line above every block') + TEXT;
  const before = blockTreesReadAgain();
  const second = parse(parser, moved, 2);
  assert.equal(second.parsedBlocks, 1, 'only the new top-level key is read');
  assert.equal(entry(second, 'web'), web, 'the block and its pair are reused');
  assert.deepEqual(shape(second.doc.yaml), shape(parseCompose(URI, moved, 2).yaml), 'the tree a whole parse builds, ranges included');
  assert.notEqual(web.value, body, 'the value was read again: new nodes');
  assert.ok(blockTreesReadAgain() > before, 'counted');
  // Read once, it is the same tree until the next release.
  assert.equal(web.value, web.value);
  assert.equal(isMap(web.value) && web.value.get('image'), 'nginx');
});

test('a definition\'s value is its pair\'s, read when asked; a value set on the pair is kept for good', () => {
  const parser = new IncrementalParser(URI);
  const result = parse(parser, TEXT, 1);
  const model = buildFileModel(result.doc);
  const db = model.definitions.find((d) => d.name === 'db')!;
  assert.equal(db.value, entry(result, 'db').value);
  assert.deepEqual(db.networks?.joins, ['back'], 'the networks it joins, read with the block');
  assert.deepEqual(model.definitions.find((d) => d.name === 'web')!.networks?.joins, ['default']);
  releaseBlockTrees();
  const again = db.value;
  assert.ok(isNode(again) && isMap(again));
  assert.equal(again, entry(result, 'db').value, 'the pair and the definition read the same tree');
  assert.equal(result.doc.text.getText().slice(again.range![0], again.range![1]), 'image: postgres\n    networks: [back]\n');
  const web = entry(result, 'web');
  const own = web.value;
  web.value = own;
  releaseBlockTrees();
  assert.equal(web.value, own, 'not dropped');
});

test('outsideBlock: a lookup by offset or by range passes the entries whose lines are elsewhere', () => {
  const result = parse(new IncrementalParser(URI), TEXT, 1);
  const web = entry(result, 'web');
  const start = TEXT.indexOf('  web:');
  const end = TEXT.indexOf('  db:');
  assert.equal(outsideBlock(web, start), false, 'its first character');
  assert.equal(outsideBlock(web, TEXT.indexOf('8080')), false);
  assert.equal(outsideBlock(web, end), false, 'the end of its last line');
  assert.equal(outsideBlock(web, end + 1), true, 'the next entry');
  assert.equal(outsideBlock(web, start - 1), true, 'the section\'s key line');
  assert.equal(outsideBlock(web, 0, start), false, 'a range that reaches it');
  assert.equal(outsideBlock(web, end + 1, TEXT.length), true, 'a range after it');
  const whole = parseCompose(URI, TEXT, 1);
  const services = (whole.yaml.contents as { items: Pair[] }).items[0]!;
  assert.equal(outsideBlock((services.value as { items: Pair[] }).items[1], 0), false, 'a pair of a whole parse is never passed');
});

test('a document of fewer blocks than the server reads lazily keeps its trees', (t) => {
  setLazyFromBlocks(undefined);
  t.after(() => setLazyFromBlocks(0));
  const result = parse(new IncrementalParser(URI), TEXT, 1);
  const body = entry(result, 'web').value;
  releaseBlockTrees();
  assert.equal(entry(result, 'web').value, body, 'the same nodes');
  assert.equal(outsideBlock(entry(result, 'web'), 0), false, 'never passed');
});

/** A file of `count` services that name each other, their networks and volumes, as large files do. */
function services(count: number): string {
  const out = ['services:'];
  for (let i = 0; i < count; i++) {
    out.push(`  svc-${i}:`, `    image: registry.example.com/app-${i % 7}:1.${i % 4}`, `    ports: ["${10000 + i}:80"]`, '    networks: [front, back]');
    if (i > 0) out.push(`    depends_on: [svc-${i - 1}]`);
    out.push('    environment:', `      DB_URL: postgres://svc-${(i + 1) % count}:5432/db`, '    volumes: ["data:/data"]');
  }
  out.push('networks:', '  front: {}', '  back: {}', 'volumes:', '  data: {}');
  return out.join('\n') + '\n';
}

/**
 * Svc-150's published port edited in the open compose.yaml, checked again, and asked what an editor asks
 * at the cursor (completion, hover): the new text, a document to place offsets in, and the blocks read
 * again before the edit.
 */
function editPublishedPort(fx: ReturnType<typeof fixture>, text: string) {
  const uri = fx.uri('compose.yaml');
  const edited = text.replace('"10150:80"', '"10150:81"');
  const before = blockTreesReadAgain();
  fx.open('compose.yaml', edited);
  fx.diagnostics();
  const at = TextDocument.create(uri, 'dockercompose', 0, edited);
  fx.service.completion(uri, at.positionAt(edited.indexOf('10150')));
  fx.service.hover(uri, at.positionAt(edited.indexOf('10150')));
  return { edited, at, before };
}

test('after the first diagnostics are settled, an edit and what the editor asks after it read a few blocks again, not every block', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  const uri = fx.uri('compose.yaml');
  // What the editor asks once after the open (each is kept per entry from then on).
  fx.service.documentSymbols(uri);
  fx.service.foldingRanges(uri);
  fx.service.documentLinks(uri);
  const { edited, at, before } = editPublishedPort(fx, text);
  fx.service.hover(uri, at.positionAt(edited.indexOf('  front: {}') + 3));
  fx.service.documentSymbols(uri);
  fx.service.foldingRanges(uri);
  fx.service.documentLinks(uri);
  fx.service.inlayHints(uri, { start: at.positionAt(edited.indexOf('  svc-150:')), end: at.positionAt(edited.indexOf('  svc-153:')) });
  fx.service.projectInfo(uri, 'places', 200);
  const read = blockTreesReadAgain() - before;
  assert.ok(read <= 20, `${read} blocks read again of ${300 + 5}`);
});

test('highlight and references on a service read again only the entries whose text names it, and find its environment addresses', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  const uri = fx.uri('compose.yaml');
  const at = TextDocument.create(uri, 'dockercompose', 0, text);
  const place = (l: { range: { start: { line: number } } }) => l.range.start.line;
  const name = at.positionAt(text.indexOf('  svc-150:') + 3);
  // svc-150 is named by its own entry, svc-151's dependency and svc-149's DB_URL: those three are read, not 300.
  const before = blockTreesReadAgain();
  const lines = fx.service.documentHighlights(uri, name).map(place);
  const read = blockTreesReadAgain() - before;
  assert.ok(read <= 3, `${read} blocks read again of ${300 + 5}`);
  const lineOf = (s: string) => at.positionAt(text.indexOf(s)).line;
  assert.deepEqual(lines.sort((a, b) => a - b), [lineOf('    environment:\n      DB_URL: postgres://svc-150:') + 1, lineOf('  svc-150:'), lineOf('[svc-150]')]);
  assert.deepEqual(fx.service.references(uri, name, true).map(place).sort((a, b) => a - b), lines);
});

/** An override of every service of `services(count)`: one setting each, as an override file adds. */
function overrides(count: number): string {
  const out = ['services:'];
  for (let i = 0; i < count; i++) out.push(`  svc-${i}:`, '    environment:', `      REPLICA: "${i}"`);
  return out.join('\n') + '\n';
}

test('an override read from disk keeps its trees only while read too: an edit of the open file and the requests after it read a few of its blocks again, and its names still resolve', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text, 'compose.override.yaml': overrides(300) });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  const uri = fx.uri('compose.yaml');
  const fromDisk = fx.service.workspace.document(fx.uri('compose.override.yaml'))!;
  assert.ok(outsideBlock(fromDisk.blocks!.find((b) => b.text.startsWith('  svc-7:'))!.pair, 0), 'its entries are read lazily');
  fx.service.documentSymbols(uri);
  const { edited, at, before } = editPublishedPort(fx, text);
  fx.service.documentSymbols(uri);
  fx.service.inlayHints(uri, { start: at.positionAt(edited.indexOf('  svc-150:')), end: at.positionAt(edited.indexOf('  svc-153:')) });
  // Where svc-150 is defined: its entry in both files, the override's read again for it alone.
  const definitions = fx.service.definition(uri, at.positionAt(edited.indexOf('[svc-150]') + 1));
  const read = blockTreesReadAgain() - before;
  assert.ok(read <= 20, `${read} blocks read again of ${2 * 300 + 5}`);
  assert.deepEqual(definitions.map((d) => d.uri).sort(), [uri, fx.uri('compose.override.yaml')].sort(), 'defined in both files');
  const override = definitions.find((d) => d.uri === fx.uri('compose.override.yaml'))!;
  assert.equal(override.range.start.line, 1 + 150 * 3, 'its line in the override');
});

/**
 * `word` typed key by key on a new line `indent` + word inserted at `at` of `text` (open and settled in `fx`),
 * each version checked, settled and asked for a completion at the cursor, as the server does while the user
 * types: the most blocks one keystroke read again.
 */
function typeKeyByKey(fx: ReturnType<typeof fixture>, text: string, at: number, indent: string, word: string): number {
  const uri = fx.uri('compose.yaml');
  let most = 0;
  for (let typed = 1; typed <= word.length; typed++) {
    const line = indent + word.slice(0, typed);
    const edited = text.slice(0, at) + line + '\n' + text.slice(at);
    const before = blockTreesReadAgain();
    fx.open('compose.yaml', edited);
    fx.diagnostics();
    fx.service.completion(uri, TextDocument.create(uri, 'dockercompose', 0, edited).positionAt(at + line.length));
    most = Math.max(most, blockTreesReadAgain() - before);
  }
  return most;
}

test('typing a new key into a service, key by key, reads a few blocks again per keystroke, not the entries above the half-typed line', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  // Under svc-200's image: `    r` ... `    restart` is a syntax error until its colon (the entry it is in is damaged).
  const at = text.indexOf('\n', text.indexOf('  svc-200:\n') + '  svc-200:\n'.length) + 1;
  const most = typeKeyByKey(fx, text, at, '    ', 'restart');
  assert.ok(most <= 10, `${most} blocks read again by one keystroke, of ${300 + 5}`);
  assert.ok(fx.diagnostics().some((d) => d.code === 'yaml-syntax'), 'the half-typed key is a syntax error');
});

test('naming a new service, key by key, reads a few blocks again per keystroke, though the dependency graph changes with each', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  // `  n` above `  svc-200:` reads as the key `n svc-200` (a service renamed, its edges with it) until the colon.
  const most = typeKeyByKey(fx, text, text.indexOf('  svc-200:\n'), '  ', 'newsvc:');
  assert.ok(most <= 10, `${most} blocks read again by one keystroke, of ${300 + 5}`);
});

test('typing a variable into a service\'s environment reads a few blocks again per keystroke, once the file holds a `${` too', (t) => {
  const text = services(300);
  const fx = fixture(t, { 'compose.yaml': text });
  fx.open('compose.yaml', text);
  fx.diagnostics();
  const at = text.indexOf('\n', text.indexOf('    environment:', text.indexOf('  svc-200:\n'))) + 1;
  const most = typeKeyByKey(fx, text, at, '      ', 'HOME_DIR: ${HOME}');
  assert.ok(most <= 10, `${most} blocks read again by one keystroke, of ${300 + 5}`);
});
