import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findVariables, interpolateText } from '../../../server/src/model/interpolation';
import { parseEnvFile } from '../../../server/src/model/env';
import { normalizeProjectName, projectNameFrom } from '../../../common/src/projectName';

const vars: Record<string, string> = { SET: 'yes', EMPTY: '' };
const lookup = (n: string) => vars[n];

test('every operator resolves as Compose does', () => {
  const cases: [string, string][] = [
    ['${SET}', 'yes'],
    ['$SET', 'yes'],
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${UNSET-dflt}', 'dflt'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['$${SET}', '${SET}'],
    ['a$$b', 'a$b'],
    ['${UNSET:-${SET}}', 'yes'],
    ['no variables at all', 'no variables at all'],
    ['pre ${SET} mid $SET post', 'pre yes mid yes post'],
    ['cost $5, $ and $', 'cost $5, $ and $'],
    ['a ${SET} then ${SET', 'a yes then ${SET'],
  ];
  for (const [input, expected] of cases) assert.equal(interpolateText(input, lookup).text, expected, input);
});

test('missing variables and required errors are reported', () => {
  assert.deepEqual(interpolateText('${NOPE} ${SET}', lookup).missing, ['NOPE']);
  assert.deepEqual(interpolateText('${NOPE:?set NOPE first}', lookup).errors, ['NOPE: set NOPE first']);
  assert.deepEqual(interpolateText('${NOPE:-x}', lookup).missing, []);
});

test('findVariables gives names with offsets, nested defaults included', () => {
  const uses = findVariables('x ${A:-${B}} $C $$D');
  assert.deepEqual(uses.map((u) => u.name), ['A', 'B', 'C']);
  assert.equal('x ${A:-${B}} $C $$D'.slice(uses[0].nameStart, uses[0].nameEnd), 'A');
  assert.equal(uses[0].operator, ':-');
  assert.equal(uses[0].argument, '${B}');
  assert.ok(findVariables('${OPEN')[0].unterminated);
});

test('.env parsing: quotes, export, comments, expansion', () => {
  const env = parseEnvFile('# c\nexport A=1\nB="two words" # c\nC=\'$A raw\'\nD=${A}x\nE=v # trailing\n');
  assert.equal(env.get('A')?.value, '1');
  assert.equal(env.get('B')?.value, 'two words');
  assert.equal(env.get('C')?.value, '$A raw');
  assert.equal(env.get('D')?.value, '1x');
  assert.equal(env.get('E')?.value, 'v');
  assert.equal(env.get('E')?.line, 5);
});

test('project names are normalised like Compose', () => {
  assert.equal(normalizeProjectName('My App!'), 'myapp');
  assert.equal(normalizeProjectName('_x-Y'), 'x-y');
  assert.deepEqual(projectNameFrom(undefined, 'Env', 'folder'), { name: 'env', source: 'COMPOSE_PROJECT_NAME' });
  assert.deepEqual(projectNameFrom('named', undefined, 'folder'), { name: 'named', source: 'name' });
  assert.deepEqual(projectNameFrom(undefined, undefined, 'My.Folder'), { name: 'myfolder', source: 'folder' });
});

test('COMPOSE_PROJECT_NAME wins over name:, and --project-name over both, as in Compose', () => {
  assert.deepEqual(projectNameFrom('named', 'fromenv', 'folder'), { name: 'fromenv', source: 'COMPOSE_PROJECT_NAME' });
  assert.deepEqual(projectNameFrom('named', 'fromenv', 'folder', 'Option'), { name: 'option', source: '--project-name' });
  // Nothing left after normalising: the next source decides.
  assert.deepEqual(projectNameFrom('named', undefined, 'folder', '!!'), { name: 'named', source: 'name' });
});
