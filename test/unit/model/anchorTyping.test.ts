// Typing in an anchor that hundreds of services merge (`x-common` + `<<: *common`):
// the parse a request needs reads only the edited block and keeps the blocks
// that merge the anchor as they are (`deferStale`); the diagnostics run reads
// them again in steps and checks them in steps, and a run dropped between two
// steps leaves nothing behind that the next run would trust.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../../server/src/model/document';
import { IncrementalParser, type IncrementalResult } from '../../../server/src/model/incremental';
import { keyText } from '../../../server/src/model/locate';
import { fixture } from '../../support/fixture';
import { treeShape as shape } from '../../support/yamlTrees';

const URI = 'file:///nonexistent-dockhand-unit/anchors/compose.yaml';

/** `count` services that each merge `x-common`, publish a port and depend on the one before. */
function anchored(count: number, restart: string): string {
  const out = ['x-common: &common', `  restart: ${restart}`, '  stop_grace_period: 20s', 'services:'];
  for (let i = 0; i < count; i++) {
    out.push(`  svc-${i}:`, '    <<: *common', `    image: app:${i}`, `    ports: ["${10000 + i}:80"]`);
    if (i > 0) out.push(`    depends_on: [svc-${i - 1}]`);
  }
  return out.join('\n') + '\n';
}

function drive<T>(steps: Generator<void, T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
    pauses++;
  }
}

test('deferStale keeps the blocks that merge an edited anchor; refreshInSteps reads them again in steps; a dropped refresh changes nothing', () => {
  const parser = new IncrementalParser(URI);
  const version = (n: number, text: string) => TextDocument.create(URI, 'dockercompose', n, text);
  const serviceOf = (result: IncrementalResult, name: string) => result.doc.blocks!.find((b) => b.role === 'item' && keyText(b.pair.key) === name)!;
  const first = parser.parse(version(1, anchored(450, 'always')), { deferStale: true });
  assert.deepEqual(first.stale, []);

  const edited = anchored(450, 'unless-stopped');
  const deferred = parser.parse(version(2, edited), { deferStale: true });
  assert.equal(deferred.fullParse, undefined);
  assert.equal(deferred.parsedBlocks, 1, 'x-common alone was read');
  assert.equal(deferred.stale.length, 450, 'every service that merges it is kept as it was');
  assert.equal(serviceOf(deferred, 'svc-200'), serviceOf(first, 'svc-200'));
  assert.deepEqual(shape(deferred.doc.yaml), shape(parseCompose(URI, edited, 2).yaml), 'the tree is the whole parse\'s');

  const refreshed = drive(parser.refreshInSteps(version(2, edited)));
  assert.ok(refreshed.pauses >= 2, `450 blocks read again in steps (paused ${refreshed.pauses} times)`);
  assert.equal(refreshed.value.parsedBlocks, 450);
  assert.deepEqual(refreshed.value.stale, []);
  assert.notEqual(serviceOf(refreshed.value, 'svc-200'), serviceOf(first, 'svc-200'), 'a new block: what was derived from it goes');
  assert.deepEqual(shape(refreshed.value.doc.yaml), shape(parseCompose(URI, edited, 2).yaml));
  assert.deepEqual(parser.parse(version(2, edited), { deferStale: true }).stale, [], 'read again once, current after that');

  // A refresh dropped after its first step (a newer edit came): the next version defers the same blocks again.
  const again = anchored(450, 'on-failure');
  const dropped = parser.refreshInSteps(version(3, again));
  dropped.next();
  const next = parser.parse(version(4, again), { deferStale: true });
  assert.equal(next.stale.length, 450);
  assert.deepEqual(shape(drive(parser.refreshInSteps(version(4, again))).value.doc.yaml), shape(parseCompose(URI, again, 4).yaml));
});

