// Names judged while a key is typed: a word without its colon yet is a
// syntax error, and past a syntax error names are not judged (a definition
// may be hidden). A key being typed changes one key of its mapping, and
// where that cannot make a name verdict wrong the undefined names, cycles and
// service addresses elsewhere in the file stay reported, keystroke after
// keystroke (typedKeys.ts says the rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../../server/src/model/document';
import { buildFileModel } from '../../../server/src/model/fileModel';
import { namesAfterTyping, namesSurviveTyping } from '../../../server/src/diagnostics/typedKeys';
import { blockingSyntaxErrors } from '../../../server/src/diagnostics/rules/yamlSyntax';
import { fixture } from '../../support/fixture';

/** Whether names are judged in `text`, parsed whole (the by-block tree is the same: test/corpus/halfTypedKeys.test.ts). */
function judged(text: string): boolean {
  const uri = 'file:///project/compose.yaml';
  const doc = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, text), 1);
  assert.ok(doc.errors.length > 0, `no syntax error in:\n${text}`);
  return namesSurviveTyping(doc, blockingSyntaxErrors(doc.errors), buildFileModel(doc).anchors);
}

const SERVICES = `services:
  web:
    image: nginx
    depends_on: [db]
    networks: [back]
    hostname: web.local
  db:
    image: postgres
networks:
  back:
    driver: bridge
`;

/** SERVICES with `line` inserted before line `at` (0-based). */
function typed(line: string, at: number, text = SERVICES): string {
  const lines = text.split('\n');
  return [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
}

test('a word typed where it changes nothing another verdict reads leaves names judged', () => {
  assert.equal(judged(typed('    hostn', 6)), true, 'last in a service: it swallows nothing');
  assert.equal(judged(typed('    hostn', 8)), true, 'last in the last service');
  assert.equal(judged(typed('    hostn', 2)), true, 'before image: (no name reads it)');
  assert.equal(judged(typed('    hostn', 3)), true, 'before depends_on: (losing references only takes findings away)');
  const ports = SERVICES.replace('    hostname: web.local\n', '    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n');
  assert.equal(judged(typed('    hostn', 5, ports)), true, 'before ports: (no ports at all: no conflict, no host port in an address)');
  assert.equal(judged(typed('        hostn', 8, ports)), false, 'before host_ip: inside ports (the port would be published on every address)');
  assert.equal(judged(typed('  cache', 8)), true, 'a new service name, last in services: a definition with no body');
  assert.equal(judged(typed('    hostname', 6)), true, 'hostname with no value is no name');
  assert.equal(judged(typed('    labe', 11)), true, 'before driver: in a network\'s body');
  assert.equal(judged(typed('name', 0, typed('x-foo: 1', 0))), true, 'before an x- block at the top level');
  assert.equal(judged(`${SERVICES}volu\n`), true, 'last at the top level');
});

test('an alias being typed, `*` alone, is judged as the alias to an anchor not defined yet that its next key makes of it', () => {
  assert.equal(judged(typed('    x-extra: *', 6)), true, 'an extension key of a service');
  assert.equal(judged(typed('    <<: *', 8)), true, 'a merge, the way aliases are mostly used');
  assert.equal(judged(typed('    networks: *', 8)), true, 'networks');
  assert.equal(judged(typed('    entrypoint: [*]', 6)), true, 'in a list');
  assert.equal(judged(typed('    x-extra: *', 6).replace('depends_on: [db]', 'depends_on: [db:')), false, 'with another syntax error beside it');
  // What the next key makes of it: no syntax error, so every verdict is made.
  const next = typed('    <<: *c', 8);
  const uri = 'file:///project/compose.yaml';
  assert.deepEqual(parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, next), 1).errors, []);
});

