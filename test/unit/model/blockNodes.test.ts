// The nodes the block reader builds keep their ranges relative to their block
// (model/blockNodes.ts). What reads them — our code and the `yaml` library's
// own (type guards, visit, clone, toJS) — must see the library's nodes, and
// a moved block's nodes must read their new place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Alias, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, parseDocument, Pair, Scalar, visit, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { readBlock } from '../../../server/src/model/blockReader';
import { endOf, startOf, valueEndOf } from '../../../server/src/model/blockNodes';
import { PARSE_OPTIONS } from '../../../server/src/model/document';

const schema = parseDocument('', PARSE_OPTIONS).schema;
const text = ['  web:', '    <<: *common', '    image: nginx:1.27', '    ports:', '      - "8080:80"', '      - 443', '    command: [npm, start]', '    labels: {}', '    x-env: *env', ''].join('\n');

function read() {
  const block = readBlock(text, schema);
  assert.ok(block, 'the reader reads the block');
  return block;
}

/** Every node under the pair (not the pairs), in document order. */
function nodesOf(pair: Pair): Node[] {
  const out: Node[] = [];
  visit(pair as never, (_key, node) => {
    if (isNode(node)) out.push(node);
  });
  return out;
}

test('the type guards, instanceof and the constructor see the library\'s classes', () => {
  const { pair } = read();
  assert.ok(isPair(pair) && pair instanceof Pair && pair.constructor === Pair);
  const body = pair.value;
  assert.ok(isMap(body) && isCollection(body) && isNode(body) && body instanceof YAMLMap && body.constructor === YAMLMap);
  const ports = body.get('ports', true);
  assert.ok(isSeq(ports) && ports instanceof YAMLSeq && !isMap(ports));
  assert.ok(isScalar(ports.items[0]) && ports.items[0] instanceof Scalar && ports.items[0].constructor === Scalar && !isCollection(ports.items[0]));
  const env = body.get('x-env', true);
  assert.ok(isAlias(env) && env instanceof Alias && !isScalar(env));
  assert.throws(() => ((env as Alias).tag = '!x'), /cannot have tags/);
  assert.equal(body.schema, schema, 'a collection knows the schema it was read with');
});

test('each node\'s range is the library\'s, and one end read alone is the same number', () => {
  const { pair } = read();
  const ours = nodesOf(pair);
  // The aliases become plain words of the same length for the library (it has no anchor for them to name).
  const theirs = nodesOf((parseDocument(text.replace(/\*(common|env)/g, 'x$1'), PARSE_OPTIONS).contents as YAMLMap).items[0]!);
  assert.equal(ours.length, theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const node = ours[i]!;
    const range = node.range!;
    assert.deepEqual([startOf(node), valueEndOf(node), endOf(node)], [range[0], range[1], range[2]]);
    assert.deepEqual(range, theirs[i]!.range, `node ${i}`);
  }
  // The library's own nodes answer the same helpers from their arrays.
  for (const node of theirs) assert.deepEqual([startOf(node), valueEndOf(node), endOf(node)], node.range);
});

test('moving the block moves every node; a range read before is a snapshot', () => {
  const block = read();
  const image = (block.pair.value as YAMLMap).get('image', true) as unknown as Scalar;
  const before = image.range!;
  block.place.offset = 1000;
  assert.deepEqual(image.range, [before[0] + 1000, before[1] + 1000, before[2] + 1000]);
  assert.equal(startOf(image), before[0] + 1000);
  assert.deepEqual(before, [text.indexOf('nginx'), text.indexOf('nginx') + 'nginx:1.27'.length, text.indexOf('    ports')]);
});

test('clone and a range set on a node give it an array of its own; toJS is the library\'s', () => {
  const block = read();
  const body = block.pair.value as YAMLMap;
  const image = body.get('image', true) as unknown as Scalar;
  const copy = image.clone() as Scalar;
  assert.ok(isScalar(copy) && copy.value === 'nginx:1.27');
  const at = image.range!;
  block.place.offset = 50;
  assert.deepEqual(copy.range, at, 'the copy does not move with the block');
  assert.deepEqual(startOf(copy), at[0]);
  image.range = [1, 2, 3];
  assert.deepEqual(image.range, [1, 2, 3]);
  assert.deepEqual([startOf(image), valueEndOf(image), endOf(image)], [1, 2, 3]);
  const doc = parseDocument('', PARSE_OPTIONS);
  const ports = body.get('ports', true) as unknown as YAMLSeq;
  assert.deepEqual(ports.toJS(doc), ['8080:80', 443]);
  assert.deepEqual((body.get('command', true) as unknown as YAMLSeq).toJS(doc), ['npm', 'start']);
  assert.equal(Object.keys(image).includes('range'), true, 'a range set is an own field, as on the library\'s nodes');
});