test('typing in a shared anchor: a request there reads no merging block again, one in a merging block does, and the diagnostics equal a fresh server\'s', (t) => {
  const fx = fixture(t, anchored(600, 'always'));
  const uri = fx.uri('compose.yaml');
  fx.diagnostics();
  // The anchor's value goes wrong: each service that merges it is now wrong at its `<<`.
  const wrong = anchored(600, 'sometimes');
  const doc = fx.open('compose.yaml', wrong);
  const inAnchor = doc.positionAt(wrong.indexOf('restart'));
  const inService = wrong.indexOf('  svc-300:');
  assert.ok(fx.service.hover(uri, inAnchor), 'the anchor\'s key has a hover');
  assert.equal(fx.workspace.staleAt(uri, inService), true, 'svc-300 still holds the nodes read before the anchor changed');
  fx.service.hover(uri, doc.positionAt(inService + 3));
  assert.equal(fx.workspace.staleAt(uri, inService), false, 'a request in a merging block reads it again first');

  const found = fx.diagnostics();
  assert.equal(found.filter((d) => d.code === 'invalid-format').length, 600, 'each of the 600 services that merge it, at its `<<`');
  assert.deepEqual(found, fx.restarted().diagnostics(uri));
});

/** `count` services that all depend on `db`, and a database service named `database`. */
function dependents(count: number, database: string, port = 10300): string {
  const out = ['services:'];
  for (let i = 0; i < count; i++) out.push(`  svc-${i}:`, `    image: app:${i}`, `    ports: ["${10000 + i === 10300 ? port : 10000 + i}:80"]`, '    depends_on: [db]');
  out.push(`  ${database}:`, '    image: postgres');
  return out.join('\n') + '\n';
}

test('a diagnostics run dropped between any two of its steps leaves the next run exact', (t) => {
  // Renaming the service that 600 others depend on (and back) re-checks all 600 from the kept index (one definition
  // changed): the longest run an edit of one line makes, paused every few hundred services.
  const fx = fixture(t, dependents(600, 'db'));
  const uri = fx.uri('compose.yaml');
  fx.diagnostics();
  fx.open('compose.yaml', dependents(600, 'db-0'));
  const length = drive(fx.service.diagnosticsInSteps(uri)).pauses;
  fx.diagnostics();
  assert.ok(length > 10, `checked in steps (${length})`);
  for (let at = 1, k = 1; at < length; at++, k++) {
    fx.open('compose.yaml', dependents(600, `db-${k}`));
    const run = fx.service.diagnosticsInSteps(uri);
    for (let i = 0; i < at; i++) run.next();
    // Dropped there: the user goes on to edit one service's port.
    fx.open('compose.yaml', dependents(600, `db-${k}`, 20000 + k));
    const found = fx.diagnostics();
    assert.deepEqual(found, fx.restarted().diagnostics(uri), `dropped after step ${at}`);
    assert.equal(found.filter((d) => d.code === 'undefined-service').length, 600, `dropped after step ${at}`);
    // Back to the name they all use, so the next rename is again one all 600 read.
    fx.open('compose.yaml', dependents(600, 'db'));
    fx.diagnostics();
  }
});

test('a key being typed in an anchor that services merge is read in its block and flashes no error at their `<<`', (t) => {
  const typing = anchored(3, 'always').replace('  stop_grace_period: 20s\n', '  stop_grace_period: 20s\n  hostn\n');
  const parsed = new IncrementalParser(URI).parse(TextDocument.create(URI, 'dockercompose', 1, typing));
  assert.equal(parsed.fullParse, undefined, 'spliced from blocks, the typed word in its block');
  assert.deepEqual(parsed.doc.errors.map((e) => [e.code, e.pos]), parseCompose(URI, typing, 1).errors.map((e) => [e.code, e.pos]), 'the error a whole parse gives');
  const fx = fixture(t, typing);
  assert.deepEqual(fx.diagnostics().map((d) => `${String(d.code)}@${d.range.start.line}`), ['yaml-syntax@3'], 'the word itself, and nothing where it is merged');
  // Typed to the end, a key services do not have: each service that merges it is told, at its `<<`.
  fx.open('compose.yaml', typing.replace('  hostn\n', '  hostnam: box\n'));
  const merged = fx.diagnostics().filter((d) => d.range.start.line > 4);
  assert.equal(merged.length, 3, JSON.stringify(merged.map((d) => `${String(d.code)}@${d.range.start.line}`)));
});
