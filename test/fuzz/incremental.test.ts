// Incremental equals from scratch: one language service follows a corpus
// document through a chain of edits (mutations, typed characters, new and
// deleted lines, each sent as the smallest edit that turns one text into the
// next, and told what the edit left alone, as the server is by the editor's
// change event), reusing the blocks it parsed and the diagnostics it kept; after
// every edit its diagnostics, symbols and definitions must equal those of a
// fresh service given the same text.
//   DOCKHAND_FUZZ_SEED=<n>       replay a run (the seed is printed)
//   DOCKHAND_INCREMENTAL_DOCS=<n> how many documents (default 200)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
import { NESTING_TOO_DEEP_CODE } from '../../server/src/diagnostics/nesting';
import { pathToUri } from '../../server/src/model/workspace';
import { editWindow, type EditWindow } from '../../server/src/model/editWindow';
import { readManifest } from '../corpus/corpusFiles';
import { setLazyFromBlocks } from '../../server/src/model/blockTrees';
import { withExternalData } from '../support/externalData';
import { int, mutate, pick, prng, type Random } from './mutations';

// Every document, however small, keeps its entries' trees only while read (the server does so from 2,000
// blocks: model/blockTrees.ts), so each diagnostics run settled here drops them and what follows reads them again.
setLazyFromBlocks(0);

const SEED = Number(process.env.DOCKHAND_FUZZ_SEED ?? 20261130);
const DOCUMENTS = Number(process.env.DOCKHAND_INCREMENTAL_DOCS ?? 200);
const EDITS_PER_DOCUMENT = 6;
/** A folder that does not exist: both services see the same (absent) neighbours. */
const URI = pathToUri(path.join(path.sep, 'nonexistent-dockhand-fuzz', 'app', 'compose.yaml'));

/** Edits an editor sends while someone types: a character, a new line with indentation, a deleted line, or a mutation. */
function nextText(text: string, random: Random): { text: string; how: string } {
  const at = int(random, text.length + 1);
  switch (int(random, 5)) {
    case 0:
      return { text: text.slice(0, at) + pick(random, ['a', ' ', ':', '-', '1', '"', '#', '{', '&x', '*x']) + text.slice(at), how: 'type' };
    case 1: {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const indent = /^ */.exec(text.slice(lineStart))![0];
      return { text: text.slice(0, at) + '\n' + indent + pick(random, ['', 'x: 1', '- y', 'image: nginx']) + text.slice(at), how: 'new line' };
    }
    case 2: {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      return { text: text.slice(0, lineStart) + (lineEnd < 0 ? '' : text.slice(lineEnd + 1)), how: 'delete line' };
    }
    case 3:
      return { text: text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(random, 4))), how: 'delete' };
    default: {
      const m = mutate(text, random);
      return { text: m.text, how: m.applied.join('+') };
    }
  }
}

/** The smallest single edit from `before` to `after`: common prefix and suffix kept; with what it left alone, as the server reads it from the change event. */
function minimalEdit(doc: TextDocument, after: string): { doc: TextDocument; window: EditWindow | undefined } {
  const before = doc.getText();
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const change = { range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) }, text: after.slice(start, after.length - end) };
  return { doc: TextDocument.update(doc, [change], doc.version + 1), window: editWindow(doc, [change]) };
}

/**
 * How much of a run's settling is done before the next edit (serviceChecks.ts): all of it, as after a pause in
 * typing; none, or one slice, as when the next key comes first. The next run must give the same either way.
 */
type Settling = 'all' | 'none' | 'one slice';
const SETTLINGS: readonly Settling[] = ['all', 'none', 'one slice'];

/** What must not depend on how the text arrived: diagnostics (in any order), symbols, definitions at a few positions. */
function observe(service: LanguageService, text: string, random: Random, settling: Settling = 'all'): string {
  const diagnostics = service.diagnostics(URI, settling === 'all').map((d) => JSON.stringify(d)).sort();
  if (settling === 'one slice') service.settleInSteps(URI).next();
  const symbols = service.documentSymbols(URI);
  const probe = TextDocument.create(URI, 'dockercompose', 0, text);
  const definitions = Array.from({ length: 4 }, () => {
    const position = probe.positionAt(int(random, text.length + 1));
    return { position, found: service.definition(URI, position) };
  });
  return JSON.stringify({ diagnostics, symbols, definitions }, null, 1);
}

