// What the user's own Compose says of a saved project, shown where it points (server/src/diagnostics/composeRefusal.ts).
// The messages are Compose 2.26.1's own words for these files; test/docker/compose-refusal.test.ts reads them from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { readRefusal } from '../../../server/src/diagnostics/composeRefusal';
import { fixture } from '../../support/fixture';

test('readRefusal: the last line that is not a warning says why; a validation names its file, path and the key it does not allow', () => {
  const output = 'WARN[0000] /p/compose.yaml: `version` is obsolete\nvalidating /p/compose.yaml: services.web.develop.watch.0 Additional property initial_sync is not allowed\n';
  assert.deepEqual(readRefusal(output), {
    text: 'validating /p/compose.yaml: services.web.develop.watch.0 Additional property initial_sync is not allowed',
    file: '/p/compose.yaml',
    path: ['services', 'web', 'develop', 'watch', '0'],
    key: 'initial_sync',
  });
  assert.deepEqual(readRefusal('validating /p/compose.yaml: (root) Additional property models is not allowed')?.path, []);
  assert.equal(readRefusal('validating /p/c.yaml: services.web.pull_policy services.web.pull_policy must be one of the following: "always"')?.key, undefined);
  assert.deepEqual(readRefusal('yaml: line 4: did not find expected \'-\' indicator'), { text: 'yaml: line 4: did not find expected \'-\' indicator', line: 4 });
  assert.deepEqual(readRefusal('service "web" refers to undefined network back: invalid compose project')?.path, ['services', 'web']);
  assert.equal(readRefusal('WARN[0000] only a warning\n'), undefined);
});

const NEWER = `services:
  web.v2:
    image: nginx
    pull_policy: daily
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app
          initial_sync: true
`;

test('compose-refuses: shown where Compose points, for the version it read, and only while Dockhand has no error of its own', (t) => {
  const fx = fixture(t, { 'compose.yaml': NEWER });
  const doc = fx.open('compose.yaml');
  const uri = fx.uri('compose.yaml');
  const path = fx.path('compose.yaml');
  const check = (refusal: string | undefined, version = doc.version) => fx.service.composeChecked({ compose: '2.26.1', files: [{ uri, path, version }], ...(refusal === undefined ? {} : { refusal }) });
  assert.deepEqual(fx.diagnostics('compose-refuses'), [], 'nothing before Compose is asked');

  assert.deepEqual(check(`validating ${path}: services.web.v2.develop.watch.0 Additional property initial_sync is not allowed\n`), [uri]);
  const [found] = fx.diagnostics('compose-refuses');
  assert.equal(found?.severity, DiagnosticSeverity.Error);
  assert.equal(found?.message, 'Compose 2.26.1 refuses this project as saved: services.web.v2.develop.watch.0 Additional property initial_sync is not allowed');
  assert.deepEqual(found?.range, { start: { line: 9, character: 10 }, end: { line: 9, character: 22 } }, 'the key it does not allow, under a service named with a dot');

  check(`validating ${path}: services.web.v2.pull_policy services.web.v2.pull_policy must be one of the following: "always", "never"`);
  assert.deepEqual(fx.diagnostics('compose-refuses').map((d) => d.range.start), [{ line: 3, character: 4 }], 'the key whose value it refuses');

  check(undefined);
  assert.deepEqual(fx.diagnostics('compose-refuses'), [], 'Compose loads it now');

  check('something Compose says with no place in it');
  assert.deepEqual(fx.diagnostics('compose-refuses').map((d) => d.range), [{ start: { line: 0, character: 0 }, end: { line: 0, character: 9 } }], 'no place: the first line');

  fx.open('compose.yaml', `${NEWER}    x: 1\n`);
  assert.deepEqual(fx.diagnostics('compose-refuses'), [], 'edited since: Compose read another text');
});

test('compose-refuses: not shown beside an error of Dockhand\'s own, and off with the rule', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    restart: sometimes\n' });
  const doc = fx.open('compose.yaml');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: `validating ${fx.path('compose.yaml')}: services.web.restart ...` });
  assert.equal(fx.diagnostics('invalid-format').length, 1);
  assert.deepEqual(fx.diagnostics('compose-refuses'), []);

  const newer = fixture(t, { 'compose.yaml': NEWER });
  const opened = newer.open('compose.yaml');
  newer.service.composeChecked({ compose: '2.26.1', files: [{ uri: newer.uri('compose.yaml'), path: newer.path('compose.yaml'), version: opened.version }], refusal: 'refused' });
  assert.equal(newer.diagnostics('compose-refuses').length, 1);
  newer.service.configureDiagnostics({ rules: { 'compose-refuses': 'off' } });
  assert.deepEqual(newer.diagnostics('compose-refuses'), []);
});

