import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../../server/src/model/document';
import { buildFileModel } from '../../../server/src/model/fileModel';

test('build.additional_contexts names a service in the map and the list form', () => {
  const text = [
    'services:',
    '  app:',
    '    build:',
    '      context: .',
    '      additional_contexts:',
    '        - base=service:builder',
    '        - docs=./docs',
    '  other:',
    '    build:',
    '      additional_contexts: {base: "service:tools"}',
  ].join('\n');
  const model = buildFileModel(parseCompose('file:///p/compose.yaml', text));
  const refs = model.references.map((r) => `${r.kind}:${r.name}:${text.slice(r.range[0], r.range[1])}:${r.fromService}`);
  assert.deepEqual(refs, ['service:builder:builder:app', 'service:tools:tools:other']);
});
