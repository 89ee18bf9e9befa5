import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const at = (d: { range: { start: { line: number; character: number } } }) => `${d.range.start.line}:${d.range.start.character}`;

test('control-character: each control character YAML refuses is an error at its place, in any value', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    image: "ng\u0001inx"\n    command: echo \u007f done\n    environment:\n      A: "\u0085 \u009f"\n');
  const list = fx.diagnostics('control-character');
  assert.deepEqual(list.map(at), ['2:14', '3:18', '5:12']);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Error));
  assert.match(String(list[0]!.message), /U\+0001.*control characters are not allowed.*"\\x01"/);
  assert.match(String(list[2]!.message), /U\+009F/);
});

test('control-character: a tab, NEL, a no-break space, letters of any script and emoji are characters YAML takes', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    image: nginx\n    command: ["echo", "a\tb \u0085 \u00a0 caf\u00e9 \u6f22 \ud83d\ude80 \ufeff"]\n');
  assert.deepEqual(fx.diagnostics('control-character'), []);
  assert.deepEqual(fx.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('control-character: a binary file gets the first ten, not one per byte', (t) => {
  const fx = fixture(t, { 'compose.yaml': `services:\n  web:\n    image: "${'\u0002'.repeat(40)}"\n` });
  assert.equal(fx.diagnostics('control-character').length, 10);
});

test('control-character: placed after edits (in one service of many, lines added above) where a fresh server places it, and gone with the character', (t) => {
  const services = Array.from({ length: 30 }, (_, i) => `  s${i}:\n    image: nginx\n`).join('');
  const fx = fixture(t, { 'compose.yaml': `services:\n${services}` });
  assert.deepEqual(fx.diagnostics('control-character'), []);
  const broken = `services:\n${services.replace('  s7:\n    image: nginx', '  s7:\n    image: ngi\u0007nx')}`;
  fx.open('compose.yaml', broken);
  assert.deepEqual(fx.diagnostics('control-character').map(at), ['16:14']);
  // Lines added above move it; a fresh server on the same text agrees.
  fx.open('compose.yaml', `name: x\n\n${broken}`);
  assert.deepEqual(fx.diagnostics('control-character').map(at), ['18:14']);
  assert.deepEqual(fx.restarted().diagnostics(fx.uri('compose.yaml')).filter((d) => d.code === 'control-character').map(at), ['18:14']);
  fx.open('compose.yaml', `name: x\n\nservices:\n${services}`);
  assert.deepEqual(fx.diagnostics('control-character'), []);
});

test('invalid-encoding: bytes on disk that are not UTF-8 are one error at the first, with how many more', (t) => {
  const fx = fixture(t, { 'compose.yaml': '' });
  // Latin-1 e-acute in a comment and in a value: each decodes as U+FFFD.
  fs.writeFileSync(fx.path('compose.yaml'), Buffer.concat([Buffer.from('services:\n  web:\n    image: nginx # caf'), Buffer.from([0xe9]), Buffer.from('\n    hostname: h'), Buffer.from([0xe9]), Buffer.from('\n')]));
  const list = fx.diagnostics('invalid-encoding');
  assert.deepEqual(list.map(at), ['2:22']);
  assert.equal(list[0]!.severity, DiagnosticSeverity.Error);
  assert.match(String(list[0]!.message), /not valid UTF-8: here \(and in one more place\)/);
});

test('invalid-encoding: a replacement character written in a UTF-8 file, or typed in the editor, is a character like any other', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx # \ufffd\n' });
  assert.deepEqual(fx.diagnostics('invalid-encoding'), []);
  fx.open('compose.yaml', 'services:\n  web:\n    image: nginx # \ufffd \ufffd\n');
  assert.deepEqual(fx.diagnostics('invalid-encoding'), []);
});

test('a long value quoted in a message is cut short', (t) => {
  const fx = fixture(t, { 'compose.yaml': `services:\n  web:\n    image: nginx\n    ports: "${'8'.repeat(500)}"\n` });
  const list = fx.diagnostics('wrong-type');
  assert.equal(list.length, 1);
  assert.ok(String(list[0]!.message).length < 200, String(list[0]!.message));
  assert.match(String(list[0]!.message), /"8{60}\u2026"/);
});
