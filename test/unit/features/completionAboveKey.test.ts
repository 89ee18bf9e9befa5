import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../../server/src/service';

test('a key typed on a new line above an existing key completes, with a one-line range', () => {
  const service = new LanguageService({});
  const text = 'services:\n  web:\n    image: nginx\n    heal\n    ports:\n      - "80:80"\n';
  service.documentChanged(TextDocument.create('file:///p/compose.yaml', 'dockercompose', 1, text));
  const list = service.completion('file:///p/compose.yaml', { line: 3, character: 8 });
  const item = list.items.find((i) => i.label === 'healthcheck');
  assert.ok(item, `healthcheck offered; got ${list.items.map((i) => i.label).slice(0, 10).join(', ')}`);
  const edit = item.textEdit as { range: { start: { line: number }; end: { line: number } } } | undefined;
  assert.ok(edit, 'a text edit with a range');
  assert.equal(edit.range.start.line, 3);
  assert.equal(edit.range.end.line, 3);
});
