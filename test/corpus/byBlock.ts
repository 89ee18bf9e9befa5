// A document's diagnostics checked by block (as the server checks an open
// document) and checked whole (the incremental parser's fallback, forced):
// the corpus tests that compare the two for what blocks may now hold.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCompose } from '../../server/src/model/document';
import { IncrementalParser } from '../../server/src/model/incremental';
import { LanguageService } from '../../server/src/service';

/** Diagnostics of `text` at `uri` from a fresh service, in a stable order. */
export function diagnosticsOf(uri: string, text: string): string[] {
  const service = new LanguageService({});
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
