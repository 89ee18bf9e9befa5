// The incremental parser: an edit re-parses the block it touched, the tree it
// splices equals a whole parse, and every case that must fall back to a whole
// parse does (incremental.ts lists them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNode, visit } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../../server/src/model/document';
import { IncrementalParser } from '../../../server/src/model/incremental';
import { buildFileModel } from '../../../server/src/model/fileModel';
import { BLOCK_RULES, blockFindings, canCheckByBlock } from '../../../server/src/diagnostics/blockRules';
import type { RuleRequest } from '../../../server/src/diagnostics/rules/rule';
import { PROJECT_RULES, RULES } from '../../../server/src/diagnostics/index';
import { aliases } from '../../../server/src/diagnostics/rules/aliases';
import { duplicateKeys } from '../../../server/src/diagnostics/rules/duplicateKeys';
import { yamlSyntax } from '../../../server/src/diagnostics/rules/yamlSyntax';
import { fixture } from '../../support/fixture';
import { treeShape as shape } from '../../support/yamlTrees';

/** Where the parser-level tests say the document is (the parser reads nothing from it). */
const URI = 'file:///nonexistent-dockhand-unit/app/compose.yaml';
const lines = (...l: string[]) => l.join('\n') + '\n';

const BASE = lines(
  'name: shop',
  'services:',
  '  web:',
  '    image: nginx',
  '    depends_on: [db]',
  '  # the database',
  '  db:',
  '    image: postgres',
  '    volumes: ["data:/var/lib/postgresql/data"]',
  'volumes:',
  '  data: {}',
);

/** `result` (a version spliced from blocks) has the tree and the syntax errors of `text` parsed whole. */
function assertAsWhole(result: ReturnType<IncrementalParser['parse']>, text: string, version: number, label: string): ReturnType<typeof parseCompose> {
  assert.equal(result.fullParse, undefined, label);
  const whole = parseCompose(URI, text, version);
  assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), label);
  assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos, e.message]), whole.errors.map((e) => [e.code, e.pos, e.message]), label);
  return whole;
}

/** A file model's names as one comparable text. */
const plainModel = (m: ReturnType<typeof buildFileModel>) => JSON.stringify([m.definitions.map((d) => [d.kind, d.name, d.range]), m.references.map((r) => [r.kind, r.name, r.range])]);

function parseVersions(...texts: string[]): { parser: IncrementalParser; results: ReturnType<IncrementalParser['parse']>[] } {
  const parser = new IncrementalParser(URI);
  let doc = TextDocument.create(URI, 'dockercompose', 1, texts[0]!);
  const results = [parser.parse(doc)];
  for (const text of texts.slice(1)) {
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    results.push(parser.parse(doc));
  }
  return { parser, results };
}

test('an edit inside one service re-parses that block only; the spliced tree and model equal a whole parse', () => {
  const edited = BASE.replace('image: nginx', 'image: nginx:1.27\n    ports: ["8080:80"]');
  const { results } = parseVersions(BASE, edited);
  const [first, second] = results;
  assert.equal(first!.fullParse, undefined);
  assert.equal(second!.fullParse, undefined);
  assert.equal(second!.parsedBlocks, 1, 'only the web block was parsed again');
  const whole = parseCompose(URI, edited, 2);
  assert.deepEqual(shape(second!.doc.yaml), shape(whole.yaml));
  assert.deepEqual(second!.doc.yaml.toJS(), whole.yaml.toJS());
  assert.equal(plainModel(buildFileModel(second!.doc)), plainModel(buildFileModel(whole)));
});

test('blocks after an edit are reused and moved: the same nodes, at their new offsets', () => {
  const grown = BASE.replace('image: nginx', 'image: nginx\n    restart: always');
  const { results } = parseVersions(BASE, grown);
  const db = (r: (typeof results)[number]) => (r.doc.yaml.getIn(['services', 'db'], true) as { range: number[] });
  const before = db(results[0]!);
  const after = db(results[1]!);
  assert.equal(after, before, 'the db block was not parsed again');
  assert.equal(after.range[0], grown.indexOf('    image: postgres') + 4);
});

