// A key being typed, checked by block: every new key is for a moment a word
// without its colon (`    hostn`), a syntax error the parser recovers from
// in place (a key with no value). The block holding it is parsed alone and
// spliced (model/incremental.ts), so typing in a large file does not parse
// the whole text on every keystroke. Its diagnostics must equal those of the
// same text parsed and judged whole, as every such text was judged before.
// Corpus documents get such a word after a key line of a service, of an
// `x-` block, or of a nested mapping, and at the end of a list's item.
// Names are judged while a key is typed where the word cannot make a verdict
// wrong (diagnostics/typedKeys.ts): the documents also get a service that
// names an undefined service and itself (name findings to keep or withhold),
// and a word before a service entry, which swallows that service (no
// reference to it may then read as undefined; such a text is parsed whole).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser } from '../../server/src/model/incremental';
import { parseCompose } from '../../server/src/model/document';
import { buildFileModel } from '../../server/src/model/fileModel';
import { treeShape } from '../support/yamlTrees';
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

/** The text with a first service that depends on an undefined service and on itself: an undefined-service and a dependency-cycle finding. */
function withProbe(text: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^services:\s*$/.test(line));
  const entry = lines.slice(at + 1).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const indent = at < 0 ? undefined : /^( +)[A-Za-z_]/.exec(entry ?? '')?.[1];
  if (!indent) return undefined;
  const probe = [`${indent}${PROBE}:`, `${indent}${indent}image: busybox`, `${indent}${indent}depends_on: [no-such-service, ${PROBE}]`];
  return [...lines.slice(0, at + 1), ...probe, ...lines.slice(at + 1)].join('\n');
}

const PROBE = 'typing-probe';

/** The text with `word` typed on a new line before a random service entry (not the probe), which swallows that service, and the probe depending on it. Also the service's name. */
function typedBeforeService(text: string, random: () => number, word: string): { text: string; service: string } | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^services:\s*$/.test(line));
  const indent = /^( +)/.exec(lines[at + 1] ?? '')?.[1];
  if (at < 0 || !indent) return undefined;
  const entry = new RegExp(`^${indent}([A-Za-z_][\\w.-]*):`);
  const entries: number[] = [];
  for (let i = at + 1; i < lines.length && (lines[i]!.trim() === '' || lines[i]!.startsWith(' ') || lines[i]!.startsWith('#')); i++) {
    if (entry.test(lines[i]!) && !lines[i]!.startsWith(`${indent}${PROBE}:`)) entries.push(i);
  }
  if (entries.length === 0) return undefined;
  const line = entries[Math.floor(random() * entries.length)]!;
  const service = entry.exec(lines[line]!)![1]!;
  // The probe depends on the swallowed service too: read as undefined, it would say so.
  const typed = [...lines.slice(0, line), `${indent}${word}`, ...lines.slice(line)].join('\n');
  return { text: typed.replace(`[no-such-service, ${PROBE}]`, `[no-such-service, ${PROBE}, ${service}]`), service };
}

const NAME_FINDING = /"code":"(undefined-|dependency-cycle)/;

function spliced(uri: string, text: string): { whole: boolean; errors: number } {
  const result = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 1, text));
  return { whole: result.fullParse !== undefined, errors: result.doc.errors.length };
}

