// Findings published on the env file they are about (diagnostics/inEnvFiles.ts): derived from the Compose
// files' findings, merged across the Compose files that read one env file, cleared when none says them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { EnvFileFindings, findingsInEnvFiles, READ_HERE } from '../../../server/src/diagnostics/inEnvFiles';

const A = 'file:///p/a/compose.yaml';
const B = 'file:///p/b/compose.yaml';
const ENV = 'file:///p/shared.env';

function finding(code: string, line: number, relatedUri: string, relatedLine: number, message = `${code} there`): Diagnostic {
  return {
    range: { start: { line, character: 4 }, end: { line, character: 14 } },
    severity: code === 'unset-variable' ? 2 : 1,
    code,
    source: 'dockhand',
    message: `${code} here`,
    relatedInformation: [{ location: { uri: relatedUri, range: { start: { line: relatedLine, character: 0 }, end: { line: relatedLine, character: 9 } } }, message }],
  };
}

const nothingSynced = () => false;

test('an env file finding is placed on its line, says what is wrong there, and points back at the Compose file', () => {
  const found = findingsInEnvFiles(A, [finding('invalid-env-file', 7, ENV, 2, 'invalid template "${1X}": fix it')], nothingSynced);
  assert.deepEqual([...found.keys()], [ENV]);
  const [there] = found.get(ENV)!;
  assert.deepEqual(there!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } });
  assert.equal(there!.message, 'invalid template "${1X}": fix it');
  assert.equal(there!.code, 'invalid-env-file');
  assert.equal(there!.severity, 1);
  assert.deepEqual(there!.relatedInformation, [{ location: { uri: A, range: { start: { line: 7, character: 4 }, end: { line: 7, character: 14 } } }, message: READ_HERE }]);
});

test('other codes, links into the Compose file itself and into files the editor syncs are not copied', () => {
  const found = findingsInEnvFiles(
    A,
    [finding('port-conflict', 3, B, 5), finding('invalid-env-file', 3, A, 9), finding('unset-variable', 4, B, 1), finding('unset-variable', 5, ENV, 1)],
    (uri) => uri === B,
  );
  assert.deepEqual([...found.keys()], [ENV]);
  assert.deepEqual(found.get(ENV)!.map((d) => [d.code, d.range.start.line, d.severity]), [['unset-variable', 1, 2]]);
});

test('two Compose files reading one env file: each finding once, kept while either says it, cleared when neither does', () => {
  const sent: [string, number[]][] = [];
  const findings = new EnvFileFindings((uri, list) => sent.push([uri, list.map((d) => d.range.start.line)]), nothingSynced);
  findings.update(A, [finding('invalid-env-file', 1, ENV, 2, 'same'), finding('unset-variable', 1, ENV, 4, 'needs X')]);
  findings.update(B, [finding('invalid-env-file', 9, ENV, 2, 'same')]);
  assert.deepEqual(sent, [[ENV, [2, 4]]], 'B adds nothing new: nothing is sent again');
  findings.update(A, []);
  assert.deepEqual(sent.at(-1), [ENV, [2]], 'A no longer says its two; B still says one of them');
  findings.update(B, [finding('missing-env-file', 9, ENV, 2)]);
  assert.deepEqual(sent.at(-1), [ENV, []], 'no Compose file says anything of the env file: it is cleared');
  const count = sent.length;
  findings.update(B, []);
  assert.equal(sent.length, count, 'an empty list is sent once');
});
