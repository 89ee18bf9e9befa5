// Shapes that used to make a rule quadratic: many undefined names against many
// services, long extends chains onto one base, long dependency rings. The
// results must stay right at these sizes (speed itself is measured by `npm run bench`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NearestNames } from '../../../server/src/diagnostics/suggest';
import { fixture } from '../../support/fixture';

const name = (i: number) => `svc-${String(i).padStart(4, '0')}`;

test('every undefined depends_on among thousands of services is reported, near misses with a suggestion', (t) => {
  const count = 2000;
  const body: string[] = ['services:'];
  for (let i = 0; i < count; i++) {
    // Each depends on a name no service has; every tenth is one letter off a real one.
    const target = i % 10 === 0 ? name(i).replace('svc', 'svx') : `missing-${i}`;
    body.push(`  ${name(i)}:`, '    image: nginx', '    depends_on:', `      - ${target}`);
  }
  const found = fixture(t, body.join('\n') + '\n').diagnostics('undefined-service');
  assert.equal(found.length, count);
  const suggested = found.filter((d) => /Did you mean "svc-\d{4}"/.test(String(d.message)));
  assert.equal(suggested.length, count / 10);
  assert.match(String(found[0]!.message), /Did you mean "svc-0000"/);
});

test('NearestNames: one answer per word, the exact match by case and dash first, nothing past its budget', () => {
  const names = new NearestNames(['web-app', 'database', 'cache'], 6);
  assert.equal(names.closest('WEB_APP'), 'web-app');
  assert.equal(names.closest('databse'), 'database');
  assert.equal(names.closest('cachee'), 'cache');
  // Two searches of three candidates spent the budget of six comparisons: a new word gets no guess...
  assert.equal(names.closest('databas'), undefined);
  // ...but a word seen before keeps its answer, and exact matches cost nothing.
  assert.equal(names.closest('databse'), 'database');
  assert.equal(names.closest('Cache'), 'cache');
});

test('a thousand services extending one base: no false cycle; a cycle at the end of a long chain is found', (t) => {
  const body: string[] = ['services:', '  base:', '    image: nginx'];
  for (let i = 0; i < 1000; i++) body.push(`  ${name(i)}:`, '    extends: base');
  assert.deepEqual(fixture(t, body.join('\n') + '\n').diagnostics('extends-cycle'), []);

  const chain: string[] = ['services:'];
  for (let i = 0; i < 20; i++) chain.push(`  ${name(i)}:`, '    image: nginx', `    extends: ${name((i + 1) % 20)}`);
  const cycles = fixture(t, chain.join('\n') + '\n').diagnostics('extends-cycle');
  assert.equal(cycles.length, 20);
  assert.match(String(cycles[0]!.message), /svc-0000 \(compose\.yaml\) extends svc-0001 .* extends svc-0000 \(compose\.yaml\)/);
});

test('a ring of extends longer than any bound is one circle, reported on every service by its size; a short one with its path', (t) => {
  const ring = (count: number) => {
    const body: string[] = ['services:'];
    for (let i = 0; i < count; i++) body.push(`  ${name(i)}:`, '    image: nginx', `    extends: ${name((i + 1) % count)}`);
    return body.join('\n') + '\n';
  };
  const long = fixture(t, ring(2000)).diagnostics('extends-cycle');
  assert.equal(long.length, 2000, 'every service of the circle');
  assert.match(String(long[0]!.message), /^Circular reference: svc-0000 \(compose\.yaml\) extends svc-0001 \(compose\.yaml\) extends \.\.\. extends svc-0000 \(compose\.yaml\) \(2000 services extend each other in a circle\)/);
  const short = fixture(t, ring(33)).diagnostics('extends-cycle');
  assert.equal(short.length, 33, 'past the 32 steps a chain was once followed');
  assert.match(String(short[5]!.message), /33 services extend each other in a circle/);
  const spelled = fixture(t, ring(3)).diagnostics('extends-cycle');
  assert.match(String(spelled[1]!.message), /^Circular reference: svc-0001 \(compose\.yaml\) extends svc-0002 \(compose\.yaml\) extends svc-0000 \(compose\.yaml\) extends svc-0001 \(compose\.yaml\)\./);
  // A chain into a circle is refused by Compose too; the circle's services say why.
  const into = ring(3).replace('services:\n', 'services:\n  lead:\n    extends: svc-0000\n');
  assert.deepEqual(fixture(t, into).diagnostics('extends-cycle').map((d) => d.range.start.line), [5, 8, 11], 'the extends lines of the three services of the circle, not lead');
});

test('a chain of five hundred extends with no image at its end: every service of it has none; with one at its end, none is reported', (t) => {
  const chain = (last: string) => {
    const body: string[] = ['services:'];
    for (let i = 0; i < 499; i++) body.push(`  ${name(i)}:`, `    extends: ${name(i + 1)}`);
    body.push(`  ${name(499)}:`, `    ${last}`);
    return body.join('\n') + '\n';
  };
  const none = fixture(t, chain('restart: always')).diagnostics('no-image-or-build');
  assert.equal(none.length, 500, 'past the 32 links a chain was once followed, the services counted as having one');
  assert.deepEqual(fixture(t, chain('image: nginx')).diagnostics('no-image-or-build'), []);
});

test('a ring of two thousand depends_on is one cycle, reported on every edge by its size; a short one with its path', (t) => {
  const count = 2000;
  const body: string[] = ['services:'];
  for (let i = 0; i < count; i++) body.push(`  ${name(i)}:`, '    image: nginx', `    depends_on: [${name((i + 1) % count)}]`);
  const cycles = fixture(t, body.join('\n') + '\n').diagnostics('dependency-cycle');
  assert.equal(cycles.length, count);
  assert.match(String(cycles[0]!.message), /svc-0000 -> svc-0001 -> \.\.\. -> svc-0000 \(2000 services wait for each other/);
  const short = fixture(t, body.slice(0, 1 + 3 * 5).join('\n').replace(name(5), name(0)) + '\n').diagnostics('dependency-cycle');
  assert.equal(short.length, 5);
  assert.match(String(short[0]!.message), /svc-0000 -> svc-0001 -> svc-0002 -> svc-0003 -> svc-0004 -> svc-0000/);
});
