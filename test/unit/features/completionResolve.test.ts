import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../../server/src/service';

test('with completionItem/resolve, docs travel only when an item is resolved', () => {
  const service = new LanguageService({});
  service.configureClient({ snippets: true, markdown: true, workspaceFolders: [], lazyDocumentation: true });
  const text = 'services:\n  web:\n    image: nginx\n    \n';
  service.documentChanged(TextDocument.create('file:///p/compose.yaml', 'dockercompose', 1, text));
  const list = service.completion('file:///p/compose.yaml', { line: 3, character: 4 });
  const restart = list.items.find((i) => i.label === 'restart');
  assert.ok(restart, 'restart is offered');
  assert.equal(restart.documentation, undefined);
  const resolved = service.resolveCompletion(structuredClone(restart));
  const doc = resolved.documentation;
  assert.ok(doc && typeof doc === 'object' && /restart/i.test(doc.value), 'the docs come back on resolve');
});

test('without resolve support, docs stay inline', () => {
  const service = new LanguageService({});
  service.configureClient({ snippets: true, markdown: true, workspaceFolders: [] });
  const text = 'services:\n  web:\n    image: nginx\n    \n';
  service.documentChanged(TextDocument.create('file:///p/compose.yaml', 'dockercompose', 1, text));
  const list = service.completion('file:///p/compose.yaml', { line: 3, character: 4 });
  assert.ok(list.items.find((i) => i.label === 'restart')?.documentation);
});