test('the same block text twice (a pasted copy) gets nodes of its own, in every version', () => {
  const twice = lines('name: shop', 'services:', '  web:', '    image: nginx', '  web:', '    image: nginx');
  const renamed = twice.replace('name: shop', 'name: store');
  const parser = new IncrementalParser(URI);
  let document = TextDocument.create(URI, 'dockercompose', 1, twice);
  const parsed: number[] = [];
  for (const text of [twice, renamed]) {
    if (text !== twice) document = TextDocument.update(document, [{ text }], document.version + 1);
    // Checked before the next version: a kept block moves in place.
    const result = parser.parse(document);
    assert.equal(result.fullParse, undefined);
    const pairs = (result.doc.yaml.get('services', true) as { items: unknown[] }).items;
    assert.equal(pairs.length, 2);
    assert.notEqual(pairs[0], pairs[1], 'one pair per block');
    assert.deepEqual(shape(result.doc.yaml), shape(parseCompose(URI, text, 1).yaml));
    parsed.push(result.parsedBlocks);
  }
  // The second version reuses one copy and parses the other again (the cache keeps one block per text), and the name line.
  assert.deepEqual(parsed, [4, 2]);
});

test('kept blocks share one schema (not one per parse); their collections still work as yaml nodes', () => {
  const { results } = parseVersions(BASE);
  const doc = results[0]!.doc;
  assert.equal(results[0]!.fullParse, undefined);
  const schemas = new Set<unknown>();
  let collections = 0;
  for (const block of doc.blocks!) {
    if (!isNode(block.pair.value)) continue;
    visit(block.pair.value, { Map: (_k, node) => void (collections++, schemas.add(node.schema)), Seq: (_k, node) => void (collections++, schemas.add(node.schema)) });
  }
  assert.ok(collections >= 5, `the blocks hold mappings and lists (${collections})`);
  assert.equal(schemas.size, 1, 'every block collection points at one schema, not its own parse\'s');
  // The collections stay usable through yaml's own API (it builds new nodes with their schema).
  const web = doc.yaml.getIn(['services', 'web'], true) as { set(key: string, value: unknown): void; toJSON(): unknown };
  web.set('restart', 'always');
  assert.deepEqual(web.toJSON(), { image: 'nginx', depends_on: ['db'], restart: 'always' });
});

test('typing that breaks and then mends a block: a whole parse while broken, blocks again after', () => {
  const broken = BASE.replace('image: nginx', 'image: "nginx');
  const { results } = parseVersions(BASE, broken, BASE);
  assert.match(results[1]!.fullParse ?? '', /syntax error/);
  assert.ok(results[1]!.doc.errors.length > 0, 'the whole parse reports the error as it is');
  assert.equal(results[2]!.fullParse, undefined);
  assert.equal(results[2]!.parsedBlocks, 0, 'every block, the mended one too, was kept from before the break');
});

const THREE = lines('services:', '  web:', '    image: nginx', '    restart: always', '  db:', '    image: postgres', '  cache:', '    image: redis', 'volumes:', '  data: {}');

const CONTAINED: [string, string][] = [
  ['a line indented a step too far', THREE.replace('    restart: always', '      restart: always')],
  ['a colon typed inside a value', THREE.replace('image: nginx', 'image: nginx: 1')],
  ['a second colon after a key', THREE.replace('restart: always', 'restart: : always')],
  ['a list begun under a key with a value', THREE.replace('restart: always', 'restart: always\n    -')],
];

for (const [what, text] of CONTAINED) {
  test(`a syntax error that stays in its block (${what}) is spliced: the whole parse's tree and errors, that block parsed alone`, () => {
    const { results } = parseVersions(THREE, text);
    const result = results[1]!;
    assert.equal(result.fullParse, undefined);
    assert.equal(result.parsedBlocks, 1);
    const whole = parseCompose(URI, text, 2);
    assert.ok(whole.errors.length > 0);
    assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml));
    assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos, e.message]), whole.errors.map((e) => [e.code, e.pos, e.message]));
  });
}

