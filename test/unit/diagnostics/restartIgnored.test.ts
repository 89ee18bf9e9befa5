// restart-ignored (rules/restartIgnored.ts): restart beside a deploy.restart_policy that asks for something else.
// What Compose gives the container in each case is held to it in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const service = (name: string, restart: string, policy: string) => `  ${name}:\n    image: x\n    restart: ${restart}\n    deploy:\n      restart_policy:${policy}\n`;

test('restart-ignored: restart beside a restart_policy that gives another policy is a warning at restart, saying what the container gets; the same policy written both ways is not', (t) => {
  const source = 'services:\n' +
    service('a', 'unless-stopped', '\n        max_attempts: 2') +
    service('b', '"on-failure:3"', '\n        condition: on-failure\n        max_attempts: 5') +
    service('c', 'always', '\n        condition: any\n        max_attempts: 4') +
    service('d', '"no"', ' {}') +
    service('e', 'on-failure', '\n        condition: on-failure') +
    service('f', '${RESTART}', '\n        condition: none');
  const list = fixture(t, source).diagnostics('restart-ignored').map((d) => [d.range.start.line, d.severity, String(d.message)] as const);
  assert.deepEqual(list.map(([line, severity]) => [line, severity]), [[3, DiagnosticSeverity.Warning], [9, DiagnosticSeverity.Warning]]);
  assert.match(list[0]![2], /^restart: unless-stopped is ignored: Compose gives the container the policy of deploy\.restart_policy instead \(here: no restart at all\)/);
  assert.match(list[1]![2], /\(here: restarted on failure, up to 5 times\)/);
});

test('restart-ignored fixes: remove restart, or remove the policy; either leaves no warning', (t) => {
  const source = 'services:\n' + service('a', 'always', '\n        condition: on-failure') + '    ports: ["80:80"]\n';
  const fx = fixture(t, source);
  const name = fx.files[0]!;
  const target = fx.diagnostics('restart-ignored')[0]!;
  const actions = fx.service.codeActions(fx.uri(name), target.range, [target]);
  assert.deepEqual(actions.map((a) => [a.title, !!a.isPreferred]), [['Remove restart (deploy.restart_policy decides)', false], ['Remove deploy.restart_policy (restart decides)', false]]);
  const withoutRestart = fx.apply(actions[0]!.edit!)[name]!;
  assert.equal(withoutRestart, source.replace('    restart: always\n', ''));
  const withoutPolicy = fx.apply(actions[1]!.edit!)[name]!;
  assert.equal(withoutPolicy, source.replace('    deploy:\n      restart_policy:\n        condition: on-failure\n', ''));
  for (const fixed of [withoutRestart, withoutPolicy]) {
    fx.open(name, fixed);
    assert.deepEqual(fx.diagnostics('restart-ignored'), []);
  }
});
