// A key being typed, checked by block: every new key is for a moment a word
// without its colon (`    hostn`), a syntax error the parser recovers from
// in place (a key with no value). The block holding it is parsed alone and
// spliced (model/incremental.ts), so typing in a large file does not parse
// the whole text on every keystroke. Its diagnostics must equal those of the
// same text parsed and judged whole, as every such text was judged before.
// Corpus documents get such a word after a key line of a service, of an
// `x-` block, or of a nested mapping, and at the end of a list's item.
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
import { prng } from '../fuzz/mutations';

const VARIANTS_PER_DOCUMENT = 3;
/** Enough documents for every kind of place; all of them would take minutes. */
const MAX_DOCUMENTS = 250;

/** The text with `word` typed on a new line after a random key line indented like a mapping's entry. */
function typedAfterKey(text: string, random: () => number, word: string): string | undefined {
  const lines = text.split('\n');
  const keyLines = lines.flatMap((line, i) => (/^( {2,})[A-Za-z_][\w.-]*:/.test(line) ? [i] : []));
  if (keyLines.length === 0) return undefined;
  const at = keyLines[Math.floor(random() * keyLines.length)]!;
  const indent = /^( *)/.exec(lines[at]!)![1]!;
  // Under a key that opens a block (`ports:`), the new key goes after that block, at the key's indentation.
  let end = at + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || /^( *)/.exec(lines[end]!)![1]!.length > indent.length || lines[end]!.startsWith(`${indent}- `))) end++;
  return [...lines.slice(0, end), `${indent}${word}`, ...lines.slice(end)].join('\n');
}

function spliced(uri: string, text: string): { whole: boolean; errors: number } {
  const result = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 1, text));
  return { whole: result.fullParse !== undefined, errors: result.doc.errors.length };
}

withExternalData('corpus: keys being typed', ['corpus'], ({ corpus }) => {
  test('a word typed where a key goes is read in its block, and the document gets the diagnostics of a whole check', () => {
    let documents = 0;
    let compared = 0;
    let withFindings = 0;
    const differing: string[] = [];
    const words = ['h', 'hostn', 'restart', 'x_y'];
    for (const record of readManifest(corpus)) {
      if (record.kind !== 'compose' || documents >= MAX_DOCUMENTS) continue;
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      const uri = pathToUri(placedPath(corpus, record));
      const before = spliced(uri, text);
      if (before.whole || before.errors > 0) continue;
      documents++;
      const random = prng(documents);
      for (let v = 0; v < VARIANTS_PER_DOCUMENT; v++) {
        const variant = typedAfterKey(text, random, words[(documents + v) % words.length]!);
        if (variant === undefined) continue;
        const after = spliced(uri, variant);
        // Only texts whose typed word stayed in a block (the others are parsed whole, as before).
        if (after.whole || after.errors === 0) continue;
        compared++;
        const byBlock = diagnosticsOf(uri, variant);
        const whole = wholeDiagnosticsOf(uri, variant);
        if (byBlock.length > 1) withFindings++;
        if (JSON.stringify(byBlock) !== JSON.stringify(whole)) differing.push(`${record.path} (variant ${v})\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${whole.join('\n            ')}`);
      }
    }
    assert.ok(documents >= 200, `only ${documents} documents spliced from blocks`);
    assert.ok(compared >= 300 && withFindings >= 20, `${compared} texts compared, ${withFindings} with findings besides the typed word`);
    console.log(`${documents} documents, ${compared} texts with a word being typed compared, ${withFindings} with more findings`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} of ${compared} texts differ`);
  });
});