test('syntax errors in two blocks in a row, each staying in its block, are spliced: each is read between its neighbours, broken or not', () => {
  const broken = THREE.replace('image: nginx', 'image: nginx: 1');
  const alsoDb = broken.replace('image: postgres', 'image: postgres: 1');
  const andCache = alsoDb.replace('    image: redis', '      image: redis');
  // Kept blocks move with later versions: each version is compared as soon as it is parsed.
  const parser = new IncrementalParser(URI);
  const results = [THREE, broken, alsoDb, andCache, broken].map((text, i) => {
    const result = parser.parse(TextDocument.create(URI, 'dockercompose', i + 1, text));
    assert.equal(result.fullParse, undefined, `version ${i + 1}`);
    const whole = parseCompose(URI, text, i + 1);
    assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), `version ${i + 1}`);
    assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos, e.message]), whole.errors.map((e) => [e.code, e.pos, e.message]), `version ${i + 1}`);
    return result;
  });
  assert.equal(results[2]!.parsedBlocks, 1, 'db only: web, broken, comes from the cache and is read again between its neighbours');
  assert.equal(results[4]!.parsedBlocks, 2, 'db and cache mended (the cache holds the last version\'s blocks); web, broken, from the cache');
});

test('a kept block with a syntax error is checked again when the next block changes', () => {
  // A list begun under web's mapping stays in web while db starts with its key; a comment line before db's key
  // makes the parser read web's last lines otherwise. web, unchanged, must not be kept as it read alone.
  const broken = THREE.replace('    restart: always\n', '    restart: always\n    -\n');
  const commented = broken.replace('  db:', '  # the database\n  db:');
  const { results } = parseVersions(THREE, broken, commented, broken);
  assert.equal(results[1]!.fullParse, undefined);
  assert.match(results[2]!.fullParse ?? '(spliced)', /reads otherwise between its neighbours/, 'web, unchanged, is read again with its new neighbour');
  assert.deepEqual(shape(results[2]!.doc.yaml), shape(parseCompose(URI, commented, 3).yaml));
  assert.equal(results[3]!.fullParse, undefined);
});

test('a block nested deeper than Dockhand reads is not parsed alone but whole, which reads nothing of it: the same answer at any stack depth', () => {
  const deep = THREE.replace('image: nginx', `image: ${'['.repeat(20000)}`);
  const result = parseVersions(THREE, deep).results[1]!;
  assert.match(result.fullParse ?? '(spliced)', /nested deeper than Dockhand reads/);
  assert.deepEqual(result.doc.errors.map((e) => e.code), ['RESOURCE_EXHAUSTION']);
  assert.equal(result.doc.yaml.contents, null, 'nothing read');
});

test('a new entry named key by key is read in its block at every key: after the last service, between two, first, as a volume', () => {
  const places: [string, (word: string) => string][] = [
    ['after the last service', (word) => THREE.replace('volumes:', `  ${word}\nvolumes:`)],
    ['between two services (a word of two letters or more reads as the first line of the next one\'s key)', (word) => THREE.replace('  db:', `  ${word}\n  db:`)],
    ['first under services', (word) => THREE.replace('  web:', `  ${word}\n  web:`)],
    ['at the end of the file', (word) => `${THREE}  ${word}`],
    ['before a volume', (word) => THREE.replace('  data: {}', `  ${word}\n  data: {}`)],
  ];
  for (const [where, typed] of places) {
    const parser = new IncrementalParser(URI);
    let doc = TextDocument.create(URI, 'dockercompose', 1, THREE);
    parser.parse(doc);
    // Kept blocks move with later versions: each version is compared as soon as it is parsed.
    for (const [k, word] of ['n', 'ne', 'new', 'new:'].entries()) {
      const label = `${where}, ${JSON.stringify(word)}`;
      doc = TextDocument.update(doc, [{ text: typed(word) }], doc.version + 1);
      const result = parser.parse(doc);
      assertAsWhole(result, typed(word), doc.version, label);
      assert.ok(result.parsedBlocks <= 2, `${label}: ${result.parsedBlocks} blocks parsed`);
      assert.equal(result.doc.errors.length > 0, k < 3, label);
    }
  }
});

test('a new section\'s first entry named key by key is read with its key line, as the section\'s value, until its colon: at the end of the file and before another section', () => {
  const places: [string, (typed: string) => string][] = [
    ['at the end of the file', (typed) => `${THREE}configs:\n${typed}`],
    ['before another section', (typed) => THREE.replace('volumes:', `configs:\n${typed}volumes:`)],
    ['after a comment under the key line', (typed) => `${THREE}configs:\n  # the app's\n${typed}`],
  ];
  for (const [where, typed] of places) {
    const parser = new IncrementalParser(URI);
    let doc = TextDocument.create(URI, 'dockercompose', 1, typed(''));
    parser.parse(doc);
    for (const word of ['  a', '  ap', '  app', '  app:', '  app:\n    file: ./app.conf\n']) {
      const label = `${where}, ${JSON.stringify(word)}`;
      doc = TextDocument.update(doc, [{ text: typed(word) }], doc.version + 1);
      const result = parser.parse(doc);
      const whole = assertAsWhole(result, typed(word), doc.version, label);
      assert.ok(result.parsedBlocks <= 2, `${label}: ${result.parsedBlocks} blocks parsed`);
      assert.equal(plainModel(buildFileModel(result.doc)), plainModel(buildFileModel(whole)), `${label}: the file model`);
    }
  }
});

