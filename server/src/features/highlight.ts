// Document highlight: the occurrences of the name under the cursor in this
// file, a service's environment addresses that reach it by name among them;
// the definition (or `&anchor`) as a write, uses as reads.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import { resolveAt, toLspRange } from './occurrences';
import type { FeatureRequest } from './request';

export function documentHighlights(req: FeatureRequest): DocumentHighlight[] {
  const resolved = resolveAt(req, 'this file');
  if (!resolved) return [];
  return resolved.occurrences
    .filter((o) => o.uri === req.doc.uri)
    .map((o) => ({
      range: toLspRange(req.doc, o.range),
      kind: o.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
}
