// The last step of every run drops a finding said twice (same code, start and message), and only that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { dedupe } from '../../../server/src/diagnostics/index';

function finding(line: number, character: number, code: string, message: string): Diagnostic {
  return { range: { start: { line, character }, end: { line, character: character + 1 } }, code, message, source: 'dockhand' };
}

test('a finding said twice is kept once; findings that differ in place, code or message are all kept, in order', () => {
  const list = [
    finding(3, 4, 'port-conflict', 'a'),
    finding(3, 4, 'port-conflict', 'a'),
    finding(3, 4, 'port-conflict', 'b'),
    finding(3, 4, 'invalid-format', 'a'),
    finding(3, 5, 'port-conflict', 'a'),
    finding(4, 4, 'port-conflict', 'a'),
    finding(3, 4, 'invalid-format', 'a'),
  ];
  assert.deepEqual(dedupe(list), [list[0], list[2], list[3], list[4], list[5]]);
});

test('places far apart on long lines are not taken for one (a millionth character against the next line)', () => {
  const list = [finding(0, 0x100000, 'invalid-format', 'a'), finding(1, 0, 'invalid-format', 'a')];
  assert.deepEqual(dedupe(list), list);
});