test('a word that swallows a definition, a section, or what other services are judged by leaves names unjudged', () => {
  assert.equal(judged(typed('  ap', 6)), false, 'before a service: it swallows db, and depends_on [db] would read as undefined');
  assert.equal(judged(typed('  fro', 10)), false, 'before a network definition');
  assert.equal(judged(typed('name', 0)), false, 'before services: at the top level');
  assert.equal(judged(typed('volu', 8)), false, 'before networks: at the top level');
  assert.equal(judged(typed('    hostn', 4)), false, 'before networks: of a service (others would share no network with it)');
  assert.equal(judged(typed('    hostn', 5)), false, 'before hostname: (a name others reach it by)');
  assert.equal(judged(typed('    networks', 6)), false, 'networks with no value puts the service on no network');
  const mapped = SERVICES.replace('    networks: [back]\n', '    networks:\n      back:\n        aliases: [api]\n');
  assert.equal(judged(typed('        ipv4', 6, mapped)), false, 'before aliases: inside a service\'s networks');
  assert.equal(judged(`include:\n  - path: ../base.yaml\n    proj\n    env_file: .env\n${SERVICES}`), false, 'inside include');
});

test('a word in an anchored block is judged where each alias puts it', () => {
  const common = (typedLine: string) => `x-common: &common
  restart: always
${typedLine}  networks: [back]
services:
  web:
    <<: *common
    image: nginx
`;
  assert.equal(judged(common('  hostn\n')), false, 'before networks: of a block merged into services');
  assert.equal(judged(common('').replace('  restart: always\n', '  hostn\n  restart: always\n')), true, 'before restart: of it');
  const nets = `x-nets: &nets
  back:
  hostn
  front:
services:
  web:
    image: nginx
    networks: *nets
`;
  assert.equal(judged(nets), false, 'a block used as a service\'s networks: front is lost from them');
  assert.equal(judged(nets.replace('    networks: *nets', '    labels: *nets')), true, 'the same block used as labels');
});

test('another syntax error, or a second word that misleads, leaves names unjudged', () => {
  assert.equal(judged(typed('    image: "nginx', 2)), false);
  assert.equal(judged(typed('    hostn', 5, typed('    hostn', 2))), false, 'one before image:, one before networks:');
});

const UNDEFINED = `services:
  web:
    image: nginx
    depends_on: [dbx]
  db:
    image: postgres
    restart: always
`;

/** The diagnostics of `text`, by block as an open document is checked, and whole (a trailing document end marker makes the parser take the whole text). */
function bothWays(t: Parameters<typeof fixture>[0], text: string): { byBlock: string[]; whole: string[] } {
  const codes = (source: string) => fixture(t, source).diagnostics().map((d) => `${d.code}@${d.range.start.line}`).sort();
  return { byBlock: codes(text), whole: codes(`${text}${text.endsWith('\n') ? '' : '\n'}...\n`) };
}

test('an undefined dependency keeps its warning while a key is typed in another service, last in it or before its next key', (t) => {
  for (const text of [typed('    hostn', 7, UNDEFINED), typed('    hostn', 6, UNDEFINED), typed('    h', 5, UNDEFINED)]) {
    const { byBlock, whole } = bothWays(t, text);
    assert.ok(byBlock.includes('undefined-service@3'), `${text}\n${byBlock}`);
    assert.deepEqual(whole, byBlock);
  }
});

test('a word that swallows a service gives no false undefined warning to the references to it', (t) => {
  const text = typed('  ap', 4, UNDEFINED.replace('[dbx]', '[db]'));
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['yaml-syntax@4']);
  assert.deepEqual(whole, byBlock);
});

test('a new service named above another keeps the file\'s other name warnings, and gives none to the one it swallows', (t) => {
  // `ap` typed above `db:` reads as the key `ap db` until its colon: db is lost, queue is still undefined.
  const base = 'services:\n  web:\n    image: nginx\n    depends_on: [queue]\n  cache:\n    image: redis\n    links: [db]\n  db:\n    image: postgres\n';
  const text = typed('  ap', 7, base);
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['undefined-service@3', 'yaml-syntax@7']);
  assert.deepEqual(whole, byBlock);
  const uri = 'file:///project/compose.yaml';
  const doc = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, text), 1);
  assert.deepEqual(namesAfterTyping(doc, blockingSyntaxErrors(doc.errors), buildFileModel(doc).anchors), ['db', 'ap db']);
  assert.equal(namesSurviveTyping(doc, blockingSyntaxErrors(doc.errors), buildFileModel(doc).anchors), false, 'not judged as a whole');
});

