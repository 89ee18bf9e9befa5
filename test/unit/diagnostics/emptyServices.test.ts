// wrong-type on a service written with nothing under it (`db:`), as Compose 2.26 judges it across a project's
// files (rules/emptyServices.ts). Held to Compose in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const wrongTypes = (list: Diagnostic[]) =>
  list.filter((d) => d.code === 'wrong-type').map((d) => [d.range.start.line, d.range.start.character, d.severity]);

test('wrong-type: an empty service in the main file is an error on its name, also `null` and beside a comment; `{}`, `!reset` and a body are not', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    image: nginx\n  db:\n  cache: null\n  worker: # to do\n  empty: {}\n  gone: !reset\n');
  assert.deepEqual(wrongTypes(fx.diagnostics()), [[3, 2, DiagnosticSeverity.Error], [4, 2, DiagnosticSeverity.Error], [5, 2, DiagnosticSeverity.Error]]);
  assert.match(String(fx.diagnostics('wrong-type')[0]!.message), /^services\.db must be a mapping \(key: value lines\), not empty: Compose refuses a service with nothing under it\./);
});

test('wrong-type: an override may leave a service the main file defines empty; one it adds empty is an error, and so is the main file\'s own', (t) => {
  const fx = fixture(t, {
    'compose.override.yaml': 'services:\n  db:\n  cache:\n',
    'compose.yaml': 'services:\n  db:\n    image: postgres\n  web:\n',
  });
  assert.deepEqual(wrongTypes(fx.diagnostics()), [[2, 2, DiagnosticSeverity.Error]]);
  assert.deepEqual(wrongTypes(fx.diagnostics(undefined, 'compose.yaml')), [[3, 2, DiagnosticSeverity.Error]]);
});

test('wrong-type: an empty service in a file that may be one of several -f files (an extends target) is a warning that says why', (t) => {
  const fx = fixture(t, { 'base.yaml': 'services:\n  base:\n    image: alpine\n  nil:\n' });
  assert.deepEqual(wrongTypes(fx.diagnostics()), [[3, 2, DiagnosticSeverity.Warning]]);
  assert.match(String(fx.diagnostics('wrong-type')[0]!.message), /A warning only: this file is not named like a Compose file/);
});

test('wrong-type: the empty service goes once it has a key', (t) => {
  const fx = fixture(t, 'services:\n  db:\n');
  assert.equal(wrongTypes(fx.diagnostics()).length, 1);
  fx.open(fx.files[0]!, 'services:\n  db:\n    image: postgres\n');
  assert.deepEqual(wrongTypes(fx.diagnostics()), []);
});
