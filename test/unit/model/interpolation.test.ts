import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findVariables, interpolateText } from '../../../server/src/model/interpolation';
import { readEnvFile } from '../../../server/src/model/env';
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
  assert.deepEqual(interpolateText('${NOPE:?set NOPE first}', lookup).errors, [{ name: 'NOPE', message: 'set NOPE first' }]);
  assert.deepEqual(interpolateText('${NOPE?}', lookup).errors, [{ name: 'NOPE' }]);
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
  const env = readEnvFile('# c\nexport A=1\nB="two words" # c\nC=\'$A raw\'\nD=${A}x\nE=v # trailing\n').entries;
  assert.equal(env.get('A')?.value, '1');
  assert.equal(env.get('B')?.value, 'two words');
  assert.equal(env.get('C')?.value, '$A raw');
  assert.equal(env.get('D')?.value, '1x');
  assert.equal(env.get('E')?.value, 'v');
  assert.equal(env.get('E')?.line, 5);
});

test('.env parsing as Compose 2.26 reads it: KEY: value, and quotes escaped with a backslash inside either kind of quotes', () => {
  const env = readEnvFile('URL:http://x:1\nB: two\nC=\'it\\\'s\'\nD="say \\"hi\\""\nE="multi\nline" # c\nF=a:b\n').entries;
  assert.equal(env.get('URL')?.value, 'http://x:1');
  assert.equal(env.get('B')?.value, 'two');
  assert.equal(env.get('C')?.value, "it's");
  assert.equal(env.get('D')?.value, 'say "hi"');
  assert.equal(env.get('E')?.value, 'multi\nline');
  assert.equal(env.get('F')?.value, 'a:b');
});

test('.env as Compose 2.26 reads it: a dollar escaped in double quotes stays one, names of any script or starting with a digit are set, and the first line Compose refuses stops the reading', () => {
  const { entries, problem } = readEnvFile('A="cost \\$5 ${B:-x}"\n1FOO=one\nÄ=ä\nFO[O]=1\nC=$$D\n');
  assert.equal(problem, undefined);
  assert.equal(entries.get('A')?.value, 'cost $5 x');
  assert.equal(entries.get('1FOO')?.value, 'one');
  assert.equal(entries.get('Ä')?.value, 'ä');
  assert.equal(entries.get('FO[O]')?.value, '1');
  assert.equal(entries.get('C')?.value, '$D');
  const read = readEnvFile('OK=1\nBAD=${1X}\nLATER=2\n');
  assert.deepEqual([...read.entries.keys()], ['OK']);
  assert.deepEqual(read.problem && [read.problem.line, read.problem.reason], [1, 'invalid template "${1X}"']);
});

test('.env templates Compose 2.26 refuses ("Invalid template"), checked against its own answers: in a default not taken too, never in single quotes or after $$', () => {
  const refused = (text: string) => readEnvFile(`FOO=${text}\n`).problem?.reason;
  for (const [text, shown] of [['${1FOO}', '${1FOO}'], ['${BAR', '${BAR'], ['a${}b', '${}'], ['"${1X}"', '${1X}'], ['${A:-${1X}}', '${1X}'], ['${A:+${1X}}', '${1X}'], ['${a.b}', '${a.b}'], ['${A!}', '${A!}'], ['${A }', '${A }'], ['${ A}', '${ A}']]) {
    assert.equal(refused(text), `invalid template "${shown}"`, text);
  }
  for (const text of ["'${1X}'", '$${1X}', '"$${1X}"', '"\\${1X}"', '$', '$1X', 'x # ${1X}', '${A-}', '${_A}', 'x${A}y']) assert.equal(refused(text), undefined, text);
  assert.equal(readEnvFile('=x\n', undefined, true).problem?.reason, 'no variable name before the "=" ("setenv: invalid argument")');
  assert.equal(readEnvFile('=x\n').problem, undefined, "a service's env file with such a line loads");
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