test('a new top-level key typed above a section of networks keeps the file\'s other name warnings, and gives none to the networks it swallows', (t) => {
  // `x-new` typed above `networks:` reads as the key `x-new networks` until its colon: back and front are lost, queue and the volume cache are still undefined.
  const base = 'services:\n  web:\n    image: nginx\n    depends_on: [queue]\n    networks: [back]\n  db:\n    image: postgres\n    networks: [front]\n    volumes: [cache:/data]\nnetworks:\n  back: {}\n  front: {}\n';
  const text = typed('x-new', 9, base);
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['undefined-service@3', 'undefined-volume@8', 'yaml-syntax@9']);
  assert.deepEqual(whole, byBlock);
  const uri = 'file:///project/compose.yaml';
  const doc = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, text), 1);
  assert.deepEqual(namesAfterTyping(doc, blockingSyntaxErrors(doc.errors), buildFileModel(doc).anchors), ['x-new networks', 'back', 'front']);
  // The services hold every name: a key typed above them leaves names unjudged.
  const above = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, `name: app\nx-new\n${base}`), 1);
  assert.equal(namesAfterTyping(above, blockingSyntaxErrors(above.errors), buildFileModel(above).anchors), false);
});

test('a word that swallows the networks of a service gives no false warning at the address of it in another', (t) => {
  const text = `services:
  web:
    image: nginx
    networks: [back]
    environment:
      DB_URL: postgres://db:5432/app
  db:
    image: postgres
    hostn
    networks: [back]
`;
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['yaml-syntax@8']);
  assert.deepEqual(whole, byBlock);
  // The tree the parser recovers, judged, would say web and db share no network: that is what the rule prevents.
  const recovered = text.replace('    hostn\n    networks:', '    hostn networks:');
  assert.ok(bothWays(t, recovered).byBlock.includes('no-shared-network@5'));
});

test('the findings inside the entry being typed in are still dropped', (t) => {
  const { byBlock, whole } = bothWays(t, typed('    hostn', 4, UNDEFINED));
  assert.deepEqual(byBlock, ['yaml-syntax@4']);
  assert.deepEqual(whole, byBlock);
});

test('a dependency cycle stays reported while a key is typed outside it', (t) => {
  const text = `services:
  a:
    image: x
    depends_on: [b]
  b:
    image: x
    depends_on: [a]
  c:
    image: x
    hostn
`;
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['dependency-cycle@3', 'dependency-cycle@6', 'yaml-syntax@9']);
  assert.deepEqual(whole, byBlock);
});

test('a key typed in another file of the project is judged alike: names wait while it swallows a service defined there', (t) => {
  const fx = fixture(t, `#- compose.yaml
services:
  web:
    image: nginx
    depends_on: [cache, nowhere]
#- compose.override.yaml
services:
  cache:
    image: redis
`);
  const undefinedNames = () => fx.diagnostics('undefined-service').map((d) => String(d.message).match(/"(\w+)"\.?$/)?.[1]);
  assert.deepEqual(undefinedNames(), ['nowhere']);
  // `ap` typed above `cache:` in the override swallows cache: judged, web's cache would read as undefined.
  fx.open('compose.override.yaml', 'services:\n  ap\n  cache:\n    image: redis\n');
  assert.deepEqual(undefinedNames(), []);
  // A key typed last in cache swallows nothing: the real problem stays reported.
  fx.open('compose.override.yaml', 'services:\n  cache:\n    image: redis\n    hostn\n');
  assert.deepEqual(undefinedNames(), ['nowhere']);
});

test('a word that swallows the profiles of a service gives no false port conflict with a service of another profile', (t) => {
  const text = `services:
  a:
    image: x
    hostn
    profiles: [dev]
    ports: ["8080:80"]
  b:
    image: y
    profiles: [prod]
    ports: ["8080:80"]
`;
  const { byBlock, whole } = bothWays(t, text);
  assert.deepEqual(byBlock, ['yaml-syntax@3']);
  assert.deepEqual(whole, byBlock);
  // A real conflict stays reported while a key is typed in a third service.
  const conflict = `services:
  a:
    image: x
    ports: ["8080:80"]
  b:
    image: y
    ports: ["8080:80"]
  c:
    image: z
    hostn
`;
  const both = bothWays(t, conflict);
  assert.deepEqual(both.byBlock, ['port-conflict@3', 'port-conflict@6', 'yaml-syntax@9']);
  assert.deepEqual(both.whole, both.byBlock);
});
