// Diagnostics a user meets while typing: what a syntax error says at its
// spot, what the rest of the file still says around it, and a new empty file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../../server/src/service';
import { codes, diagnose, setup } from './helpers';

const lines = (...l: string[]) => l.join('\n') + '\n';

test('an empty new file, or one with only a comment, has no diagnostic', () => {
  assert.deepEqual(diagnose(''), []);
  assert.deepEqual(diagnose('\n\n'), []);
  assert.deepEqual(diagnose('# my services\n'), []);
});

test('a key typed without its colon yet says it needs a colon, naming it', () => {
  const list = diagnose(lines('services:', '  db:', '    image: postgres', '    rest'));
  assert.equal(list.length, 1);
  assert.equal(list[0]!.code, 'yaml-syntax');
  assert.match(String(list[0]!.message), /`rest` needs a colon/);
  assert.doesNotMatch(String(list[0]!.message), /closing character/);
});

test('a value ending in a colon says how to quote it', () => {
  const list = diagnose(lines('services:', '  db:', '    image: postgres:'));
  assert.equal(list.length, 1);
  assert.match(String(list[0]!.message), /quote the value/);
  assert.doesNotMatch(String(list[0]!.message), /span several lines/);
});

test('one indentation slip: one error over the slipped key, and the rest of the file is still checked', () => {
  const text = lines(
    'services:',
    '  web:',
    '    image: nginx',
    '   command: echo hi',
    '  db:',
    '    image: postgres',
    '    restart: sometimes',
  );
  const list = diagnose(text);
  const syntax = list.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 1, JSON.stringify(syntax.map((d) => d.message)));
  assert.deepEqual(syntax[0]!.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 19 } });
  assert.match(String(syntax[0]!.message), /does not line up/);
  // db is untouched by the slip: its invalid restart value is still reported.
  assert.ok(list.some((d) => d.range.start.line === 6 && String(d.message).includes('sometimes')), codes(list).join());
  // Nothing is said about the entry the slip made of `command`.
  assert.ok(list.every((d) => d.code === 'yaml-syntax' || d.range.start.line > 3));
});

test('the slipped key is no service for the client (no CodeLens, not in Up)', () => {
  const { service, uri } = setup(lines('services:', '  web:', '    image: nginx', '   command: echo hi', '  db:', '    image: postgres'));
  const names = (service as LanguageService).projectInfo(uri)?.services.map((s) => s.name);
  assert.deepEqual(names?.sort(), ['db', 'web']);
});
