// Highlight beyond the table (navigationTable.test.ts), whose cases each ask
// at a name: a top-level key has nothing to highlight. Places asked at are $1..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentHighlights } from '../../../server/src/features/highlight';
import { fixture } from '../../support/fixture';

test('document highlight: nothing on a top-level key', (t) => {
  const fx = fixture(t, `#- compose.yaml
$2services:
  web:
    depends_on: [db]
  db: {}

#- compose.override.yaml
services:
  db:
    image: x
`);
  assert.deepEqual(documentHighlights(fx.at(2)), []);
});