test('a new top-level key typed key by key is read in its block at every key: at the end, before a section (joining its key line), before and after a section kept whole', () => {
  const places: [string, string, (word: string) => string][] = [
    // A word of two letters or more before a section is read with its key line, as one key (`x-new volumes`) holding its entries.
    ['at the end of the file', THREE, (word) => `${THREE}${word}`],
    ['before a section cut into items', THREE, (word) => THREE.replace('volumes:', `${word}\nvolumes:`)],
    ['before a section kept whole', `${THREE}x-tail: {a: 1}\n`, (word) => `${THREE}${word}\nx-tail: {a: 1}\n`],
    ['after a section kept whole', `name: shop\n${THREE}`, (word) => `name: shop\n${word}\n${THREE}`],
  ];
  for (const [where, start, typed] of places) {
    const parser = new IncrementalParser(URI);
    let doc = TextDocument.create(URI, 'dockercompose', 1, start);
    parser.parse(doc);
    for (const [k, word] of ['x', 'x-', 'x-ne', 'x-new', 'x-new:'].entries()) {
      const label = `${where}, ${JSON.stringify(word)}`;
      doc = TextDocument.update(doc, [{ text: typed(word) }], doc.version + 1);
      const result = parser.parse(doc);
      const whole = assertAsWhole(result, typed(word), doc.version, label);
      assert.equal(result.doc.errors.length > 0, k < 4, label);
      assert.equal(plainModel(buildFileModel(result.doc)), plainModel(buildFileModel(whole)), `${label}: the file model`);
    }
  }
});

test('a top-level word at the very top reads with the key after it, even of one letter: the section\'s entries then belong to the joined key, and are not parsed again', () => {
  const parser = new IncrementalParser(URI);
  let doc = TextDocument.create(URI, 'dockercompose', 1, THREE);
  parser.parse(doc);
  // Kept blocks move with later versions: each version is compared as soon as it is parsed.
  for (const text of [`x\n${THREE}`, `xy\n${THREE}`, `xy:\n${THREE}`]) {
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    const result = parser.parse(doc);
    assert.equal(result.fullParse, undefined, text);
    // The services are found under the joined key and back under `services`: only the top-level blocks are parsed.
    assert.ok(result.parsedBlocks <= 2, `${text}: ${result.parsedBlocks} blocks parsed`);
    const whole = parseCompose(URI, text, doc.version);
    assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), text);
    assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos]), whole.errors.map((e) => [e.code, e.pos]), text);
    assert.deepEqual(buildFileModel(result.doc).definitions.map((d) => d.name), buildFileModel(whole).definitions.map((d) => d.name), text);
    if (text.startsWith('x\n')) assert.deepEqual(result.doc.yaml.toJS(), { 'x services': { web: { image: 'nginx', restart: 'always' }, db: { image: 'postgres' }, cache: { image: 'redis' } }, volumes: { data: {} } });
  }
});

