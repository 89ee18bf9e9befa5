// A document's diagnostics checked by block (as the server checks an open
// document) and checked whole (the incremental parser's fallback, forced):
// the corpus tests that compare the two for what blocks may now hold.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../server/src/model/document';
import { IncrementalParser, type IncrementalResult } from '../../server/src/model/incremental';
import type { ParsedBlock } from '../../server/src/model/parsedBlock';
import { pathToUri } from '../../server/src/model/workspace';
import { treeShape } from '../support/yamlTrees';
import { placedPath, readManifest, type CorpusRecord, corpusService } from './corpusFiles';

/** Diagnostics of `text` at `uri` from a fresh service, in a stable order. */
export function diagnosticsOf(uri: string, text: string): string[] {
  const service = corpusService();
  service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
  return service.diagnostics(uri).map((d) => JSON.stringify(d)).sort();
}

/** The same, with every document parsed whole (the incremental parser's one fallback, taken always). */
export function wholeDiagnosticsOf(uri: string, text: string): string[] {
  const parse = Object.getOwnPropertyDescriptor(IncrementalParser.prototype, 'parse')!;
  Object.defineProperty(IncrementalParser.prototype, 'parse', {
    ...parse,
    value(this: IncrementalParser, doc: TextDocument) {
      return { doc: parseCompose(doc.uri, doc, doc.version), fullParse: 'checked whole for comparison', parsedBlocks: 0, stale: [] };
    },
  });
  try {
    return diagnosticsOf(uri, text);
  } finally {
    Object.defineProperty(IncrementalParser.prototype, 'parse', parse);
  }
}

/** A corpus document that is spliced from blocks with no syntax error: the one kind the by-block tests change. */
export interface SplicedDocument {
  readonly record: CorpusRecord;
  readonly text: string;
  readonly uri: string;
  /** Its blocks, as a first open cuts them. */
  readonly blocks: readonly ParsedBlock[];
}

/** The first `max` corpus documents spliced from blocks with no syntax error, each placed where it lives (its relative files resolve there). */
export function* splicedDocuments(corpus: string, max: number): Generator<SplicedDocument> {
  let documents = 0;
  for (const record of readManifest(corpus)) {
    if (record.kind !== 'compose' || documents >= max) continue;
    const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
    const uri = pathToUri(placedPath(corpus, record));
    const original = new IncrementalParser(uri).parse(TextDocument.create(uri, 'dockercompose', 1, text));
    if (original.fullParse !== undefined || original.doc.errors.length > 0) continue;
    documents++;
    yield { record, text, uri, blocks: original.doc.blocks! };
  }
}

/**
 * How a text spliced from blocks (`result`) differs from the same text parsed and judged whole: its tree,
 * its syntax errors, and its diagnostics (a fresh service, by block and whole); empty when it does not.
 */
export function differencesFromWhole(uri: string, text: string, result: IncrementalResult, label: string): string[] {
  const out: string[] = [];
  const reference = parseCompose(uri, TextDocument.create(uri, 'dockercompose', 2, text), 2);
  if (JSON.stringify(treeShape(result.doc.yaml)) !== JSON.stringify(treeShape(reference.yaml))) out.push(`${label}: the tree differs from the whole parse's`);
  const problems = (list: typeof reference.errors) => JSON.stringify(list.map((e) => [e.code, e.pos, e.message]));
  if (problems(result.doc.errors) !== problems(reference.errors)) out.push(`${label}: errors ${problems(result.doc.errors)}, whole ${problems(reference.errors)}`);
  const byBlock = diagnosticsOf(uri, text);
  const judgedWhole = wholeDiagnosticsOf(uri, text);
  if (JSON.stringify(byBlock) !== JSON.stringify(judgedWhole)) out.push(`${label}\n  by block: ${byBlock.join('\n            ')}\n  whole:    ${judgedWhole.join('\n            ')}`);
  return out;
}
