// A syntax error inside one block, checked by block: typing passes through
// broken YAML (a line indented a step too far, a colon typed inside a value, a
// list item begun where a key goes, a quote or bracket not closed yet). A block
// holding such an error is spliced only when it reads the same between its
// neighbours as alone (model/blockContext.ts); otherwise the text is parsed
// whole, as before. Every spliced text must give the tree, the errors and the
// diagnostics of the same text parsed and judged whole. Corpus documents get
// one such error on a random line inside a top-level entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../server/src/model/document';
import { IncrementalParser } from '../../server/src/model/incremental';
import { diagnosticsOf, differencesFromWhole, splicedDocuments, wholeDiagnosticsOf } from './byBlock';
import { withExternalData } from '../support/externalData';
import { treeShape } from '../support/yamlTrees';
import { prng } from '../fuzz/mutations';

const VARIANTS_PER_DOCUMENT = 4;
const MAX_DOCUMENTS = 250;

/** Ways typing breaks a line `indent key: value`: each returns the broken line(s), or undefined when it does not apply. */
const BREAKS: readonly ((indent: string, rest: string) => string | undefined)[] = [
  (indent, rest) => `${indent}  ${rest}`, // indented a step too far
  (indent, rest) => (indent.length > 2 ? `${indent.slice(1)}${rest}` : undefined), // one space short
  (indent, rest) => (/: \S/.test(rest) ? `${rest.startsWith('- ') ? indent : indent}${rest.replace(/: (\S)/, ': $1: ')}` : undefined), // a colon typed in a value
  (indent, rest) => `${indent}- ${rest}`, // a list item begun where a key goes
  (indent, rest) => (/: \S/.test(rest) ? `${indent}${rest.replace(/: /, ': "')}` : undefined), // a quote not closed yet
  (indent, rest) => (/: \S/.test(rest) ? `${indent}${rest.replace(/: /, ': [')}` : undefined), // a bracket not closed yet
  (indent, rest) => `${indent}${rest}\n${indent}  : x`, // a value with no key
];

/** The text with one line inside a top-level entry broken; undefined when the document has no such line. */
function broken(text: string, random: () => number, kind: number): string | undefined {
  const lines = text.split('\n');
  const inside = lines.flatMap((line, i) => (/^( {2,})(\S.*)$/.test(line) && !line.trimStart().startsWith('#') ? [i] : []));
  if (inside.length === 0) return undefined;
  const at = inside[Math.floor(random() * inside.length)]!;
  const [, indent, rest] = /^( +)(.*)$/.exec(lines[at]!)!;
  const replaced = BREAKS[kind % BREAKS.length]!(indent!, rest!);
  return replaced === undefined ? undefined : [...lines.slice(0, at), replaced, ...lines.slice(at + 1)].join('\n');
}

/**
 * The text with one line broken in each of two items in a row of one section (two blocks with syntax errors
 * side by side: a service being edited next to one left broken); undefined when the document has no such items.
 */
function brokenTwice(text: string, blocks: readonly { role: string; offset: number; text: string }[], random: () => number, kind: number): string | undefined {
  const pairs = blocks.flatMap((block, i) => (block.role === 'item' && blocks[i + 1]?.role === 'item' ? [i] : []));
  if (pairs.length === 0) return undefined;
  const first = pairs[Math.floor(random() * pairs.length)]!;
  let variant = text;
  // The later block first, so the earlier one's offsets still hold.
  for (const [b, k] of [[first + 1, kind + 3], [first, kind]] as const) {
    const block = blocks[b]!;
    const lines = block.text.split('\n');
    const inside = lines.flatMap((line, i) => (i > 0 && /^( {2,})(\S.*)$/.test(line) && !line.trimStart().startsWith('#') ? [i] : []));
    if (inside.length === 0) return undefined;
    const at = inside[Math.floor(random() * inside.length)]!;
    const [, indent, rest] = /^( +)(.*)$/.exec(lines[at]!)!;
    const replaced = BREAKS[k % BREAKS.length]!(indent!, rest!);
    if (replaced === undefined) return undefined;
    const start = block.offset + lines.slice(0, at).join('\n').length + 1;
    variant = variant.slice(0, start) + replaced + variant.slice(start + lines[at]!.length);
  }
  return variant;
}

function problems(list: readonly { code: string; pos: [number, number]; message: string }[]): string {
  return JSON.stringify(list.map((e) => [e.code, e.pos, e.message]));
}