withExternalData('corpus: keys being typed', ['corpus'], ({ corpus }) => {
  test('a word typed where a key goes is read in its block, and the document gets the diagnostics of a whole check', () => {
    let documents = 0;
    let compared = 0;
    let withFindings = 0;
    // Texts with the probe: names judged (its findings kept) or withheld; words that swallowed a service.
    let namesJudged = 0;
    let namesWithheld = 0;
    let swallowed = 0;
    const differing: string[] = [];
    const falseUndefined: string[] = [];
    const compare = (label: string, uri: string, variant: string, inBlock = true): string[] | undefined => {
      const after = spliced(uri, variant);
      // Only texts whose typed word stayed in a block (the others are parsed whole, as before), unless told otherwise.
      if ((inBlock && after.whole) || after.errors === 0) return undefined;
      const byBlock = diagnosticsOf(uri, variant);
      const whole = wholeDiagnosticsOf(uri, variant);
      if (JSON.stringify(byBlock) !== JSON.stringify(whole)) differing.push(`${label}\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${whole.join('\n            ')}`);
      return byBlock;
    };
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
        const byBlock = compare(`${record.path} (variant ${v})`, uri, variant);
        if (!byBlock) continue;
        compared++;
        if (byBlock.length > 1) withFindings++;
      }
      const probed = withProbe(text);
      if (probed === undefined || spliced(uri, probed).whole) continue;
      const word = words[documents % words.length]!;
      const afterKey = typedAfterKey(probed, random, word);
      const byBlock = afterKey === undefined ? undefined : compare(`${record.path} (with the probe)`, uri, afterKey);
      if (byBlock) {
        compared++;
        if (byBlock.some((d) => NAME_FINDING.test(d))) namesJudged++;
        else namesWithheld++;
      }
      const beforeService = typedBeforeService(probed, random, word);
      // A word at a service entry's indentation is a block of its own, which does not stand alone: the text is parsed whole.
      const entryLost = beforeService && compare(`${record.path} (before service ${beforeService.service})`, uri, beforeService.text, false);
      if (entryLost) {
        compared++;
        swallowed++;
        const wrong = entryLost.filter((d) => {
          const { code, message } = JSON.parse(d) as { code: string; message: string };
          return code === 'undefined-service' && message.includes(`undefined service "${beforeService.service}"`);
        });
        if (wrong.length > 0) falseUndefined.push(`${record.path} (${beforeService.service} swallowed): ${wrong.join(' ')}`);
      }
    }
    assert.ok(documents >= 200, `only ${documents} documents spliced from blocks`);
    assert.ok(compared >= 300 && withFindings >= 20, `${compared} texts compared, ${withFindings} with findings besides the typed word`);
    assert.ok(namesJudged >= 50 && namesWithheld >= 10 && swallowed >= 100, `with the probe: names judged in ${namesJudged} texts, withheld in ${namesWithheld}; ${swallowed} words before a service`);
    console.log(`${documents} documents, ${compared} texts with a word being typed compared, ${withFindings} with more findings; with the probe, names judged in ${namesJudged}, withheld in ${namesWithheld}; ${swallowed} words before a service`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} of ${compared} texts differ`);
    assert.deepEqual(falseUndefined.slice(0, 5), [], `${falseUndefined.length} swallowed services read as undefined`);
  });
});

/** The text with `word` typed as a new entry of a random section (`services`, `networks`...): before one of its entries, or after the last. */
function typedAsEntry(text: string, random: () => number, word: string): string | undefined {
  const lines = text.split('\n');
  const sections = lines.flatMap((line, i) => (/^[a-z][\w-]*:\s*$/.test(line) && /^( +)[A-Za-z0-9_][\w.-]*:/.test(lines[i + 1] ?? '') ? [i] : []));
  if (sections.length === 0) return undefined;
  const at = sections[Math.floor(random() * sections.length)]!;
  const indent = /^( +)/.exec(lines[at + 1]!)![1]!;
  const entries: number[] = [];
  let end = at + 1;
  for (; end < lines.length && (lines[end]!.trim() === '' || lines[end]!.startsWith(' ') || lines[end]!.startsWith('#')); end++) {
    if (new RegExp(`^${indent}[A-Za-z0-9_"']`).test(lines[end]!)) entries.push(end);
  }
  // Before an entry, or after the section's last line that is not blank.
  while (end > at + 1 && lines[end - 1]!.trim() === '') end--;
  const places = [...entries, end];
  const line = places[Math.floor(random() * places.length)]!;
  return [...lines.slice(0, line), `${indent}${word}`, ...lines.slice(line)].join('\n');
}

/** The text with `word` typed as a new top-level key: before one of the top-level keys, or at the end. */
function typedAsTopLevelKey(text: string, random: () => number, word: string): string {
  const lines = text.split('\n');
  const keys = lines.flatMap((line, i) => (/^[A-Za-z_][\w.-]*:/.test(line) ? [i] : []));
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  const places = [...keys, end];
  const line = places[Math.floor(random() * places.length)]!;
  return [...lines.slice(0, line), word, ...lines.slice(line)].join('\n');
}

/** The text with a new section's key line and its first entry's name typed under it (`x-newsec:` and `  word`), where a top-level key may go. */
function typedAsNewSection(text: string, random: () => number, word: string): string {
  return typedAsTopLevelKey(text, random, `x-newsec:\n  ${word}`);
}

withExternalData('corpus: new entries being named', ['corpus'], ({ corpus }) => {
  test('a new entry\'s name typed in a section, or a new top-level key, is read with its neighbours as the whole parse reads it, and judged as the whole text is', () => {
    let documents = 0;
    let splicedTexts = 0;
    let joined = 0;
    let whole = 0;
    // New top-level keys: spliced, read with the section key after them, parsed whole.
    let topSpliced = 0;
    let topJoined = 0;
    let topWhole = 0;
    // Versions where the word joined the key line of a section of two entries or more.
    let joinedSections = 0;
    // A new section's first entry being named, read as the section's value: spliced, parsed whole.
    let sectionSpliced = 0;
    let sectionWhole = 0;
    const differing: string[] = [];
    for (const record of readManifest(corpus)) {
      if (record.kind !== 'compose' || documents >= MAX_DOCUMENTS) continue;
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      const uri = pathToUri(placedPath(corpus, record));
      if (spliced(uri, text).whole) continue;
      documents++;
      const random = prng(documents);
      const variants = [
        ...['n', 'newsvc'].map((word) => ({ word, text: typedAsEntry(text, random, word), topLevel: false, newSection: false })),
        ...['x', 'x-newkey'].map((word) => ({ word, text: typedAsTopLevelKey(text, random, word), topLevel: true, newSection: false })),
        ...['n', 'newsvc'].map((word) => ({ word, text: typedAsNewSection(text, random, word), topLevel: false, newSection: true })),
      ];
      for (const { word, text: variant, topLevel, newSection } of variants) {
        if (variant === undefined) continue;
        const result = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 1, variant));
        if (newSection) {
          if (result.fullParse !== undefined) sectionWhole++;
          else sectionSpliced++;
        } else if (result.fullParse !== undefined) {
          if (topLevel) topWhole++;
          else whole++;
          continue;
        }
        if (result.fullParse !== undefined) continue;
        if (topLevel) topSpliced++;
        else if (!newSection) splicedTexts++;
        if (result.doc.blocks!.some((b) => b.errorsNeedContext && b.text.includes('\n', b.text.indexOf('\n') + 1) && new RegExp(`^ *${word}\\r?\\n`).test(b.text))) {
          if (topLevel) topJoined++;
          else joined++;
        }
        const reference = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, variant), 1);
        const label = `${record.path} (${word})`;
        if (JSON.stringify(treeShape(result.doc.yaml)) !== JSON.stringify(treeShape(reference.yaml))) differing.push(`${label}: the tree differs from the whole parse's`);
        const errors = (list: typeof reference.errors) => JSON.stringify(list.map((e) => [e.code, e.pos, e.message]));
        if (errors(result.doc.errors) !== errors(reference.errors)) differing.push(`${label}: errors ${errors(result.doc.errors)}, whole ${errors(reference.errors)}`);
        const byBlock = diagnosticsOf(uri, variant);
        const judgedWhole = wholeDiagnosticsOf(uri, variant);
        if (JSON.stringify(byBlock) !== JSON.stringify(judgedWhole)) differing.push(`${label}\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${judgedWhole.join('\n            ')}`);
        if (!topLevel) continue;
        // As typed: the text before, the word, then its colon, each version's blocks from the one before. A word
        // joined with a section's key line makes the section's entries those of the joined key, and its colon
        // gives them back: they are found under the other key, not parsed again.
        const parser = new IncrementalParser(uri);
        parser.parse(TextDocument.create(uri, 'dockercompose', 1, text));
        const colon = variant.replace(new RegExp(`^${word}$`, 'm'), `${word}:`);
        for (const [k, version] of [variant, colon].entries()) {
          const edited = parser.parse(TextDocument.create(uri, 'dockercompose', k + 2, version));
          if (edited.fullParse !== undefined) continue;
          const fresh = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 1, version), 1);
          const step = `${label}, ${k === 0 ? 'typed after the text before' : 'its colon'}`;
          if (JSON.stringify(treeShape(edited.doc.yaml)) !== JSON.stringify(treeShape(fresh.yaml))) differing.push(`${step}: the tree differs from the whole parse's`);
          if (errors(edited.doc.errors) !== errors(fresh.errors)) differing.push(`${step}: errors ${errors(edited.doc.errors)}, whole ${errors(fresh.errors)}`);
          const names = (doc: typeof fresh) => JSON.stringify(buildFileModel(doc).definitions.map((d) => [d.kind, d.name, d.range]));
          if (names(edited.doc) !== names(fresh)) differing.push(`${step}: the names it defines differ from the whole parse's`);
          const blocks = edited.doc.blocks!;
          const header = blocks.findIndex((b) => b.role === 'header' && b.text.startsWith(`${word}\n`));
          let entries = 0;
          while (header >= 0 && blocks[header + 1 + entries]?.role === 'item') entries++;
          if (entries >= 2) {
            joinedSections++;
            if (edited.parsedBlocks > 2) differing.push(`${step}: ${edited.parsedBlocks} blocks parsed again, of a section of ${entries} entries`);
          }
        }
      }
    }
    console.log(`${documents} documents: ${splicedTexts} texts with a new entry's name spliced (${joined} read with the entry after it), ${whole} parsed whole; ${topSpliced} with a new top-level key spliced (${topJoined} read with the section key after it), ${topWhole} parsed whole; ${joinedSections} versions typed after the text before joined a section of entries; ${sectionSpliced} with a new section's first entry spliced, ${sectionWhole} parsed whole`);
    assert.ok(sectionSpliced >= 400 && sectionWhole <= 20, `a new section's first entry: ${sectionSpliced} spliced, ${sectionWhole} whole`);
    assert.ok(documents >= 200 && splicedTexts >= 300 && joined >= 50 && whole <= 40, `${documents} documents, ${splicedTexts} spliced, ${joined} joined, ${whole} whole`);
    assert.ok(topSpliced >= 300 && topJoined >= 50 && topWhole <= 80 && joinedSections >= 20, `new top-level keys: ${topSpliced} spliced, ${topJoined} joined, ${topWhole} whole, ${joinedSections} joined with a section of entries after an edit`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} texts differ`);
  });
});

