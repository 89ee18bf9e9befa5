// A finding's related places written into its message, for a reader that shows no related information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { placesInMessage } from '../../../server/src/diagnostics/make';

const URI = 'file:///p/compose.yaml';
const at = (uri: string, line: number) => ({ location: { uri, range: { start: { line, character: 4 }, end: { line, character: 9 } } }, message: 'here' });
const finding = (message: string, related?: Diagnostic['relatedInformation']): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message, code: 'x', ...(related ? { relatedInformation: related } : {}) });

test('a place in the same file is its line, in another file its file name and line; the related list goes', () => {
  const out = placesInMessage(finding('Clash.', [at(URI, 10), at('file:///p/other%20dir/compose.override.yaml', 2)]), URI);
  assert.equal(out.message, 'Clash. See line 11; compose.override.yaml, line 3.');
  assert.equal('relatedInformation' in out, false);
});

test('a finding with no related places is the same object; a place the message names already is not said twice', () => {
  const plain = finding('Nothing else.');
  assert.equal(placesInMessage(plain, URI), plain);
  const named = placesInMessage(finding('web.env, line 2: refused.', [at('file:///p/web.env', 1)]), URI);
  assert.equal(named.message, 'web.env, line 2: refused.');
  assert.equal('relatedInformation' in named, false);
});
