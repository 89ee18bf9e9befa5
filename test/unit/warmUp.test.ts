// The warm-up (server/src/warmUp.ts) is worth running only if it takes the
// path a user's edit takes: a valid file read by blocks, each edit spliced
// around the change the editor described. And it must leave nothing behind
// in the service it ran in, whether it ran to the end or was stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser, type IncrementalResult } from '../../server/src/model/incremental';
import { LanguageService } from '../../server/src/service';
import { practiceText, PRACTICE_URI, warmUpEditPath } from '../../server/src/warmUp';

test('the practice file is a valid Compose file: no error, a tree read by blocks', () => {
  const service = new LanguageService({});
  service.documentChanged(TextDocument.create(PRACTICE_URI, 'dockercompose', 1, practiceText()));
  const found = service.diagnostics(PRACTICE_URI);
  assert.deepEqual(
    found.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code}: ${d.message}`),
    [],
  );
  assert.ok(service.workspace.document(PRACTICE_URI)?.blocks, 'read by blocks, as a large file is');
});

test('each edit of the warm-up is spliced around the change, as a keystroke in the editor is', () => {
  const results: IncrementalResult[] = [];
  const parse = IncrementalParser.prototype.parse;
  IncrementalParser.prototype.parse = function (this: IncrementalParser, ...args: Parameters<typeof parse>) {
    const result = parse.apply(this, args);
    if (args[0].uri === PRACTICE_URI) results.push(result);
    return result;
  };
  const service = new LanguageService({});
  try {
    for (const _ of warmUpEditPath(service));
  } finally {
    IncrementalParser.prototype.parse = parse;
  }
  // The open, two digits of a port, a new key begun and continued, and the key taken back.
  assert.equal(results.length, 6, 'one parse per version');
  assert.equal(results[0]!.fullParse, undefined, 'the open is read by blocks');
  for (const [i, result] of results.slice(1).entries()) {
    assert.equal(result.fullParse, undefined, `edit ${i + 1} is spliced, not parsed whole`);
    assert.equal(result.cutAroundEdit, true, `edit ${i + 1}: only the lines around it were cut again`);
    assert.ok(result.parsedBlocks <= 1, `edit ${i + 1} parsed ${result.parsedBlocks} blocks`);
  }
  assert.equal(service.workspace.isOpen(PRACTICE_URI), false, 'the practice file is closed at the end');
});

test('a warm-up stopped half-way (the user typed) closes its file too', () => {
  const service = new LanguageService({});
  const steps = warmUpEditPath(service);
  for (let i = 0; i < 5; i++) assert.equal(steps.next().done, false);
  assert.equal(service.workspace.isOpen(PRACTICE_URI), true);
  steps.return();
  assert.equal(service.workspace.isOpen(PRACTICE_URI), false);
});