const FALLBACKS: [string, string, RegExp][] = [
  ['a tab', BASE.replace('    image: nginx', '\timage: nginx'), /tab/],
  ['a tab after spaces in a line\'s indentation', BASE.replace('    image: nginx', '  \t  image: nginx'), /tab in a line's indentation/],
  ['a document marker after the first key', BASE.replace('services:', '---\nservices:'), /document marker/],
  ['a document marker twice before the first key', '---\n---\n' + BASE, /document marker/],
  ['a document marker with a node on its line', '--- !!map\n' + BASE, /document marker/],
  ['a second document', BASE + '---\nservices: {}\n', /document marker/],
  ['a document end', BASE + '...\n', /document end/],
  ['a directive', '%YAML 1.2\n' + BASE, /"%"/],
  ['a flow root', '{services: {web: {image: nginx}}}\n', /"\{"/],
  ['a sequence at the root', '- a\n- b\n', /sequence at the root/],
  ['a complex key', '? services\n: {}\n', /"\?"/],
  ['a merge key among a section\'s entries', lines('x-more: &more', '  extra: {image: redis}', 'services:', '  <<: *more', '  web:', '    image: nginx'), /merge key/],
  ['an unclosed flow sequence running into the next block', BASE.replace('depends_on: [db]', 'depends_on: [db'), /syntax error/],
  ['a quoted string running into the next block (over the comment that starts it)', BASE.replace('image: nginx', 'image: "nginx'), /syntax error that reads otherwise between its neighbours/],
  ['a quoted string closed in the next block', THREE.replace('image: nginx', 'image: "nginx').replace('image: postgres', 'image: postgres"'), /syntax error that reads otherwise between its neighbours/],
  ['a flow mapping closed in the next block', THREE.replace('image: nginx', 'image: {a: 1,').replace('image: postgres', 'image: postgres}'), /syntax error that runs past its block/],
  ['a block scalar whose text reaches the items\' indentation', THREE.replace('image: nginx', 'image: |\n  x: 1'), /syntax error that runs past its block/],
  ['an item indented less than its siblings', BASE.replace('  db:', ' db:'), /.+/],
  ['a block that is not one key (a value spilling to the item indentation)', BASE.replace('  # the database\n', '  just text\n'), /.+/],
  ['a byte-order mark', '\ufeff' + BASE, /byte-order mark/],
  ['nothing to cut', '# only a comment\n', /no top-level key/],
];

for (const [what, text, reason] of FALLBACKS) {
  test(`falls back to a whole parse on ${what}, with the same tree and diagnostics as a fresh parse`, (t) => {
    const { results } = parseVersions(BASE, text);
    const result = results[1]!;
    assert.match(result.fullParse ?? '(spliced)', reason);
    assert.equal(result.doc.blocks, undefined);
    const whole = parseCompose(URI, text, 2);
    assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml));
    const fx = fixture(t, BASE);
    fx.diagnostics();
    fx.open('compose.yaml', text);
    assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
  });
}

test('a top-level key written twice (typed at the end of a file that has it) is spliced: the whole parse\'s tree, and names from the first only, as its model reads them', () => {
  const parser = new IncrementalParser(URI);
  let doc = TextDocument.create(URI, 'dockercompose', 1, THREE);
  parser.parse(doc);
  for (const typed of ['volumes:', 'volumes:\n  d', 'volumes:\n  db:', 'volumes:\n  db: {}\nservices:\n  web:\n    image: x\n    volumes: [db]\n']) {
    const text = `${THREE}${typed}\n`;
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    const result = parser.parse(doc);
    const whole = assertAsWhole(result, text, doc.version, typed);
    assert.ok(result.parsedBlocks <= 4, `${typed}: ${result.parsedBlocks} blocks parsed`);
    assert.equal(plainModel(buildFileModel(result.doc)), plainModel(buildFileModel(whole)), `${typed}: the file model`);
    assert.ok(result.doc.shadowed && result.doc.shadowed.size > 0, typed);
  }
  // The first one deleted: the second defines its names again.
  const text = THREE.replace('volumes:\n  data: {}\n', '') + 'volumes:\n  db: {}\n';
  doc = TextDocument.update(doc, [{ text }], doc.version + 1);
  const result = parser.parse(doc);
  assert.equal(result.doc.shadowed, undefined);
  assert.equal(plainModel(buildFileModel(result.doc)), plainModel(buildFileModel(parseCompose(URI, doc, doc.version))));
});

test('a top-level key written twice is judged as a whole parse is: the duplicate, and names from the first', (t) => {
  const twice = `${THREE}volumes:\n  db: {}\nservices:\n  other:\n    image: x\n    volumes: ["db:/data"]\n    depends_on: [web]\n`;
  const fx = fixture(t, THREE);
  fx.diagnostics();
  fx.open('compose.yaml', twice);
  const edited = fx.diagnostics();
  assert.deepEqual(edited, fx.restarted().diagnostics(fx.uri('compose.yaml')));
  assert.deepEqual(edited.map((d) => d.code).sort(), ['duplicate-key', 'duplicate-key']);
  fx.open('compose.yaml', THREE);
  assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
});

