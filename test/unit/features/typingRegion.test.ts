// Where a half-typed line may land findings on other lines (server/src/features/typingRegion.ts),
// asked of the service as the typing hold asks it: the lines of the collection being typed in, and
// the aliases that copy an anchored node holding the typed line or that name the anchor typed on it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after);

function regionOf(text: string, line: number): { lines: [number, number]; aliases: number[] } | undefined {
  const { uri } = f.edit(`${text}$0`);
  const region = f.service.typingRegion(uri, line);
  return region && { lines: [region.firstLine, region.lastLine], aliases: [...region.aliasLines].sort((a, b) => a - b) };
}

const SERVICES = ['services:', '  a:', '    image: busybox', '    restart: always', '  b:', '    image: busybox', '    ports:', '      - "80:80"', '      - "81:81"', '  c:', '    image: busybox', ''].join('\n');

test("a line's region is its own mapping or list from the key that holds it, up to its last line, not the next entry's key", () => {
  assert.deepEqual(regionOf(SERVICES, 3), { lines: [1, 3], aliases: [] }, "a key of service a: a's name and keys");
  assert.deepEqual(regionOf(SERVICES, 8), { lines: [6, 8], aliases: [] }, 'an item of a list: its key and items');
  assert.deepEqual(regionOf(SERVICES, 4), { lines: [0, 10], aliases: [] }, "a service's name: the services, from services:");
  assert.deepEqual(regionOf(SERVICES, 0)?.lines, [0, 10], 'a top-level key: the file');
});

test('a line of indentation only (Enter just pressed) is in the collection its indentation opens, not the file', () => {
  // Enter after `    image: busybox` of service a, as VS Code indents it: the next key of a goes there.
  const entered = SERVICES.replace('    image: busybox\n    restart', '    image: busybox\n    \n    restart');
  assert.deepEqual(regionOf(entered, 3)?.lines, [1, 4], "a key of service a about to be typed: a's name and keys");
  const named = SERVICES.replace('  b:', '  \n  b:');
  assert.deepEqual(regionOf(named, 4)?.lines, [0, 11], "a service's name about to be typed: the services, from services:");
});

test("a long-form list item's keys: the item and the key that holds the list, not the item's own dash line only", () => {
  const long = ['services:', '  a:', '    image: busybox', '    ports:', '      - target: 80', '        published: "8080"', ''].join('\n');
  assert.deepEqual(regionOf(long, 5)?.lines, [4, 5], 'the item mapping starts on its dash line: no key holds it');
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
