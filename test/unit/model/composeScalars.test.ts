import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeNumber, composeText, goFloatText, numberTextAsCompose } from '../../../server/src/model/composeScalars';

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
    ['_1', undefined],
    ['._5', undefined],
    ['9223372036854775807', { value: 2 ** 63, integer: true }],
    ['18446744073709551616', { value: 2 ** 64, integer: false }],
    ['2024-01-02', undefined],
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

test('composeText: what Compose passes on for a plain value it keeps as text, as Go prints what it read', () => {
  const cases: [string, string | undefined][] = [
    ['012', '10'],
    ['-012', '-10'],
    ['08', '8'],
    ['3.10', '3.1'],
    ['1.0', '1'],
    ['100.0', '100'],
    ['.5', '0.5'],
    ['1e3', '1000'],
    ['1e21', '1e+21'],
    ['1e-7', '1e-07'],
    ['0.000001', '1e-06'],
    ['123456789.123', '1.23456789123e+08'],
    ['-0.0', '-0'],
    ['9223372036854775808', '9223372036854775808'],
    ['18446744073709551616', '1.8446744073709552e+19'],
    ['-9223372036854775809', '-9.223372036854776e+18'],
    ['12345678901234567890', '12345678901234567890'],
    ['True', 'true'],
    ['FALSE', 'false'],
    ['2024-1-2', '2024-01-02 00:00:00 +0000 UTC'],
    ['2024-01-02T10:20:30Z', '2024-01-02 10:20:30 +0000 UTC'],
    ['2024-01-02 10:20:30.500', '2024-01-02 10:20:30.5 +0000 UTC'],
    ['2024-01-02t10:20:30+02:00', '2024-01-02 10:20:30 +0200 +0200'],
    // No date: February has no 30th, a month 13 is none; go-yaml reads text.
    ['2024-02-30', undefined],
    ['2024-13-01', undefined],
    ['1.2.3', undefined],
    ['10:30', undefined],
    ['yes', undefined],
    ['tRUE', undefined],
    ['null', undefined],
    ['', undefined],
    ['_1', undefined],
    ['1e400', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(composeText(text), expected, text);
});

test('goFloatText: shortest digits, exponent form below 1e-4 and from 1e6, two exponent digits at least', () => {
  assert.equal(goFloatText(1e6), '1e+06');
  assert.equal(goFloatText(999999.5), '999999.5');
  assert.equal(goFloatText(0.0001), '0.0001');
  assert.equal(goFloatText(0.00001234), '1.234e-05');
  assert.equal(goFloatText(1e100), '1e+100');
  assert.equal(goFloatText(0), '0');
});