test('compose-refuses: a refusal in a file not open is shown on the file checked, naming it', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n', 'compose.override.yaml': 'services:\n  web:\n    pull_policy: daily\n' });
  const doc = fx.open('compose.yaml');
  const override = fx.path('compose.override.yaml');
  fx.service.composeChecked({
    compose: '2.26.1',
    files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }, { uri: fx.uri('compose.override.yaml'), path: override }],
    refusal: `validating ${override}: services.web.pull_policy services.web.pull_policy must be one of the following: "always"`,
  });
  const [found] = fx.diagnostics('compose-refuses');
  assert.equal(found?.range.start.line, 0);
  assert.ok(String(found?.message).endsWith(`(in ${override})`), String(found?.message));
});

test('compose-refuses: a path Compose names twice is said once', (t) => {
  const fx = fixture(t, { 'compose.yaml': NEWER });
  const doc = fx.open('compose.yaml');
  const path = fx.path('compose.yaml');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path, version: doc.version }], refusal: `validating ${path}: services.web.v2.pull_policy services.web.v2.pull_policy must be one of the following: "always"` });
  assert.equal(fx.diagnostics('compose-refuses')[0]?.message, 'Compose 2.26.1 refuses this project as saved: services.web.v2.pull_policy must be one of the following: "always"');
});

test('compose-refuses: not a required variable nothing set, which the environment Compose runs in decides', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: ${IMG:?set IMG}\n' });
  const doc = fx.open('compose.yaml');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: 'error while interpolating services.web.image: required variable IMG is missing a value: set IMG' });
  assert.deepEqual(fx.diagnostics('compose-refuses'), []);
  assert.equal(fx.diagnostics('unset-variable')[0]?.severity, DiagnosticSeverity.Warning);
});

test('compose-refuses: a refusal beside an error of Dockhand\'s own stays gone once that error is mended, and any refusal goes when a file the project reads changes', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: app.env\n' });
  const doc = fx.open('compose.yaml');
  const check = () => fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: `env file ${fx.path('app.env')} not found: stat: no such file or directory` });
  check();
  assert.equal(fx.diagnostics('missing-env-file').length, 1);
  assert.deepEqual(fx.diagnostics('compose-refuses'), []);
  fx.write('app.env', 'A=1\n');
  fx.service.filesChanged([fx.path('app.env')]);
  assert.deepEqual(fx.diagnostics(), [], 'mended: Compose\'s old reason is not shown in its place');
  check();
  assert.equal(fx.diagnostics('compose-refuses').length, 1, 'a refusal said while Dockhand finds nothing is shown');
  fx.service.fileEdited(fx.path('app.env'), 'B=2\n');
  assert.deepEqual(fx.diagnostics('compose-refuses'), [], 'a file the project reads changed: Compose is asked again at the next save');
});

test('compose-refuses: not on a file with nothing in it yet, which Dockhand leaves alone while it is written', (t) => {
  const fx = fixture(t, { 'compose.yaml': '' });
  const doc = fx.open('compose.yaml');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: 'empty compose file' });
  assert.deepEqual(fx.diagnostics(), []);
});

test('compose-refuses: not while the editor holds an env file unsaved, since Compose read the disk\'s', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: app.env\n', 'app.env': 'PORT=${1PORT}\n' });
  const doc = fx.open('compose.yaml');
  fx.service.fileEdited(fx.path('app.env'), 'PORT=8080\n');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: 'Invalid template: "${1PORT}"' });
  assert.deepEqual(fx.diagnostics(), []);
  fx.service.fileEdited(fx.path('app.env'), 'PORT=${1PORT}\n');
  fx.service.composeChecked({ compose: '2.26.1', files: [{ uri: fx.uri('compose.yaml'), path: fx.path('compose.yaml'), version: doc.version }], refusal: 'some refusal Dockhand does not make' });
  assert.equal(fx.diagnostics('compose-refuses').length, 0, 'the env file\'s own error is Dockhand\'s');
});
