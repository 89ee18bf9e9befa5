// Diagnostics a user meets while typing: what a syntax error says at its
// spot, what the rest of the file still says around it, and a new empty file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

test('an empty new file, or one with only a comment, has no diagnostic', (t) => {
  assert.deepEqual(fixture(t, '').diagnostics(), []);
  assert.deepEqual(fixture(t, '\n\n').diagnostics(), []);
  assert.deepEqual(fixture(t, '# my services\n').diagnostics(), []);
});

test('a key typed without its colon yet says it needs a colon, naming it', (t) => {
  const list = fixture(t, `services:
  db:
    image: postgres
    rest
`).diagnostics();
  assert.equal(list.length, 1);
  assert.equal(list[0]!.code, 'yaml-syntax');
  assert.match(String(list[0]!.message), /`rest` needs a colon/);
  assert.doesNotMatch(String(list[0]!.message), /closing character/);
});

test('a value ending in a colon says how to quote it', (t) => {
  const list = fixture(t, `services:
  db:
    image: postgres:
`).diagnostics();
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /quote the value/);
  assert.doesNotMatch(String(list[0]!.message), /span several lines/);
});

test('one indentation slip: one error over the slipped key, and the rest of the file is still checked', (t) => {
  const text = `services:
  web:
    image: nginx
   command: echo hi
  db:
    image: postgres
    restart: sometimes
`;
  const list = fixture(t, text).diagnostics();
  const syntax = list.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 1, JSON.stringify(syntax.map((d) => d.message)));
  assert.deepEqual(syntax[0]!.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 19 } });
  assert.match(String(syntax[0]!.message), /does not line up/);
  // db is untouched by the slip: its invalid restart value is still reported.
  assert.ok(list.some((d) => d.range.start.line === 6 && String(d.message).includes('sometimes')), list.map((d) => d.code).join());
  // Nothing is said about the entry the slip made of `command`.
  assert.ok(list.every((d) => d.code === 'yaml-syntax' || d.range.start.line > 3));
});

test('the slipped key is no service for the client (no CodeLens, not in Up)', (t) => {
  const fx = fixture(t, `services:
  web:
    image: nginx
   command: echo hi
  db:
    image: postgres
`);
  fx.open('compose.yaml');
  const names = fx.service.projectInfo(fx.uri('compose.yaml'))?.services.map((s) => s.name);
  assert.deepEqual(names?.sort(), ['db', 'web']);
});
