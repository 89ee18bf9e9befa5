// exclusive-keys on a long-syntax mount (the spec's refusedWhen, rules/exclusiveKeys.ts): a key the engine refuses
// for the mount's type. Held to the engine in test/docker/compose-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

test('exclusive-keys: a source on a type: tmpfs mount is an error at source, with a fix that removes it; other types keep theirs', (t) => {
  const source = 'services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        source: ./cache\n        target: /cache\n      - type: bind\n        source: ./conf\n        target: /etc/app\n';
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  const list = fx.diagnostics('exclusive-keys');
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[5, 8, DiagnosticSeverity.Error]]);
  assert.match(String(list[0]!.message), /^services\.web\.volumes\.0: 'source' cannot be set with 'type: tmpfs': Compose loads it, and the engine refuses it at up \("invalid mount config for type "tmpfs": field Source must not be specified"\)/);
  const [remove] = fx.service.codeActions(fx.uri(name), list[0]!.range, [list[0]!]);
  assert.equal(remove?.title, 'Remove source');
  const fixed = fx.apply(remove!.edit!)[name]!;
  assert.equal(fixed, source.replace('        source: ./cache\n', ''));
  fx.open(name, fixed);
  assert.deepEqual(fx.diagnostics('exclusive-keys'), []);
});
