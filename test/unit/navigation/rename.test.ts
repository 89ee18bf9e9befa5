// Rename beyond the table (navigationTable.test.ts, which renames every case
// and checks prepareRename): the refusals, which say why. Places asked at are $1..$9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { prepareRename, rename } from '../../../server/src/features/rename';
import { fixture } from '../../support/fixture';

test('refusals say why: bad names, taken names, external resources, nothing to rename', (t) => {
  const fx = fixture(t, 'services:\n  web:\n    $3depends_on: [$1db]\n    networks: [o$2utside]\n  db: {}\nnetworks:\n  outside:\n    $4external: true\n');
  const req = fx.at(1);
  assert.throws(() => rename(req, 'my db'), (e: unknown) => e instanceof ResponseError && /not a valid service name/.test(e.message));
  assert.throws(() => rename(req, '123'), (e: unknown) => e instanceof ResponseError && /number or boolean/.test(e.message));
  assert.throws(() => rename(req, 'web'), (e: unknown) => e instanceof ResponseError && /already exists/.test(e.message));
  assert.throws(
    () => prepareRename(fx.at(2)),
    (e: unknown) => e instanceof ResponseError && /external/.test(e.message) && /name: outside/.test(e.message),
  );
  assert.equal(prepareRename(fx.at(3)), null);
  assert.equal(rename(fx.at(4), 'x'), null);
  assert.deepEqual(fx.apply(rename(req, 'db')!), { 'compose.yaml': fx.text('compose.yaml') }, 'renaming to the same name changes nothing');
});
