// Building diagnostics from offsets: every rule reports through here, so
// ranges, `source` and codes are uniform.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { Range } from '../model/nodes';

export { DiagnosticSeverity, DiagnosticTag };

/**
 * `data` is what the rule's quick fix reads back (each rule exports its shape,
 * see fix.ts); fields left undefined are dropped.
 */
export function diagnostic<Data extends object>(
  doc: ComposeDocument,
  range: Range,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
  extra: { tags?: DiagnosticTag[]; data?: Data } = {},
): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.text.positionAt(range[0]), end: doc.text.positionAt(range[1]) },
    severity,
    code,
    source: 'dockhand',
    message,
  };
  if (extra.tags) d.tags = extra.tags;
  if (extra.data) {
    // Only the fields that are set: the client sends `data` back with code action requests.
    const data = Object.fromEntries(Object.entries(extra.data).filter(([, value]) => value !== undefined));
    if (Object.keys(data).length > 0) d.data = data;
  }
  return d;
}

/** A range cut to its first line: a mapping's whole body would paint half the file red. */
export function firstLine(doc: ComposeDocument, range: Range): Range {
  const text = doc.text.getText();
  const newline = text.indexOf('\n', range[0]);
  let end = newline >= 0 && newline < range[1] ? newline : range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  return [range[0], Math.max(end, range[0])];
}

/** A value quoted in a message, cut short when long (a whole file read as one string must not become the message). */
export function quoted(value: unknown, max = 60): string {
  if (typeof value === 'string' && value.length > max) return `${JSON.stringify(value.slice(0, max)).slice(0, -1)}\u2026"`;
  return JSON.stringify(value) ?? String(value);
}

/** A diagnostic's message as text (LSP allows a markup object; ours are strings, a client's may not be). */
export function messageText(message: Diagnostic['message']): string {
  return typeof message === 'string' ? message : message.value;
}
