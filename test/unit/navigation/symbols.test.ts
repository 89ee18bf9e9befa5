import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, workspaceSymbols } from '../../../server/src/features/symbols';
import { parseCompose } from '../../../server/src/model/document';
import { editWindow } from '../../../server/src/model/editWindow';
import { buildFileModel } from '../../../server/src/model/fileModel';
import { IncrementalParser } from '../../../server/src/model/incremental';
import { fixture } from '../../support/fixture';

const KIND_NAME = new Map(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));

function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${KIND_NAME.get(s.kind) ?? s.kind}]${s.detail ? ` ${s.detail}` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

function contains(outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean {
  const before = (a: DocumentSymbol['range']['start'], b: DocumentSymbol['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

test('the outline nests sections, services and their parts with kinds and details', (t) => {
  const fx = fixture(t, [
    'name: shop',
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    ports:',
    '      - "8080:80"',
    '    environment:',
    '      MODE: prod',
    '    depends_on: [db]',
    '  db:',
    '    build: ./db',
    'networks:',
    '  front:',
    '    external: true',
    'volumes:',
    '  data: {}',
  ].join('\n') + '\n');
  const req = fx.request('compose.yaml');
  const symbols = documentSymbols(req.doc, req.file);
  assert.deepEqual(outline(symbols), [
    'name [Property] shop',
    'services [Module]',
    '  web [Class] nginx:1.27',
    '    image [Property] nginx:1.27',
    '    ports [Array] 1 item',
    '      8080:80 [Number]',
    '    environment [Object]',
    '      MODE [Variable] prod',
    '    depends_on [Array] 1 item',
    '      db [Constant]',
    '  db [Class] build: ./db',
    '    build [Property] ./db',
    'networks [Module]',
    '  front [Interface] external',
    '    external [Property] true',
    'volumes [Module]',
    '  data [Struct]',
  ]);
  const services = symbols[1];
  const web = services.children![0];
  assert.deepEqual(web.selectionRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  assert.equal(web.range.end.line, 8, 'the service ends on its last line, not after the line break');
  const walk = (s: DocumentSymbol): void => {
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection inside range`);
    for (const c of s.children ?? []) {
      assert.ok(contains(s.range, c.range), `${c.name} inside ${s.name}`);
      walk(c);
    }
  };
  symbols.forEach(walk);
});

test('an empty or scalar document has no outline; a broken one keeps what parsed', (t) => {
  const fx = fixture(t, '');
  const req = fx.request('compose.yaml');
  assert.deepEqual(documentSymbols(req.doc, req.file), []);
  fx.open('compose.yaml', 'services:\n  web:\n    image: [unclosed\n  db:\n    image: x\n');
  const broken = fx.request('compose.yaml');
  assert.ok(outline(documentSymbols(broken.doc, broken.file)).some((line) => line.startsWith('  web [Class]')));
});

test('workspace symbols: service names of every open document\'s project, filtered by the query', (t) => {
  const fx = fixture(t, `#- compose.yaml
include: [more/compose.yaml]
services:
  webapp:
    image: a
  worker: {}

#- more/compose.yaml
services:
  mailer: {}

#- other/compose.yaml
services:
  webhook: {}
`);
  const uris = [fx.uri('compose.yaml'), fx.uri('other/compose.yaml')];
  const all = workspaceSymbols(fx.workspace, uris, '');
  assert.deepEqual(all.map((s) => s.name).sort(), ['mailer', 'webapp', 'webhook', 'worker']);
  assert.deepEqual(workspaceSymbols(fx.workspace, uris, 'wb').map((s) => s.name), ['webapp', 'webhook']);
  const mailer = all.find((s) => s.name === 'mailer')!;
  assert.equal(mailer.location.uri, fx.uri('more/compose.yaml'));
  assert.equal(mailer.kind, SymbolKind.Class);
  assert.deepEqual(mailer.location.range.start, { line: 1, character: 2 });
});

test('a large file is outlined only as deep as fits the bound: its sections and names always, a level below only whole', (t) => {
  const service = (i: number, keys: number) => [`  s${i}:`, ...Array.from({ length: keys }, (_, k) => `    k${k}: v`)].join('\n');
  const depthOf = (symbols: readonly DocumentSymbol[]): number => Math.max(0, ...symbols.map((s) => 1 + depthOf(s.children ?? [])));
  const count = (symbols: readonly DocumentSymbol[]): number => symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
  // 350 services of 12 keys: 4,551 symbols down to the keys, under the bound.
  const small = fixture(t, ['services:', ...Array.from({ length: 350 }, (_, i) => service(i, 12)), ''].join('\n'));
  const smallOutline = documentSymbols(small.request('compose.yaml').doc, small.request('compose.yaml').file);
  assert.equal(depthOf(smallOutline), 3);
  assert.equal(count(smallOutline), 4_551);
  // 400 services of 12 keys: the keys would make 5,201 symbols, so the outline lists the services, every one.
  const large = fixture(t, ['services:', ...Array.from({ length: 400 }, (_, i) => service(i, 12)), ''].join('\n'));
  const largeOutline = documentSymbols(large.request('compose.yaml').doc, large.request('compose.yaml').file);
  assert.equal(depthOf(largeOutline), 2);
  assert.equal(largeOutline[0]!.children!.length, 400);
});

// An entry's symbol is kept with its pair across versions of a document spliced from blocks (symbols.ts):
// after every edit the outline must be a whole parse's, whichever depth the outline's bound allows.
test('kept entries, moved by edits above and in the file, give the outline of a whole parse of the same text', () => {
  const uri = 'file:///nonexistent-dockhand-unit/outline/compose.yaml';
  const service = (i: number) => [`  s${i}:`, `    image: app-${i}`, '    ports:', '      - "1:1"', '    environment:', '      A: "1"'];
  for (const count of [20, 1249]) {
    // 1,249 such services fit the bound three levels deep and 1,250 only two: the edits below cross it both ways.
    const parser = new IncrementalParser(uri);
    let doc = TextDocument.create(uri, 'dockercompose', 1, ['name: shop', 'services:', ...Array.from({ length: count }, (_, i) => service(i)).flat(), 'networks:', '  front: {}', ''].join('\n'));
    const check = (what: string) => {
      const spliced = parser.parse(doc).doc;
      assert.ok(spliced.blocks, `${what}: spliced from blocks`);
      const whole = parseCompose(uri, doc.getText(), doc.version);
      const file = buildFileModel(whole);
      assert.deepEqual(documentSymbols(spliced, file), documentSymbols(whole, file), `${what} (${count} services)`);
    };
    const edit = (what: string, at: number, remove: number, text: string) => {
      const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at + remove) }, text };
      parser.noteEdit(editWindow(doc, [change]));
      doc = TextDocument.update(doc, [change], doc.version + 1);
      check(what);
    };
    check('opened');
    edit('a service written above the others', doc.getText().indexOf('  s0:'), 0, service(900).join('\n') + '\n');
    edit('asked again, nothing changed', 0, 0, '');
    edit('a key added inside a service', doc.getText().indexOf('    ports:', doc.getText().indexOf('  s3:')), 0, '    restart: always\n');
    edit('an image changed', doc.getText().indexOf('app-5'), 5, 'other');
    edit('a service deleted', doc.getText().indexOf('  s7:'), doc.getText().indexOf('  s8:') - doc.getText().indexOf('  s7:'), '');
    edit('the file name line made longer', 0, 0, '# the shop\n');
    // A word typed above a section's key reads with it as one key: its entries are found under the joined key, then under their own again.
    edit('a top-level key begun above services', doc.getText().indexOf('services:'), 0, 'xy\n');
    edit('taken back', doc.getText().indexOf('xy\n'), 3, '');
    edit('a top-level key begun above networks', doc.getText().indexOf('networks:'), 0, 'vo\n');
    edit('its colon', doc.getText().indexOf('vo\n') + 2, 0, ':');
    edit('taken back too', doc.getText().indexOf('vo:\n'), 4, '');
  }
});