test('a document start marker alone before the first key (as yamllint asks) is spliced, and edits re-parse one block', () => {
  for (const start of ['---\n', '--- # shop\n', '# the shop\n---\n\n']) {
    const parser = new IncrementalParser(URI);
    let doc = TextDocument.create(URI, 'dockercompose', 1, start + BASE);
    // Kept blocks move with later versions: each version is compared as soon as it is parsed.
    for (const text of [start + BASE, start + BASE.replace('image: postgres', 'image: postgres:16'), start + BASE.replace('image: postgres', 'image: postgres:16').replace('name: shop', 'name: shop2')]) {
      if (text !== doc.getText()) doc = TextDocument.update(doc, [{ text }], doc.version + 1);
      const result = parser.parse(doc);
      assert.equal(result.fullParse, undefined, text);
      if (doc.version > 1) assert.equal(result.parsedBlocks, 1, `${text}: only the edited block`);
      const whole = parseCompose(URI, text, doc.version);
      assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), text);
      assert.deepEqual(result.doc.yaml.toJS(), whole.yaml.toJS());
      assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos]), whole.errors.map((e) => [e.code, e.pos]));
    }
  }
});

test('a tab after a line\'s first character (a comment, a quoted value, the space after a colon) is spliced, and edits elsewhere re-parse one block', (t) => {
  const tabbed = BASE.replace('  # the database', '  # the\tdatabase').replace('image: nginx', 'image:\tnginx').replace('"data:/var/lib/postgresql/data"', '"data:/var/lib/\tpostgresql/data"');
  const edited = tabbed.replace('name: shop', 'name: shop2');
  const parser = new IncrementalParser(URI);
  let doc = TextDocument.create(URI, 'dockercompose', 1, BASE);
  parser.parse(doc);
  // Kept blocks move with later versions: each version is compared as soon as it is parsed.
  for (const text of [tabbed, edited]) {
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    const result = parser.parse(doc);
    assert.equal(result.fullParse, undefined, text);
    const whole = parseCompose(URI, text, doc.version);
    assert.deepEqual(shape(result.doc.yaml), shape(whole.yaml), text);
    assert.deepEqual(result.doc.yaml.toJS(), whole.yaml.toJS());
    assert.deepEqual(result.doc.errors.map((e) => [e.code, e.pos]), whole.errors.map((e) => [e.code, e.pos]));
    if (text === edited) assert.equal(result.parsedBlocks, 1, 'only the edited block');
  }
  const fx = fixture(t, BASE);
  fx.diagnostics();
  fx.open('compose.yaml', tabbed);
  assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
});

const ANCHORED = lines(
  'x-common: &common',
  '  restart: always',
  'services:',
  '  web:',
  '    <<: *common',
  '    image: nginx',
  '  db:',
  '    <<: *common',
  '    image: postgres',
  '  cache:',
  '    image: redis',
  '    environment: &env {A: "1"}',
  '    labels: *env',
);

test('aliases across blocks are spliced: an edit of a service re-parses it alone, an edit of the anchor every block that reads it', () => {
  const serviceEdit = ANCHORED.replace('image: nginx', 'image: nginx:1.27');
  const anchorEdit = serviceEdit.replace('restart: always', 'restart: unless-stopped');
  const texts = [ANCHORED, serviceEdit, anchorEdit, anchorEdit.replace('image: redis', 'image: redis:7')];
  // Kept blocks move with later versions: each version's tree is compared as soon as it is made.
  const parser = new IncrementalParser(URI);
  const results = texts.map((text, i) => {
    const result = parser.parse(TextDocument.create(URI, 'dockercompose', i + 1, text));
    assert.equal(result.fullParse, undefined, `version ${i + 1} is spliced`);
    assert.deepEqual(shape(result.doc.yaml), shape(parseCompose(URI, text, 1).yaml), `version ${i + 1}: the whole parse's tree`);
    return result;
  });
  assert.equal(results[1]!.parsedBlocks, 1, 'the edited service only');
  const dbOf = (r: (typeof results)[number]) => r.doc.blocks!.find((b) => b.text.startsWith('  db:'))!;
  assert.equal(dbOf(results[1]!), dbOf(results[0]!), 'db, which reads the anchor, is kept while the anchor stays');
  assert.equal(results[2]!.parsedBlocks, 3, 'x-common, and web and db, which merge it');
  assert.notEqual(dbOf(results[2]!), dbOf(results[1]!));
  assert.equal(results[3]!.parsedBlocks, 1, 'cache: its alias reads its own anchor');
  assert.equal(canCheckByBlock(results[3]!.doc), true);
});

