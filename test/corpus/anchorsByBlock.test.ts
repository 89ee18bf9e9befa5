// Aliases across blocks, checked by block, as large Compose files use them:
// every corpus document whose aliases name an anchor in another block
// (`<<: *base`, `image: *img`) is spliced from blocks (model/incremental.ts)
// and judged block by block (diagnostics/blockRules.ts). Its diagnostics must
// equal those of the same text parsed and judged as a whole, which is how
// every such document was judged before blocks could read each other's anchors.
// Each is also mutated (test/fuzz/mutations.ts: wrong types, removed keys,
// renamed names...), so values the anchors hand to other blocks go wrong too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser } from '../../server/src/model/incremental';
import { pathToUri } from '../../server/src/model/workspace';
import { placedPath, readManifest } from './corpusFiles';
import { diagnosticsOf, wholeDiagnosticsOf } from './byBlock';
import { withExternalData } from '../support/externalData';
import { mutate, prng } from '../fuzz/mutations';

const MUTATIONS_PER_DOCUMENT = 40;

/** The text is spliced from blocks, and some block's alias names another block's anchor. */
function aliasesCrossBlocks(uri: string, text: string): boolean {
  const result = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 1, text));
  return result.fullParse === undefined && result.doc.blocks!.some((block) => (block.reads?.length ?? 0) > 0);
}

withExternalData('corpus: aliases across blocks', ['corpus'], ({ corpus }) => {
  test('every document whose aliases cross blocks gets, checked by block, the diagnostics of a whole check', () => {
    let documents = 0;
    let compared = 0;
    let withFindings = 0;
    const differing: string[] = [];
    for (const record of readManifest(corpus)) {
      if (record.kind !== 'compose') continue;
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      // Placed where it lives (its relative files resolve there), as an editor document.
      const uri = pathToUri(placedPath(corpus, record));
      if (!aliasesCrossBlocks(uri, text)) continue;
      documents++;
      const random = prng(documents);
      const variants = [text, ...Array.from({ length: MUTATIONS_PER_DOCUMENT }, () => mutate(text, random).text)];
      for (const [i, variant] of variants.entries()) {
        if (i > 0 && !aliasesCrossBlocks(uri, variant)) continue;
        compared++;
        const byBlock = diagnosticsOf(uri, variant);
        const whole = wholeDiagnosticsOf(uri, variant);
        if (byBlock.length > 0) withFindings++;
        if (JSON.stringify(byBlock) !== JSON.stringify(whole)) differing.push(`${record.path} (variant ${i})\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${whole.join('\n            ')}`);
      }
    }
    // The corpus has 18 such files; fewer would mean the cut stopped reading them.
    assert.ok(documents >= 15, `only ${documents} documents with aliases across blocks`);
    // Most mutations keep the cut, and many give the file something to report.
    assert.ok(compared >= 100 && withFindings >= 50, `${compared} texts compared, ${withFindings} with diagnostics`);
    console.log(`${documents} documents, ${compared} texts compared, ${withFindings} with diagnostics`);
    assert.deepEqual(differing, [], `${differing.length} of ${compared} texts differ`);
  });
});
