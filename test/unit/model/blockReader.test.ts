// The block reader builds the same nodes as the `yaml` library for the block
// style it knows, and leaves everything else to the library. The library is
// the oracle: every block here is read both ways (support/blockReaderOracle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitBlocks } from '../../../server/src/model/blocks';
import { judgeBlock, type Verdict } from '../../support/blockReaderOracle';
import { generateCompose } from '../../../bench/generate.mjs';

const lines = (...l: string[]) => l.join('\n') + '\n';

function blocksOf(text: string): string[] {
  const spans = splitBlocks(text);
  assert.ok(typeof spans !== 'string', `the cut refused the text: ${spans}`);
  return spans.map((s) => text.slice(s.start, s.end));
}

function assertSame(text: string, verdict: Verdict = judgeBlock(text)): void {
  assert.equal(verdict.kind, 'same', `${JSON.stringify(text)}: ${verdict.kind === 'wrong' ? verdict.why : verdict.kind}`);
}

/** Blocks in the style the reader knows, one feature or two each. */
const KNOWN = [
  lines('  web:', '    image: nginx:1.27', '    restart: "no"', "    user: 'it''s me'", '    ports:', '      - "8080:80"', '      - 443'),
  lines('  db:', '    environment:', '      A: 1', '      B: true', '      C: ~', '      D: 0o17', '      E: 0x1F', '      F: 1.5e3', '      G: .inf', '      H:', '      I: null'),
  lines('  api:', '    depends_on:', '      db:', '        condition: service_healthy', '    networks:', '    - front', '    - back', '    command: ["npm", "start"]', '    entrypoint: [ sh , -c ]'),
  lines('  worker:', '    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]', '      interval: 30s', '    volumes: []', '    labels: {}', '    x-meta:', '      - - nested', '      - key: value', '        other: 2', '      -', '      - last'),
  lines('  cache:', '    image: redis # the default port', '    # what the cache keeps', '    command: [redis-server, --save, ""] # no snapshots', '    ports: # none published', '      - "6379"', '', '    environment:', '', '      MODE: lru', '  # the next service'),
  lines('  proxy:', '    extra_hosts:', '      "zulu": "162.242.195.82"', "      'alpha': 50.31.209.229", '      "8080":', '        - x', '    sysctls:', '      "net.core.somaxconn": 1024 # queue'),
  lines('  job:', '    command: |', '      echo one', '', '      echo  two  ', '        indented', '    entrypoint: >-', '      folded', '      text', '', '      para', '', '    x-keep: |+', '      kept', '', '', '    x-strip: |-', '      # not a comment', '    environment:', '      SCRIPT: >', '        run it', '    configs:', '      - |', '        line', '      - >+', '        last'),
  lines('  app:', '    <<: *common', '    image: *img # shared', '    labels:', '      - *label', '    environment: *env', '    x-more:', '      <<: *base', '      b: *b'),
  lines('name: shop'),
  lines('services:'),
  'version: "3.8"',
];

test('the reader builds the library\'s tree for every block of the benchmark\'s files and of the examples', () => {
  const texts: [string, string][] = [
    ['bench 100', generateCompose(100)],
    ['bench 100 with CRLF', generateCompose(100).replaceAll('\n', '\r\n')],
    ['bench 1000', generateCompose(1000)],
    // Every service merges `x-common` (`<<: *common`); the `x-common` block itself defines the anchor (left to the library).
    ['bench 1000 with a shared anchor', generateCompose(1000, undefined, { sharedAnchor: true })],
  ];
  const examples = path.join(__dirname, '../../../examples');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
  for (const file of walk(examples)) texts.push([path.relative(examples, file), fs.readFileSync(file, 'utf8')]);
  let read = 0;
  for (const [name, text] of texts) {
    const spans = splitBlocks(text);
    if (typeof spans === 'string') continue;
    for (const span of spans) {
      const block = text.slice(span.start, span.end);
      const verdict = judgeBlock(block);
      // The benchmark's files are all in the reader's style (but for the block that defines the shared anchor).
      if (name.startsWith('bench') && !block.startsWith('x-common: &common')) assertSame(block, verdict);
      else assert.notEqual(verdict.kind, 'wrong', `${name}: ${JSON.stringify(block)}: ${verdict.kind === 'wrong' ? verdict.why : ''}`);
      if (verdict.kind === 'same') read++;
    }
  }
  assert.ok(read > 2300, `only ${read} blocks read by the reader`);
});

test('the reader builds the library\'s tree for each construct of its style, with LF or CRLF line ends', () => {
  for (const block of KNOWN) {
    assertSame(block);
    assertSame(block.replaceAll('\n', '\r\n'));
  }
});

/**
 * Every variant of the known blocks with one line added (a comment at each
 * indentation, a blank line, a line continuing a value, a stray key, a
 * sequence entry) at each line boundary, with a comment or a tab after each
 * line, and with a tab after a colon or inside a value:
 * wherever the reader builds a tree, it is the library's; wherever the
 * library finds an error, the reader builds none.
 */