/** Below this nesting the parser never comes near the stack's end (with Node's default stack it overflows at ~500-1,000 levels). */
const STACK_SAFE_DEPTH = 300;

/** A bound on how deep the text nests: the deepest indentation, or the most flow brackets open at once. */
function nestingDepth(text: string): number {
  let deepest = 0;
  let open = 0;
  for (const line of text.split('\n')) deepest = Math.max(deepest, line.length - line.trimStart().length);
  for (const c of text) {
    if (c === '[' || c === '{') deepest = Math.max(deepest, ++open);
    else if ((c === ']' || c === '}') && open > 0) open--;
  }
  return deepest;
}

function firstDifference(got: string, expected: string): string {
  const a = got.split('\n');
  const b = expected.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `incremental: ${a.slice(Math.max(0, i - 3), i + 3).join('\n')}\nfresh: ${b.slice(Math.max(0, i - 3), i + 3).join('\n')}`;
}

withExternalData('fuzz: incremental parsing and checking equal a fresh server', ['corpus'], ({ corpus }) => {
  test(`after every edit, incremental results equal a fresh service's (seed ${SEED})`, { timeout: 540_000 }, () => {
    const files = readManifest(corpus).filter((r) => r.kind === 'compose');
    assert.ok(files.length > 500, 'the corpus holds its ~1,000 files');
    const random = prng(SEED);
    console.log(`incremental: seed ${SEED} (replay with DOCKHAND_FUZZ_SEED=${SEED}), ${DOCUMENTS} documents`);
    let edits = 0;
    let stackBoundDifferences = 0;
    for (let i = 0; i < DOCUMENTS; i++) {
      const record = pick(random, files);
      const original = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      if (original.length > 60_000) continue;
      const incremental = new LanguageService({});
      let doc = TextDocument.create(URI, 'dockercompose', 1, original);
      incremental.documentChanged(doc);
      incremental.diagnostics(URI);
      const history: string[] = [];
      for (let e = 0; e < EDITS_PER_DOCUMENT; e++) {
        const next = nextText(doc.getText(), random);
        history.push(next.how);
        const edited = minimalEdit(doc, next.text);
        doc = edited.doc;
        incremental.documentChanged(doc, edited.window);
        const fresh = new LanguageService({});
        fresh.documentChanged(TextDocument.create(URI, 'dockercompose', doc.version, doc.getText()));
        const probeSeed = int(random, 1 << 30);
        const settling = pick(random, SETTLINGS);
        history.push(`settled: ${settling}`);
        const got = observe(incremental, doc.getText(), prng(probeSeed), settling);
        const expected = observe(fresh, doc.getText(), prng(probeSeed));
        // How deep the parser gets before the stack runs out depends on the stack already in use: not a property of the text.
        // The overflow shows as the warning that the file was not checked (or, past Compose's own limit, as its error).
        // Past a few hundred levels the parser (and our walks over its tree) get near the end of the stack, and how far each
        // gets depends on the frames below it; seen twice as a deep-nesting edit whose results differed without an overflow message.
        const stackBound =
          nestingDepth(doc.getText()) > STACK_SAFE_DEPTH || [got, expected].some((o) => o.includes(NESTING_TOO_DEEP_CODE) || o.includes('exceeded max depth'));
        if (got !== expected && stackBound) stackBoundDifferences++;
        if (got !== expected && !stackBound) {
          const where = path.join('.tmp', 'fuzz', `incremental-${SEED}-${i}.yaml`);
          fs.mkdirSync(path.dirname(where), { recursive: true });
          fs.writeFileSync(where, doc.getText());
          assert.fail(`${record.path} after ${history.join(', ')}: incremental differs from fresh (final text in ${where}):\n${firstDifference(got, expected)}`);
        }
        edits++;
      }
    }
    console.log(`incremental: ${edits} edits compared (${stackBoundDifferences} differed only where the text nests past the stack's reach)`);
    assert.ok(edits > DOCUMENTS * 3, 'most documents were edited and compared');
  });
});
