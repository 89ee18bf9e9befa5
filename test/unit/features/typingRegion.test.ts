// Where a half-typed line may land findings on other lines (server/src/features/typingRegion.ts),
// asked of the service as the typing hold asks it: the lines of the collection being typed in, and
// the aliases that copy an anchored node holding the typed line or that name the anchor typed on it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after);

function regionOf(text: string, line: number): { lines: [number, number]; keys: number[]; aliases: number[] } | undefined {
  const { uri } = f.edit(`${text}$0`);
  const region = f.service.typingRegion(uri, line);
  const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);
  return region && { lines: [region.firstLine, region.lastLine], keys: sorted(region.keyLines), aliases: sorted(region.aliasLines) };
}

const SERVICES = ['services:', '  a:', '    image: busybox', '    restart: always', '  b:', '    image: busybox', '    ports:', '      - "80:80"', '      - "81:81"', '  c:', '    image: busybox', ''].join('\n');

test("a line's region is its own mapping or list, up to its last line, not the next entry's key, and the keys that hold it", () => {
  assert.deepEqual(regionOf(SERVICES, 3), { lines: [2, 3], keys: [0, 1], aliases: [] }, "a key of service a: a's keys, held by services: and a:");
  assert.deepEqual(regionOf(SERVICES, 8), { lines: [7, 8], keys: [0, 4, 6], aliases: [] }, 'an item of a list: its items, held by services:, b: and ports:');
  assert.deepEqual(regionOf(SERVICES, 4), { lines: [1, 10], keys: [0], aliases: [] }, "a service's name: the services, held by services:");
  assert.deepEqual(regionOf(SERVICES, 0), { lines: [0, 10], keys: [], aliases: [] }, 'a top-level key: the file');
});

test('a line of indentation only (Enter just pressed) is in the collection its indentation opens, not the file', () => {
  // Enter after `    image: busybox` of service a, as VS Code indents it: the next key of a goes there.
  const entered = SERVICES.replace('    image: busybox\n    restart', '    image: busybox\n    \n    restart');
  assert.deepEqual(regionOf(entered, 3)?.lines, [2, 4], "a key of service a about to be typed: a's keys");
  assert.deepEqual(regionOf(entered, 3)?.keys, [0, 1]);
  const named = SERVICES.replace('  b:', '  \n  b:');
  assert.deepEqual(regionOf(named, 4)?.lines, [1, 11], "a service's name about to be typed: the services");
});

test("a long-form list item's keys: the item, held by the list's key and those above it", () => {
  const long = ['services:', '  a:', '    image: busybox', '    ports:', '      - target: 80', '        published: "8080"', ''].join('\n');
  assert.deepEqual(regionOf(long, 5), { lines: [4, 5], keys: [0, 1, 3], aliases: [] });
});

test('a line of indentation under a key with no value yet is held by that key and those above it', () => {
  const text = ['services:', '  api:', '    image: node:20', '  worker:', '    extends:', '      ', ''].join('\n');
  assert.deepEqual(regionOf(text, 5)?.keys, [0, 3, 4]);
});

test('the aliases of an anchored block being typed in, and of the anchor being named, are in the region', () => {
  const merged = ['x-common: &common', '  restart: always', 'services:', '  a:', '    <<: *common', '    image: busybox', '  b:', '    <<: *common', '    logging: *log', '    image: busybox', ''].join('\n');
  assert.deepEqual(regionOf(merged, 1)?.aliases, [4, 7], 'typed in x-common: where each service merges it');
  assert.deepEqual(regionOf(merged, 5)?.aliases, [], 'typed in a service: no alias copies it');
  const naming = merged.replace('&common', '&comm');
  assert.deepEqual(regionOf(naming, 0)?.aliases, [4, 7], "the anchor's name typed so far: the aliases it may become");
});

test('a line out of the file has no region', () => {
  assert.equal(regionOf(SERVICES, 40), undefined);
  assert.equal(regionOf(SERVICES, -1), undefined);
});