test('with a comment, a blank or a stray line anywhere, the reader builds the library\'s tree or leaves the block', () => {
  const counts = { same: 0, left: 0, 'not-one-pair': 0 };
  for (const base of KNOWN) {
    const rows = base.split('\n');
    const variants: string[] = [];
    for (let at = 0; at <= rows.length; at++) {
      for (const indent of [0, 2, 4, 6, 8, 10]) {
        for (const added of ['# note', 'more text', 'key: value', '- entry', '', '#']) {
          variants.push([...rows.slice(0, at), ' '.repeat(indent) + added, ...rows.slice(at)].join('\n'));
        }
      }
    }
    for (let at = 0; at < rows.length; at++) {
      for (const tail of [' # note', '  #', '#not a comment', ' [x]', '\t', '\t# note', ' #\tnote']) variants.push(rows.map((r, i) => (i === at ? r + tail : r)).join('\n'));
      // Tabs after a line's first character (a block with one in its indentation is never cut, blocks.ts): after a colon, inside a value.
      for (const tabbed of [rows[at]!.replace(': ', ':\t'), rows[at]!.replace(/(\S) (\S)/, '$1\t$2')]) variants.push(rows.map((r, i) => (i === at ? tabbed : r)).join('\n'));
    }
    for (const variant of variants.flatMap((v) => [v, v.replaceAll('\n', '\r\n')])) {
      const verdict = judgeBlock(variant);
      assert.notEqual(verdict.kind, 'wrong', `${JSON.stringify(variant)}: ${verdict.kind === 'wrong' ? verdict.why : ''}`);
      counts[verdict.kind as keyof typeof counts]++;
    }
  }
  // The variants exercise both ways out: trees built, and blocks left.
  assert.ok(counts.same > 1000 && counts.left > 100 && counts['not-one-pair'] > 100, JSON.stringify(counts));
});

test('with several such lines at random places (seeded), the reader builds the library\'s tree or leaves the block', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const added = ['# note', '', 'key: value', '- entry', 'x', '#', '[a]'];
  const counts = { same: 0, left: 0, 'not-one-pair': 0 };
  for (let i = 0; i < 4000; i++) {
    const rows = KNOWN[random(KNOWN.length)]!.split('\n');
    for (let k = 1 + random(3); k > 0; k--) rows.splice(random(rows.length + 1), 0, ' '.repeat(2 * random(6)) + added[random(added.length)]);
    const variant = rows.join(random(2) === 0 ? '\n' : '\r\n');
    const verdict = judgeBlock(variant);
    assert.notEqual(verdict.kind, 'wrong', `${JSON.stringify(variant)}: ${verdict.kind === 'wrong' ? verdict.why : ''}`);
    counts[verdict.kind as keyof typeof counts]++;
  }
  assert.ok(counts.same > 500 && counts.left > 100 && counts['not-one-pair'] > 100, JSON.stringify(counts));
});

test('the reader leaves to the library every construct outside its style', () => {
  const outside = [
    lines('  web:', '    command: |2', '        echo hi'),
    lines('  web:', '    command: >-', '      echo hi', '        more indented'),
    lines('  web:', '    command: |', '  ', '      echo hi'),
    lines('  web:', '    command: |'),
    lines('  web: &base', '    image: nginx'),
    lines('  web:', '    <<: [*base, *more]'),
    lines('  web:', '    image: !reset null'),
    lines('  web:', '    environment: { A: 1 }'),
    lines('  web:', '    "quoted key" : 1'),
    lines('  web:', '    command: "say \\"hi\\""'),
    lines('  web:', '    command: echo', '      and more'),
    lines('  web:', '    ports: [', '      "80:80"]'),
    lines('  web:', '    ? complex', '    : key'),
    lines('  web:', '    image: nginx', '      # deeper than the next line'),
    lines('  web:', '    environment:', '    # after an empty value', '    image: x'),
    // Deeper than Compose ever nests: the library reads it (or reports running out of stack).
    Array.from({ length: 200 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n') + ' x\n',
  ];
  for (const block of outside) {
    const verdict = judgeBlock(block);
    assert.ok(verdict.kind === 'left', `${JSON.stringify(block)}: ${verdict.kind === 'wrong' ? verdict.why : verdict.kind}`);
  }
  // And the cut of a whole file hands the reader only what it should.
  for (const block of blocksOf(lines('services:', '  a:', '    image: x', '  b:', '    command: |', '      run'))) assert.notEqual(judgeBlock(block).kind, 'wrong');
});

test('the reader builds no tree where the library finds an error', () => {
  const broken = [
    lines('  web:', '    image: a: b'),
    lines('  web:', '    image: x', '   bad: indent'),
    lines('  web:', '    - entry', '    key: value'),
    lines('  web:', '    ports: ["80:80"] extra'),
    lines('  web:', '    image: "unclosed'),
    lines('  web:', '    image: *img:'),
    lines('  web:', '    image: *img other'),
    lines('  web:', '    image: x', '    image2: y', '  extra: z'),
    '  web:\r    image: nginx\n', // a lone carriage return breaks the line for YAML
  ];
  for (const block of broken) {
    const verdict = judgeBlock(block);
    assert.ok(verdict.kind !== 'wrong' && verdict.kind !== 'same', `${JSON.stringify(block)}: ${verdict.kind === 'wrong' ? verdict.why : verdict.kind}`);
  }
});
