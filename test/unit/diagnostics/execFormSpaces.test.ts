// exec-form-spaces (rules/execFormSpaces.ts): the program of an exec-form command written as one item with spaces,
// which the runtime looks for as one name; held to the engine in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

const service = (lines: string) => `services:\n  web:\n    image: node:22\n${lines}`;

function found(t: Cleanup, text: string) {
  return fixture(t, text).diagnostics('exec-form-spaces').map((d) => [d.range.start.line, d.range.start.character, d.severity]);
}

/** The text after the first quick fix for the first finding, and the findings left. */
function fixed(t: Cleanup, text: string): { text: string; left: number; title: string | undefined } {
  const fx = fixture(t, text);
  const [target] = fx.diagnostics('exec-form-spaces');
  assert.ok(target, 'a finding to fix');
  const [action] = fx.service.codeActions(fx.uri('compose.yaml'), target.range, [target]);
  if (!action) return { text, left: 1, title: undefined };
  const after = fx.apply(action.edit!)['compose.yaml']!;
  fx.open('compose.yaml', after);
  return { text: after, left: fx.diagnostics('exec-form-spaces').length, title: action.title };
}

test('exec-form-spaces: the program item of command, entrypoint or a CMD healthcheck holding spaces is a warning on the item', (t) => {
  assert.deepEqual(found(t, service('    command: ["npm start"]\n')), [[3, 14, DiagnosticSeverity.Warning]]);
  assert.deepEqual(found(t, service('    entrypoint: ["sh -c", "echo hi"]\n')), [[3, 17, DiagnosticSeverity.Warning]]);
  assert.deepEqual(found(t, service('    command:\n      - python app.py\n')), [[4, 8, DiagnosticSeverity.Warning]]);
  assert.deepEqual(found(t, service('    healthcheck:\n      test: ["CMD", "curl -f http://localhost"]\n')), [[4, 20, DiagnosticSeverity.Warning]]);
  const [message] = fixture(t, service('    command: ["npm start"]\n')).diagnostics('exec-form-spaces').map((d) => d.message);
  assert.equal(message, '"npm start" is run as one program name, spaces included: the exec form hands each item over as it is, with no shell to split it, so the container does not start ("executable file not found"). Write each word as its own item ("npm", "start"), or the whole command as one string, which Compose runs through a shell.');
});

test('exec-form-spaces: not where the item is an argument, a shell runs it, or it is one word', (t) => {
  for (const fine of [
    service('    entrypoint: ["sh", "-c"]\n    command: ["echo hi && sleep 5"]\n'), // the entrypoint's script
    service('    entrypoint: /docker-entrypoint.sh\n    command: ["serve --port 80"]\n'),
    service('    command: ["--name=my app"]\n'), // an option to the image's entrypoint
    service('    command: npm start\n'), // a string: Compose splits it as a shell would
    service('    command: ["npm", "start"]\n'),
    service('    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost || exit 1"]\n'),
    service('    healthcheck:\n      test: curl -f http://localhost\n'),
    service('    command: ["C:\\\\Program Files\\\\app.exe"]\n'),
  ]) assert.deepEqual(found(t, fine), [], fine);
  // An entrypoint emptied (`[]` or "") leaves the command as the program again.
  assert.equal(found(t, service('    entrypoint: []\n    command: ["npm start"]\n')).length, 1);
});

test('exec-form-spaces: the quick fix writes each word as its own item, in a flow or block list, in the item\'s quoting', (t) => {
  const flow = fixed(t, service('    command: ["npm", "run start"]\n    entrypoint: ["npm run"]\n'));
  assert.equal(flow.title, 'Write each word as its own item');
  assert.match(flow.text, /entrypoint: \["npm", "run"\]\n/);
  assert.equal(flow.left, 0);
  const block = fixed(t, service('    command:\n      - python app.py --port 80\n      - --debug\n'));
  assert.match(block.text, /command:\n      - python\n      - app\.py\n      - --port\n      - "80"\n      - --debug\n/);
  assert.equal(block.left, 0);
  const single = fixed(t, service("    healthcheck:\n      test: ['CMD', 'pg_isready -U app']\n"));
  assert.match(single.text, /test: \['CMD', 'pg_isready', '-U', 'app'\]/);
  // What a shell would read otherwise (quotes, $, &&) is not split: the message says to use a shell instead.
  assert.equal(fixed(t, service('    command: ["sh -c \'echo $HOME\'"]\n')).title, undefined);
});
