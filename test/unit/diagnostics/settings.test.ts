import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { ALL_CODES } from '../../../server/src/diagnostics/index';
import { fixture } from '../../support/fixture';

const TEXT = `version: "3"
services:
  web:
    image: nginx
    networks: [front]
`;

test('dockhand.diagnostics.rules: "off" drops a rule, a severity replaces its own', (t) => {
  const plain = fixture(t, TEXT).diagnostics();
  assert.deepEqual(plain.map((d) => d.code).sort(), ['obsolete-version', 'undefined-network']);
  const fx = fixture(t, TEXT);
  fx.service.configureDiagnostics({ rules: { 'obsolete-version': 'off', 'undefined-network': 'information' } });
  const tuned = fx.diagnostics();
  assert.deepEqual(tuned.map((d) => d.code), ['undefined-network']);
  assert.equal(tuned[0]!.severity, DiagnosticSeverity.Information);
});

test('every code is stable kebab-case', () => {
  assert.ok(ALL_CODES.length >= 30, ALL_CODES.join());
  for (const code of ALL_CODES) assert.match(code, /^[a-z]+(-[a-z]+)*$/);
});

test('the dockhand.diagnostics.rules setting in package.json lists exactly the codes the rules report', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['dockhand.diagnostics.rules'];
  assert.deepEqual([...setting.propertyNames.enum].sort(), [...ALL_CODES].sort());
  assert.deepEqual(setting.additionalProperties.enum, ['off', 'error', 'warning', 'information', 'hint']);
});