withExternalData('corpus: syntax errors inside a block', ['corpus'], ({ corpus }) => {
  test('a block with a syntax error is spliced only where it reads as the whole parse reads it, and judged as the whole text is', () => {
    let documents = 0;
    let spliced = 0;
    let whole = 0;
    let withFindings = 0;
    const differing: string[] = [];
    for (const { record, text, uri } of splicedDocuments(corpus, MAX_DOCUMENTS)) {
      documents++;
      const random = prng(documents);
      for (let v = 0; v < VARIANTS_PER_DOCUMENT; v++) {
        const variant = broken(text, random, documents * VARIANTS_PER_DOCUMENT + v);
        if (variant === undefined) continue;
        // As an edit of the open document (the blocks around it kept), and as a first open.
        const edited = new IncrementalParser(uri);
        edited.parse(TextDocument.create(uri, 'dockercompose', 1, text));
        const result = edited.parse(TextDocument.create(uri, 'dockercompose', 2, variant));
        const opened = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 2, variant));
        const label = `${record.path} (variant ${v})`;
        if (result.fullParse === undefined && result.doc.errors.length === 0) continue; // the change happened to be valid YAML
        if (result.fullParse !== undefined) {
          whole++;
          if ((opened.fullParse === undefined) !== (result.fullParse === undefined)) differing.push(`${label}: spliced on open but not after the edit, or the other way`);
          continue;
        }
        spliced++;
        const reference = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 2, variant), 2);
        for (const [how, got] of [['edited', result], ['opened', opened]] as const) {
          if (JSON.stringify(treeShape(got.doc.yaml)) !== JSON.stringify(treeShape(reference.yaml))) differing.push(`${label}: the ${how} tree differs from the whole parse's`);
          if (problems(got.doc.errors) !== problems(reference.errors)) differing.push(`${label}: ${how}, errors ${problems(got.doc.errors)}, whole ${problems(reference.errors)}`);
        }
        const byBlock = diagnosticsOf(uri, variant);
        const judgedWhole = wholeDiagnosticsOf(uri, variant);
        if (JSON.stringify(byBlock) !== JSON.stringify(judgedWhole)) differing.push(`${label}\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${judgedWhole.join('\n            ')}`);
        if (byBlock.length > 1) withFindings++;
      }
    }
    console.log(`${documents} documents: ${spliced} texts with a syntax error spliced and compared (${withFindings} with more findings than the error), ${whole} parsed whole`);
    assert.ok(documents >= 200, `only ${documents} documents spliced from blocks`);
    assert.ok(spliced >= 300 && whole >= 40 && withFindings >= 50, `${spliced} spliced, ${whole} whole, ${withFindings} with findings`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} texts differ`);
  });
});

withExternalData('corpus: syntax errors in two blocks in a row', ['corpus'], ({ corpus }) => {
  test('two items in a row, each with a syntax error, are spliced only where each reads as the whole parse reads it, and judged as the whole text is', () => {
    let documents = 0;
    let spliced = 0;
    let bothChecked = 0;
    let whole = 0;
    const differing: string[] = [];
    for (const { record, text, uri, blocks } of splicedDocuments(corpus, MAX_DOCUMENTS)) {
      documents++;
      const random = prng(documents + 7919);
      // Each variant as an edit of the one before, the blocks around it kept.
      const parser = new IncrementalParser(uri);
      parser.parse(TextDocument.create(uri, 'dockercompose', 1, text));
      for (let v = 0; v < VARIANTS_PER_DOCUMENT; v++) {
        const variant = brokenTwice(text, blocks, random, documents * VARIANTS_PER_DOCUMENT + v);
        if (variant === undefined) continue;
        const result = parser.parse(TextDocument.create(uri, 'dockercompose', v + 2, variant));
        if (result.fullParse === undefined && result.doc.errors.length === 0) continue;
        if (result.fullParse !== undefined) {
          whole++;
          continue;
        }
        spliced++;
        // Both blocks read again between their neighbours (a key being typed needs no such check).
        const checked = result.doc.blocks!;
        if (checked.some((b, i) => b.errorsNeedContext && checked[i + 1]?.errorsNeedContext)) bothChecked++;
        differing.push(...differencesFromWhole(uri, variant, result, `${record.path} (variant ${v})`));
      }
    }
    console.log(`${documents} documents: ${spliced} texts with two broken blocks in a row spliced and compared (${bothChecked} with both read again between their neighbours), ${whole} parsed whole`);
    assert.ok(documents >= 200 && spliced >= 50 && bothChecked >= 15 && whole >= 20, `${documents} documents, ${spliced} spliced, ${bothChecked} both checked, ${whole} whole`);
    assert.deepEqual(differing.slice(0, 5), [], `${differing.length} texts differ`);
  });
});