test('an alias typed key by key names no anchor until its last key: each version is spliced, re-parses one block, and is judged as a whole parse', (t) => {
  const fx = fixture(t, ANCHORED);
  fx.diagnostics();
  const parser = new IncrementalParser(URI);
  parser.parse(TextDocument.create(URI, 'dockercompose', 1, ANCHORED));
  const typed = '*common';
  for (let end = 1; end <= typed.length; end++) {
    const text = ANCHORED.replace('    image: redis', `    image: redis\n    labels: ${typed.slice(0, end)}`).replace('    labels: *env\n', '');
    const result = parser.parse(TextDocument.create(URI, 'dockercompose', end + 1, text));
    const at = typed.slice(0, end);
    assert.equal(result.fullParse, undefined, `${at}: spliced`);
    assert.equal(result.parsedBlocks, 1, `${at}: the typed block only`);
    assert.deepEqual(shape(result.doc.yaml), shape(parseCompose(URI, text, 1).yaml), `${at}: the whole parse's tree`);
    fx.open('compose.yaml', text);
    const found = fx.diagnostics();
    assert.deepEqual(found, fx.restarted().diagnostics(fx.uri('compose.yaml')), `${at}: the diagnostics of a fresh service`);
    assert.equal(found.some((d) => d.code === 'unknown-anchor'), at !== '*common' && at !== '*', at);
  }
  // An anchor defined above afterwards: the block that named nothing is read again, and now names it.
  const before = ANCHORED.replace('    image: redis', '    image: redis\n    labels: *later');
  const after = before.replace('x-common: &common', 'x-later: &later\n  a: b\nx-common: &common');
  const { results } = parseVersions(before, after);
  assert.equal(results[1]!.fullParse, undefined);
  assert.deepEqual(shape(results[1]!.doc.yaml), shape(parseCompose(URI, after, 1).yaml));
  fx.open('compose.yaml', before);
  assert.ok(fx.diagnostics().some((d) => d.code === 'unknown-anchor'));
  fx.open('compose.yaml', after);
  assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
  assert.ok(!fx.diagnostics().some((d) => d.code === 'unknown-anchor'));
});

test('a block that merges an anchor is judged with the anchor\'s keys, and judged again when the anchor changes', (t) => {
  const fx = fixture(t, ANCHORED);
  const codes = (list: { code?: unknown; range: { start: { line: number } } }[]) => list.map((d) => `${String(d.code)}@${d.range.start.line}`).sort();
  assert.deepEqual(codes(fx.diagnostics()), []);
  // The anchor's value is wrong: each service that merges it says so, at its `<<`.
  const wrong = ANCHORED.replace('restart: always', 'restart: sometimes');
  fx.open('compose.yaml', wrong);
  const after = fx.diagnostics();
  assert.deepEqual(after, fx.restarted().diagnostics(fx.uri('compose.yaml')));
  assert.ok(after.some((d) => d.code === 'invalid-format'), JSON.stringify(codes(after)));
  // Mended: the services' findings go with it, though their own text never changed.
  fx.open('compose.yaml', ANCHORED);
  assert.deepEqual(codes(fx.diagnostics()), []);
  // The anchor gives one service an image and a build context; a service that does not merge it is unaffected.
  const both = ANCHORED.replace('restart: always', 'build: .\n  image: base');
  fx.open('compose.yaml', both);
  assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
});

test('per-block findings follow their block and their section key; cross-block ones are recomputed', (t) => {
  const text = lines('services:', '  web:', '    image: nginx', '    restart: sometimes', '  web:', '    image: nginx');
  const fx = fixture(t, text);
  const codes = (list: { code?: unknown; range: { start: { line: number } } }[]) => list.map((d) => `${String(d.code)}@${d.range.start.line}`).sort();
  assert.deepEqual(codes(fx.diagnostics()), ['duplicate-key@4', 'invalid-format@3']);
  // Two lines above: both findings move; the duplicate still points at the first key where it is now.
  const moved = '# a\n# b\n' + text;
  fx.open('compose.yaml', moved);
  const after = fx.diagnostics();
  assert.deepEqual(codes(after), ['duplicate-key@6', 'invalid-format@5']);
  assert.deepEqual(after.find((d) => d.code === 'duplicate-key')!.relatedInformation?.map((r) => r.location.range.start.line), [3]);
  // Renaming the section: the items' text is unchanged, but what they are judged as is not.
  fx.open('compose.yaml', moved.replace('services:', 'servics:'));
  assert.deepEqual(codes(fx.diagnostics()), ['duplicate-key@6', 'unknown-key@2']);
});

