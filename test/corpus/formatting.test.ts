// The formatter over every file of the shared corpus, through the real server
// (in the corpus tier for its time budget): the data (parsed, merge keys
// applied) is identical before and after, so are anchors, tags and comments;
// a second pass is a no-op; a file with syntax errors gets no edits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isDeepStrictEqual } from 'node:util';
import { isNode, parseDocument, visit } from 'yaml';
import { pathToUri } from '../../server/src/model/workspace';
import { placedPath, readManifest } from './corpusFiles';
import { withExternalData } from '../support/externalData';
import { startServer, type LspSession } from '../lsp/helpers/server';

const parse = (text: string) => parseDocument(text, { merge: true, uniqueKeys: false, strict: false, prettyErrors: false });

/** What formatting must keep besides the data: every node's anchor, tag and comments, in document order. */
function decorations(text: string): string[] {
  const doc = parse(text);
  const out: string[] = [doc.commentBefore ?? '', doc.comment ?? ''];
  visit(doc, (_key, node) => {
    if (isNode(node)) out.push(`${node.anchor ?? ''}|${node.tag ?? ''}|${node.commentBefore ?? ''}|${node.comment ?? ''}`);
  });
  return out;
}

function data(text: string): unknown {
  try {
    return parse(text).toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

withExternalData('formatting: every corpus file keeps its data and formats once', ['corpus'], ({ corpus }) => {
  let server: LspSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('formatting the whole corpus (tab sizes 2 and 4): same data, anchors, tags and comments; idempotent; broken files untouched', async () => {
    const records = readManifest(corpus);
    assert.ok(records.length > 1000, `only ${records.length} corpus files`);
    let changed = 0;
    let broken = 0;
    for (const record of records) {
      const file = placedPath(corpus, record);
      const text = fs.readFileSync(`${corpus}/${record.path}`, 'utf8');
      const uri = pathToUri(file);
      for (const tabSize of [2, 4]) {
        server.open(uri, text);
        const format = () => server.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } });
        const edits = await format();
        const errors = parse(text).errors.length > 0;
        if (errors) {
          assert.deepEqual(edits, [], `${record.path}: a file with syntax errors is not formatted`);
          broken++;
          server.close(uri);
          continue;
        }
        const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'dockercompose', 1, text), edits);
        if (formatted !== text) changed++;
        assert.equal(parse(formatted).errors.length, 0, `${record.path} (tab ${tabSize}): the formatted text does not parse`);
        assert.ok(isDeepStrictEqual(data(formatted), data(text)), `${record.path} (tab ${tabSize}): the data changed`);
        assert.deepEqual(decorations(formatted), decorations(text), `${record.path} (tab ${tabSize}): anchors, tags or comments changed`);
        server.change(uri, formatted);
        assert.deepEqual(await format(), [], `${record.path} (tab ${tabSize}): a second pass changes something`);
        server.close(uri);
      }
    }
    // The corpus is written in every style: the test is only meaningful if formatting did change files.
    assert.ok(changed > 200, `only ${changed} formatted files differ from the original`);
    assert.ok(broken < records.length / 10, `${broken} broken files`);
  });
});
