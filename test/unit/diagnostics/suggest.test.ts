// "Did you mean": two neighbouring letters swapped count as one edit, as a hand makes the typo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, NearestNames } from '../../../server/src/diagnostics/suggest';
import { fixture } from '../../support/fixture';

const SERVICE_KEYS = ['image', 'init', 'ipc', 'ports', 'pid', 'restart', 'read_only', 'networks', 'depends_on', 'environment'];

test('a swap of neighbouring letters is one edit: restrat, imgae and potrs find their keys', () => {
  assert.equal(closest('restrat', SERVICE_KEYS), 'restart');
  assert.equal(closest('imgae', SERVICE_KEYS), 'image');
  assert.equal(closest('potrs', SERVICE_KEYS), 'ports');
  assert.equal(closest('netwroks', SERVICE_KEYS), 'networks');
  assert.equal(new NearestNames(['frontend', 'backend', 'cache']).closest('cahce'), 'cache');
  // Letters that are not neighbours swapped are two edits: too many for a word of seven letters.
  assert.equal(closest('tesrart', SERVICE_KEYS), undefined);
});

/** The optimal string alignment distance, the whole table: the reference the bounded search must agree with. */
function alignmentDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

test('a candidate is suggested exactly when its distance is within the limit for its length (random words, against the whole table)', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = (length: number) => Array.from({ length }, () => 'abcde'[Math.floor(random() * 5)]).join('');
  let suggested = 0;
  for (let n = 0; n < 3000; n++) {
    const a = word(3 + Math.floor(random() * 8));
    // Near misses of a: a few random edits, swaps among them.
    let b = a;
    for (let edits = Math.floor(random() * 4); edits > 0; edits--) {
      const at = Math.floor(random() * b.length);
      const kind = Math.floor(random() * 4);
      if (kind === 0 && at + 1 < b.length) b = b.slice(0, at) + b[at + 1] + b[at] + b.slice(at + 2);
      else if (kind === 1) b = b.slice(0, at) + b.slice(at + 1);
      else if (kind === 2) b = b.slice(0, at) + 'abcde'[Math.floor(random() * 5)] + b.slice(at);
      else b = b.slice(0, at) + 'abcde'[Math.floor(random() * 5)] + b.slice(at + 1);
    }
    const longest = Math.max(a.length, b.length);
    const limit = longest < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(longest / 4)));
    const expected = alignmentDistance(a, b) <= limit ? b : undefined;
    assert.equal(closest(a, [b]), expected, `${a} -> ${b}: distance ${alignmentDistance(a, b)}, limit ${limit}`);
    if (expected) suggested++;
  }
  assert.ok(suggested > 500, `enough pairs within the limit to mean something (${suggested})`);
});

test('an unknown key with two letters swapped gets its "did you mean" and the quick fix', (t) => {
  const fx = fixture(t, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    restrat: always\n' });
  const [finding] = fx.diagnostics('unknown-key');
  assert.match(String(finding!.message), /Did you mean 'restart'\?/);
  const actions = fx.service.codeActions(fx.uri('compose.yaml'), finding!.range, [finding!]);
  assert.deepEqual(actions.map((a) => a.title), ["Change to 'restart'"]);
});
