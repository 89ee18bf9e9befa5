import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldingRanges } from '../../../server/src/features/folding';
import { fixture } from '../../support/fixture';

test('blocks that span lines fold from their key to their last line; comment runs fold as comments', (t) => {
  const fx = fixture(t, [
    '# Shop stack',          // 0
    '# (two comment lines)',  // 1
    'services:',              // 2
    '  web:',                 // 3
    '    image: nginx',       // 4
    '    ports:',             // 5
    '      - "80:80"',        // 6
    '      - "443:443"',      // 7
    '    command: |',         // 8
    '      # not a comment',  // 9
    '      # still script',   // 10
    '      run',              // 11
    '    healthcheck:',       // 12
    '      - target: 1',      // 13
    '        published: 2',   // 14
    '  db: {image: x}',       // 15
    '',                       // 16
    'volumes:',               // 17
    '  data: {}',             // 18
    '',
  ].join('\n'));
  const ranges = foldingRanges(fx.request('compose.yaml').doc).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
  assert.deepEqual(ranges, ['0-1 comment', '2-15', '3-14', '5-7', '8-11', '12-14', '13-14', '17-18']);
});

test('a single-line document or flow collection has nothing to fold', (t) => {
  const fx = fixture(t, 'services: {web: {image: x}}\n# one comment\n');
  assert.deepEqual(foldingRanges(fx.request('compose.yaml').doc), []);
});

test('over the editor\'s limit, the innermost ranges are left out first (outer levels whole, then the next in order)', (t) => {
  const services = Array.from({ length: 30 }, (_, i) => [`  s${i}:`, '    image: x', '    ports:', '      - "1:1"', '      - "2:2"'].join('\n'));
  const fx = fixture(t, ['services:', ...services, ''].join('\n'));
  const doc = fx.request('compose.yaml').doc;
  const all = foldingRanges(doc);
  assert.equal(all.length, 61, 'the section, 30 services and their 30 ports lists');
  assert.deepEqual(foldingRanges(doc, 100), all, 'under the limit: everything');
  const limited = foldingRanges(doc, 40);
  assert.equal(limited.length, 40);
  const services30 = limited.filter((r) => r.endLine - r.startLine === 4);
  assert.equal(services30.length, 30, 'every service folds');
  assert.ok(limited.some((r) => r.startLine === 0), 'the section folds');
  const ports = limited.filter((r) => r.endLine - r.startLine === 2);
  assert.deepEqual(ports.map((r) => r.startLine), all.filter((r) => r.endLine - r.startLine === 2).slice(0, 9).map((r) => r.startLine), 'the first ports lists in document order fill the rest');
  assert.deepEqual(foldingRanges(doc, 20).map((r) => r.startLine), [0, ...all.filter((r) => r.endLine - r.startLine === 4).slice(0, 19).map((r) => r.startLine)]);
});
