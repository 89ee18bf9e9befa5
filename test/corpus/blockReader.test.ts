// The block reader against the `yaml` library on every block of every corpus
// file: where it builds a tree, the library builds the same one; where the
// library finds an error, it builds none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitBlocks } from '../../server/src/model/blocks';
import { judgeBlock } from '../support/blockReaderOracle';
import { readManifest } from './corpusFiles';
import { withExternalData } from '../support/externalData';

withExternalData('corpus: the block reader against the yaml library', ['corpus'], ({ corpus }) => {
  test('on every block of the corpus the reader builds the library\'s tree or leaves the block', () => {
    const counts = { same: 0, left: 0, 'not-one-pair': 0 };
    const wrong: string[] = [];
    for (const record of readManifest(corpus)) {
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      if (text.length > 1_000_000) continue; // the alias bombs: the library's parse alone takes seconds
      // As written, and as a Windows checkout has it (CRLF).
      for (const variant of text.includes('\r') ? [text] : [text, text.replaceAll('\n', '\r\n')]) {
        const spans = splitBlocks(variant);
        if (typeof spans === 'string') continue;
        for (const span of spans) {
          const verdict = judgeBlock(variant.slice(span.start, span.end));
          if (verdict.kind === 'wrong') wrong.push(`${record.path}${variant === text ? '' : ' (CRLF)'} @${span.start}: ${verdict.why}`);
          else counts[verdict.kind]++;
        }
      }
    }
    assert.deepEqual(wrong, []);
    // Most Compose files are in the reader's style: if it left most blocks, it would be no faster way at all.
    assert.ok(counts.same > 0.9 * (counts.same + counts.left), JSON.stringify(counts));
  });
});
