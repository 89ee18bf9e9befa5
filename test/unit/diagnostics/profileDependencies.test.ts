// disabled-dependency (rules/profileDependencies.ts): a dependency on a service of profiles that some run leaves
// out while it keeps the dependent, which Compose refuses ("depends on undefined service"). Compose 2.26's verdicts
// on the same shapes are in test/docker/engine-verdicts.test.ts; the index kept across edits in serviceChecks.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const PROJECT = `x-wait: &wait
  depends_on: [db]
services:
  web:
    image: x
    depends_on: [db, cache, opt]
  db:
    image: x
    profiles: [debug]
  cache:
    image: x
  opt:
    image: x
    profiles: [b, a]
  tool:
    image: x
    profiles: [x, debug]
    depends_on:
      db:
        condition: service_started
  same:
    image: x
    profiles: [debug]
    depends_on: [db]
  optional:
    image: x
    depends_on:
      db:
        condition: service_started
        required: false
  merged:
    <<: *wait
    image: x
`;

test('disabled-dependency: a service of no profiles, or of a profile its dependency lacks, depending on a service of profiles is a warning at the dependency\'s name; the same profiles, required: false or no profiles say nothing', (t) => {
  const list = fixture(t, PROJECT).diagnostics('disabled-dependency').sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  assert.deepEqual(list.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [
    [1, 15, DiagnosticSeverity.Warning],
    [5, 17, DiagnosticSeverity.Warning],
    [5, 28, DiagnosticSeverity.Warning],
    [18, 6, DiagnosticSeverity.Warning],
  ]);
  assert.equal(list[1]!.message, '"db" runs only when its profile "debug" is enabled, and "web" runs in every run: Compose refuses the project in a run without it ("depends on undefined service"). Enable it (`--profile`, COMPOSE_PROFILES), give "web" the same profiles, or mark the dependency `required: false`.');
  assert.match(String(list[2]!.message), /^"opt" runs only when one of its profiles "a" or "b" is enabled/);
  assert.match(String(list[3]!.message), /"tool" runs with profile "x" too: Compose refuses the project in a run of that profile alone/);
});

test('disabled-dependency: COMPOSE_PROFILES in the project\'s .env that enables the dependency leaves a service of no profiles alone, not one of another profile', (t) => {
  const lines = (env: string) => fixture(t, { 'compose.yaml': PROJECT, '.env': env }).diagnostics('disabled-dependency').map((d) => d.range.start.line).sort((a, b) => a - b);
  assert.deepEqual(lines('COMPOSE_PROFILES=debug\n'), [5, 18]);
  assert.deepEqual(lines('COMPOSE_PROFILES=a, debug\n'), [18]);
  assert.deepEqual(lines('COMPOSE_PROFILES=*\n'), [18]);
  assert.deepEqual(lines('COMPOSE_PROFILES=other\n'), [1, 5, 5, 18]);
});

test('disabled-dependency: profiles an override gives either service count', (t) => {
  const fx = fixture(t, {
    'compose.yaml': 'services:\n  web:\n    image: x\n    depends_on: [db]\n  db:\n    image: x\n',
    'compose.override.yaml': 'services:\n  db:\n    profiles: [debug]\n',
  });
  assert.deepEqual(fx.diagnostics('disabled-dependency').map((d) => d.range.start.line), [3]);
  fx.open('compose.override.yaml', 'services:\n  db:\n    profiles: [debug]\n  web:\n    profiles: [debug]\n');
  assert.deepEqual(fx.diagnostics('disabled-dependency'), []);
});
