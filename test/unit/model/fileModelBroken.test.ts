import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../../server/src/model/document';
import { buildFileModel } from '../../../server/src/model/fileModel';

test('a key typed without its colon yet (a pair with no value node) still builds a model', () => {
  // The parser leaves a pair whose value is null, not a node: anchors collection must skip it.
  const model = buildFileModel(parseCompose('file:///p/compose.yaml', 'services:\n  web:\n    image: &img x\n    res\n  db:\n    image: *img\n'));
  assert.deepEqual(model.definitions.map((d) => d.name), ['web', 'db']);
  assert.deepEqual(model.anchors.map((a) => [a.name, a.isDefinition]), [['img', true], ['img', false]]);
});