test("a block that only moved is not read again, unless its duplicate keys must point at their first keys' new lines", (t) => {
  const services = Array.from({ length: 8 }, (_, i) => [`  s${i}:`, '    image: nginx', ...(i === 6 ? ['    image: redis'] : [])]).flat();
  const text = lines('services:', ...services);
  const fx = fixture(t, text);
  assert.deepEqual(fx.diagnostics('duplicate-key').map((d) => d.range.start.line), [15]);
  // A service inserted after s1: s2..s7 move two lines down, and s6 holds the one duplicate.
  const inserted = text.replace('  s2:', '  new:\n    image: nginx\n  s2:');
  fx.open('compose.yaml', inserted);
  const req = (fx.service as unknown as { request(uri: string, offset: number): RuleRequest }).request(fx.uri('compose.yaml'), 0);
  const walked: string[] = [];
  const steps = blockFindings(req, (rule, blockReq) => {
    if (rule === duplicateKeys) walked.push(...Object.keys((blockReq.doc.yaml.toJS() as { services: object }).services));
    return rule.run(blockReq);
  });
  let step = steps.next();
  while (!step.done) step = steps.next();
  assert.deepEqual(walked, ['new', 's6'], 'the new block, and the moved block with a duplicate key');
  const duplicate = step.value.filter((d) => d.code === 'duplicate-key');
  assert.deepEqual(duplicate.map((d) => d.range.start.line), [17]);
  assert.deepEqual(duplicate[0]!.relatedInformation?.map((r) => r.location.range.start.line), [16]);
  assert.deepEqual(fx.diagnostics(), fx.restarted().diagnostics(fx.uri('compose.yaml')));
});

test('every rule runs on a document checked by block (per block, across blocks or on the whole project), and on one checked whole', () => {
  // yamlSyntax runs first for every document; duplicate keys run per block and across blocks; aliases run first when
  // some block has an anchor or alias (a cycle or a bomb sends the document to the whole run).
  const covered = new Set([...PROJECT_RULES, ...BLOCK_RULES, yamlSyntax, duplicateKeys, aliases]);
  for (const rule of RULES) assert.ok(covered.has(rule), `${rule.codes.join('/')} runs in block mode`);
  // And the other way: a document checked whole (a syntax error the blocks cannot keep, `---`) runs every rule too.
  for (const rule of [...PROJECT_RULES, ...BLOCK_RULES]) assert.ok(RULES.includes(rule), `${rule.codes.join('/')} runs on a document checked whole`);
});

test('a key being typed is read in its block, last in its mapping or before the next key, as a whole parse reads it', () => {
  const cases = [
    BASE.replace('    depends_on: [db]\n', '    depends_on: [db]\n    hostn\n'), // last in the service: a key with no value
    BASE.replace('    image: nginx\n', '    image: nginx\n    hostn\n'), // before depends_on: one key spanning both lines
    BASE.replace('    image: nginx\n', '    image: nginx\n    h\n'),
  ];
  for (const text of cases) {
    const { results } = parseVersions(BASE, text);
    const typed = results[1]!;
    assert.equal(typed.fullParse, undefined, text);
    assert.equal(typed.parsedBlocks, 1, 'the web block only');
    const whole = parseCompose(URI, text, 2);
    // Recovering, the whole parse stretches the mapping that holds the word over the comment lines after it;
    // alone, the block ends before them. Every other node, and every value, is the same.
    const startsOnly = (list: string[]) => list.map((node) => node.replace(/^(YAMLMap \d+),\d+,\d+/, '$1'));
    assert.deepEqual(startsOnly(shape(typed.doc.yaml)), startsOnly(shape(whole.yaml)));
    assert.deepEqual(typed.doc.errors.map((e) => [e.code, e.pos, e.message]), whole.errors.map((e) => [e.code, e.pos, e.message]));
    assert.ok(typed.doc.errors.length > 0);
  }
  // Any other syntax error still sends the text to a whole parse.
  assert.match(parseVersions(BASE, BASE.replace('image: nginx', 'image: "nginx')).results[1]!.fullParse ?? '', /syntax error/);
});
