import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const TEXT = 'services:\n  web:\n    image: nginx\n    $0\n';

test('with completionItem/resolve, docs travel only when an item is resolved', (t) => {
  const fx = fixture(t, {}, { client: { lazyDocumentation: true } });
  const restart = fx.completion(TEXT).find((i) => i.label === 'restart');
  assert.ok(restart, 'restart is offered');
  assert.equal(restart.documentation, undefined);
  const resolved = fx.service.resolveCompletion(structuredClone(restart));
  const doc = resolved.documentation;
  assert.ok(doc && typeof doc === 'object' && /restart/i.test(doc.value), 'the docs come back on resolve');
});

test('without resolve support, docs stay inline', (t) => {
  assert.ok(fixture(t).completion(TEXT).find((i) => i.label === 'restart')?.documentation);
});
