import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { startServer, type LspSession } from './helpers/server';

let server: LspSession;
let counter = 0;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const messy = [
  'x-base: &base   ',
  '    restart:     always',
  '    labels:',
  '    -   com.example=1',
  'services:',
  '    # the web server',
  '    web:   # stays on its line',
  '        <<: *base',
  '        image:    &img nginx:1.25',
  '        command:   |',
  '            echo one',
  '              two, indented',
  '',
  '            three',
  '        ports:',
  '        -   8080:80',
  '        -   "443:443"',
  '        -   target: 9000',
  '            published: 9001',
  '        environment: {A: 1,',
  '           B: 2}',
  '        # a comment under the last key',
  '    db: !reset',
  '    cache:',
  '        image: !override "redis:7"',
  '#   commented:',
  '#     out',
  'volumes:',
  '    data:',
  '',
].join('\n');

function openDoc(text: string): string {
  const uri = `file:///tmp/dockhand-format-${process.pid}-${counter++}/compose.yaml`;
  server.open(uri, text);
  return uri;
}

async function format(uri: string, tabSize = 2): Promise<TextEdit[]> {
  return server.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } });
}

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
const data = (text: string) => parseDocument(text, { merge: true }).toJS();

test('formatting re-indents to the tab size, puts one space after a dash and after a key\'s colon, and keeps comments, anchors, merge keys, tags, block scalars and flow collections', async () => {
  const uri = openDoc(messy);
  const formatted = apply(messy, await format(uri));
  assert.equal(
    formatted,
    [
      'x-base: &base',
      '  restart: always',
      '  labels:',
      '    - com.example=1',
      'services:',
      '  # the web server',
      '  web:   # stays on its line',
      '    <<: *base',
      '    image: &img nginx:1.25',
      '    command: |',
      '        echo one',
      '          two, indented',
      '',
      '        three',
      '    ports:',
      '      - "8080:80"',
      '      - "443:443"',
      '      - target: 9000',
      '        published: 9001',
      '    environment: {A: 1,',
      '       B: 2}',
      '    # a comment under the last key',
      '  db: !reset',
      '  cache:',
      '    image: !override "redis:7"',
      '#   commented:',
      '#     out',
      'volumes:',
      '  data:',
      '',
    ].join('\n'),
  );
  assert.deepEqual(data(formatted), data(messy), 'the data (merged) is the same before and after');
  server.change(uri, formatted);
  assert.deepEqual(await format(uri), [], 'formatting formatted text changes nothing');
});

test('the indentation follows the editor tab size', async () => {
  const uri = openDoc('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n');
  assert.equal(apply('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n', await format(uri, 4)), 'services:\n    web:\n        image: nginx\n        ports:\n            - "80:80"\n');
});

test('range formatting changes only the lines of the range', async () => {
  const uri = openDoc(messy);
  const edits = await server.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line: 14, character: 0 }, end: { line: 16, character: 0 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(edits.length > 0);
  for (const edit of edits) assert.ok(edit.range.start.line >= 14 && edit.range.end.line <= 16, `edit outside the range: ${JSON.stringify(edit.range)}`);
  const lines = apply(messy, edits).split('\n');
  assert.equal(lines[15], '      - "8080:80"');
  assert.equal(lines[1], '    restart:     always', 'a line before the range is untouched');
});

test('a document with syntax errors gets no edits and no error', async () => {
  const broken = 'services:\n    web:\n        image: "nginx\n   ports: [80\n';
  const uri = openDoc(broken);
  const logged = server.log.length;
  assert.deepEqual(await format(uri), []);
  assert.ok(!server.log.slice(logged).some((line) => /formatting failed/.test(line)), server.log.slice(logged).join('\n'));
});

test('dockhand.format settings: no port quoting, lists at the key column, a fixed indent, off', async () => {
  const text = 'services:\n    web:\n        ports:\n        - 8080:80\n';
  const uri = openDoc(text);
  const configure = (format: Record<string, unknown>) =>
    server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { format } } });
  await configure({ quotePorts: false, indentSequences: false, indent: 3 });
  assert.equal(apply(text, await format(uri)), 'services:\n   web:\n      ports:\n      - 8080:80\n');
  await configure({ enable: false });
  assert.deepEqual(await format(uri), []);
  await configure({});
  assert.equal(apply(text, await format(uri)), 'services:\n  web:\n    ports:\n      - "8080:80"\n');
});

test('one edit per run of changed lines: a line left as it was is in no edit, and CRLF line breaks stay', async () => {
  const text = ['services:', '    web:', '        image: nginx', '  # keeps its place', 'volumes:', '    data:', ''].join('\r\n');
  const uri = openDoc(text);
  const edits = await format(uri);
  const lines = (edit: TextEdit) => `${edit.range.start.line}-${edit.range.end.line}`;
  // Lines 1-2 move, line 3 (a comment at the level it stays at) and 4 do not, line 5 moves: two runs.
  assert.deepEqual(edits.map(lines), ['1-2', '5-5']);
  assert.equal(edits[0]!.newText, '  web:\r\n    image: nginx', 'the run keeps the line break between its lines as written');
  assert.equal(apply(text, edits), ['services:', '  web:', '    image: nginx', '  # keeps its place', 'volumes:', '  data:', ''].join('\r\n'));
});

test('a flow collection on one line is spaced as Prettier writes one: [a, b] and { a: 1 }; one with a trailing comma, or on several lines, stays as written', async () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    ports: [ 8080:80,   "8443:443" ]',
    '    command: ["sh","-c",  "echo a, b"]',
    '    labels: {a:  1,b: "x" , c: [ 1,2 ]}',
    '    dns: [ ]',
    '    tmpfs: [ /run , ]',
    '    environment: {A: 1,',
    '       B:  2}',
    '',
  ].join('\n');
  const uri = openDoc(text);
  const formatted = apply(text, await format(uri));
  assert.equal(
    formatted,
    [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports: ["8080:80", "8443:443"]',
      '    command: ["sh", "-c", "echo a, b"]',
      '    labels: { a: 1, b: "x", c: [1, 2] }',
      '    dns: []',
      '    tmpfs: [ /run , ]',
      '    environment: {A: 1,',
      '       B:  2}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(data(formatted), data(text), 'the data is the same before and after');
  server.change(uri, formatted);
  assert.deepEqual(await format(uri), [], 'formatting formatted text changes nothing');
});
