// The corpus tier for completion and hover: every file of ../shared/corpus/valid
// builds a model, and completion and hover answer at 20 positions spread over
// its text, in-process (fast), then on a sample through the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CompletionItem, CompletionList, Hover, Position, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../server/src/model/workspace';
import { startServer, type LspSession } from '../lsp/helpers/server';
import { placedPath, readManifest, type CorpusRecord, corpusService } from './corpusFiles';
import { withExternalData } from '../support/externalData';
import * as path from 'node:path';

const POSITIONS_PER_FILE = 20;
const STDIO_SAMPLE = 50;

withExternalData('corpus: completion and hover on every valid file', ['corpus'], ({ corpus }) => {
  const records = readManifest(corpus).filter((r) => r.path.startsWith('valid/'));

  /** 20 offsets spread evenly over the text: the same ones on every run. */
  function offsets(length: number): number[] {
    const result: number[] = [];
    for (let k = 0; k < POSITIONS_PER_FILE; k++) result.push(Math.min(length, Math.floor(((k + 0.5) * length) / POSITIONS_PER_FILE)));
    return result;
  }

  const before_ = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const holds = (range: Range, at: Position) => before_(range.start, at) && before_(at, range.end);

  /** What every answer must satisfy, whatever the file: ranges that hold the cursor. */
  function checkAnswers(where: string, at: Position, items: readonly CompletionItem[], hover: Hover | null): void {
    for (const item of items) {
      assert.ok(typeof item.label === 'string' && item.label.length > 0, `${where}: an item without label`);
      const edit = item.textEdit;
      if (edit && 'range' in edit) assert.ok(holds(edit.range, at), `${where}: item ${item.label} replaces ${JSON.stringify(edit.range)}, away from the cursor`);
    }
    if (hover) {
      const contents = hover.contents as { value?: string };
      assert.ok(typeof contents.value === 'string' && contents.value.length > 0, `${where}: an empty hover`);
      if (hover.range) assert.ok(holds(hover.range, at), `${where}: hover range ${JSON.stringify(hover.range)} does not hold the cursor`);
    }
  }

  test(`the corpus has its valid files (${records.length})`, () => {
    assert.ok(records.length > 900, `only ${records.length} valid files in ${corpus}`);
  });

  test('every valid corpus file: model, completion and hover at 20 positions, in-process', () => {
    const service = corpusService();
    let answered = 0;
    let hovers = 0;
    let items = 0;
    for (const record of records) {
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      const uri = pathToUri(placedPath(corpus, record));
      const doc = TextDocument.create(uri, 'dockercompose', 1, text);
      service.documentChanged(doc);
      assert.ok(service.workspace.fileModel(uri), `${record.path}: no model`);
      service.workspace.project(uri);
      for (const offset of offsets(text.length)) {
        const at = doc.positionAt(offset);
        const where = `${record.path} at ${at.line + 1}:${at.character + 1}`;
        let list: CompletionList;
        let hover: Hover | null;
        try {
          list = service.completion(uri, at);
          hover = service.hover(uri, at);
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).stack}`);
        }
        checkAnswers(where, at, list.items, hover);
        answered++;
        items += list.items.length;
        if (hover) hovers++;
      }
      service.documentClosed(uri);
    }
    assert.equal(answered, records.length * POSITIONS_PER_FILE);
    // The answers are not all empty: most positions in real files are on keys and values we know.
    assert.ok(hovers > answered / 3, `only ${hovers} hovers for ${answered} positions`);
    assert.ok(items > answered, `only ${items} completion items for ${answered} positions`);
  });

  describeStdio();

  function describeStdio(): void {
    let server: LspSession;
    before(async () => {
      server = await startServer({ rootUri: pathToUri(corpus) });
    });
    after(async () => {
      await server?.stop();
    });

    test(`a sample of ${STDIO_SAMPLE} valid files through the real server over stdio`, async () => {
      const step = Math.max(1, Math.floor(records.length / STDIO_SAMPLE));
      const sample: CorpusRecord[] = records.filter((_, i) => i % step === 0).slice(0, STDIO_SAMPLE);
      for (const record of sample) {
        const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
        const uri = pathToUri(placedPath(corpus, record));
        const doc = TextDocument.create(uri, 'dockercompose', 1, text);
        server.open(uri, text);
        for (const offset of offsets(text.length)) {
          const at = doc.positionAt(offset);
          const where = `${record.path} at ${at.line + 1}:${at.character + 1} (stdio)`;
          const reply = await server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: at });
          const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
          checkAnswers(where, at, Array.isArray(reply) ? reply : reply?.items ?? [], hover);
        }
        server.close(uri);
      }
      assert.equal(server.process.exitCode, null, `the server exited: ${server.log.join('\n')}`);
    });
  }
});
