import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeNumber, numberTextAsCompose } from '../../../server/src/model/composeScalars';

test('composeNumber: the integers and floats go-yaml reads from a plain scalar, beyond YAML 1.2', () => {
  const cases: [string, { value: number; integer: boolean } | undefined][] = [
    ['1_000', { value: 1000, integer: true }],
    ['1__0', { value: 10, integer: true }],
    ['1_', { value: 1, integer: true }],
    ['0x10', { value: 16, integer: true }],
    ['0o17', { value: 15, integer: true }],
    ['012', { value: 10, integer: true }],
    ['0b101', { value: 5, integer: true }],
    ['-0x10', { value: -16, integer: true }],
    ['+80', { value: 80, integer: true }],
    ['0', { value: 0, integer: true }],
    ['09', { value: 9, integer: false }],
    ['1.5e0', { value: 1.5, integer: false }],
    ['.5', { value: 0.5, integer: false }],
    ['2.', { value: 2, integer: false }],
    ['1e400', undefined],
    ['.inf', undefined],
    ['0x', undefined],
    ['12a', undefined],
    ['8080:80', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) assert.deepEqual(composeNumber(text), expected, text);
});

test('numberTextAsCompose: an integer in decimal, a float with its point, anything else as written', () => {
  assert.equal(numberTextAsCompose('0x1F90'), '8080');
  assert.equal(numberTextAsCompose('1e2'), '100.0');
  assert.equal(numberTextAsCompose('1.5e0'), '1.5');
  assert.equal(numberTextAsCompose('512M'), '512M');
  assert.equal(numberTextAsCompose('8080:80'), '8080:80');
});
