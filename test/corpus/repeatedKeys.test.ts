// A top-level key written twice, checked by block: `volumes:` typed at the end
// of a file that already has one, a section pasted twice. Compose refuses such
// a file (duplicate-key), and the file's names come from the first occurrence;
// the text is still spliced from blocks (model/incremental.ts), with the blocks
// of the second occurrence defining and using no names. Every such text must
// give the tree, the file model and the diagnostics of the same text parsed and
// judged whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../server/src/model/document';
import { buildFileModel } from '../../server/src/model/fileModel';
import { IncrementalParser } from '../../server/src/model/incremental';
import { differencesFromWhole, splicedDocuments } from './byBlock';
import { withExternalData } from '../support/externalData';
import { prng } from '../fuzz/mutations';

const MAX_DOCUMENTS = 250;

/** The top-level entries of `text`: each key line with the lines under it, in order. */
function topLevelEntries(text: string): string[] {
  const lines = text.split('\n');
  const starts = lines.flatMap((line, i) => (/^[A-Za-z_][\w.-]*:/.test(line) ? [i] : []));
  return starts.map((start, k) => lines.slice(start, starts[k + 1] ?? lines.length).join('\n').replace(/\n*$/, '\n'));
}

/** Ways a top-level key comes to be written twice; each returns the new text, or undefined when it does not apply. */
const REPEATS: readonly ((text: string, entry: string) => string | undefined)[] = [
  // The same section again at the end (pasted twice).
  (text, entry) => `${text.replace(/\n*$/, '\n')}${entry}`,
  // Its key line typed at the end, with a first entry of its own.
  (text, entry) => {
    const key = /^([A-Za-z_][\w.-]*):/.exec(entry)![1]!;
    return /^[A-Za-z_][\w.-]*:\s*\n {2}\S/.test(entry) ? `${text.replace(/\n*$/, '\n')}${key}:\n  added-entry: {}\n` : undefined;
  },
  // Its key line alone at the end, no value yet.
  (text, entry) => `${text.replace(/\n*$/, '\n')}${/^([A-Za-z_][\w.-]*):/.exec(entry)![1]!}:\n`,
  // The same section written before the first (the first one then holds the names).
  (text, entry) => text.replace(entry, `${entry}${entry.replace(/^( {2}[A-Za-z0-9_][\w.-]*):/m, '$1-copy:')}`),
];

withExternalData('corpus: top-level keys written twice', ['corpus'], ({ corpus }) => {
  test('a top-level key written twice is spliced, with the tree, the names and the diagnostics of a whole parse', () => {
    let documents = 0;
    let spliced = 0;
    let whole = 0;
    let withNames = 0;
    const differing: string[] = [];
    for (const { record, text, uri } of splicedDocuments(corpus, MAX_DOCUMENTS)) {
      const entries = topLevelEntries(text);
      if (entries.length === 0) continue;
      documents++;
      const random = prng(documents + 104729);
      for (const [k, repeat] of REPEATS.entries()) {
        const variant = repeat(text, entries[Math.floor(random() * entries.length)]!);
        if (variant === undefined || variant === text) continue;
        const label = `${record.path} (way ${k})`;
        // As an edit of the open document.
        const parser = new IncrementalParser(uri);
        parser.parse(TextDocument.create(uri, 'dockercompose', 1, text));
        const edited = parser.parse(TextDocument.create(uri, 'dockercompose', 2, variant));
        if (edited.fullParse !== undefined) {
          whole++;
          continue;
        }
        spliced++;
        const reference = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 2, variant), 2);
        if (edited.doc.shadowed?.size && buildFileModel(reference).definitions.length > 0) withNames++;
        const names = (doc: typeof reference) => {
          const model = buildFileModel(doc);
          return JSON.stringify([model.definitions.map((d) => [d.kind, d.name, d.range]), model.references.map((r) => [r.kind, r.name, r.range]), model.anchors.map((a) => [a.name, a.range])]);
        };
        if (names(edited.doc) !== names(reference)) differing.push(`${label}: the file model differs from the whole parse's`);
        differing.push(...differencesFromWhole(uri, variant, edited, label));
      }
    }
    console.log(`${documents} documents: ${spliced} texts with a top-level key written twice spliced and compared (${withNames} defining names), ${whole} parsed whole`);
    assert.ok(documents >= 200 && spliced >= 600 && withNames >= 300, `${documents} documents, ${spliced} spliced, ${withNames} with names, ${whole} whole`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} texts differ`);
  });
});
