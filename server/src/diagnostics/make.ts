// Building diagnostics from offsets: every rule reports through here, so
// ranges, `source` and codes are uniform.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { Range } from '../model/nodes';

export { DiagnosticSeverity, DiagnosticTag };

/** Another place a finding is about (the other service publishing the same port), shown as a link beside it. */
export interface RelatedPlace {
  readonly doc: ComposeDocument;
  readonly range: Range;
  readonly message: string;
}

/**
 * `data` is what the rule's quick fix reads back (each rule exports its shape,
 * see fix.ts); fields left undefined are dropped. `related` places are
 * LSP related information: the message names the other place by what it is (a
 * service), not by its line, so the message stays the same when lines move
 * (typingHold.ts moves such a list with the text instead of sending it again);
 * an editor that shows no related information gets the lines in the message
 * instead (placesInMessage).
 */
export function diagnostic<Data extends object>(
  doc: ComposeDocument,
  range: Range,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
  extra: { tags?: DiagnosticTag[]; data?: Data; related?: readonly RelatedPlace[] } = {},
): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.text.positionAt(range[0]), end: doc.text.positionAt(range[1]) },
    severity,
    code,
    source: 'dockhand',
    message,
  };
  if (extra.tags) d.tags = extra.tags;
  if (extra.related && extra.related.length > 0) {
    d.relatedInformation = extra.related.map((place) => ({
      location: { uri: place.doc.uri, range: { start: place.doc.text.positionAt(place.range[0]), end: place.doc.text.positionAt(place.range[1]) } },
      message: place.message,
    }));
  }
  if (extra.data) {
    // Only the fields that are set: the client sends `data` back with code action requests.
    const data = Object.fromEntries(Object.entries(extra.data).filter(([, value]) => value !== undefined));
    if (Object.keys(data).length > 0) d.data = data;
  }
  return d;
}

/**
 * The finding for a reader that shows no related information (an editor that does not ask for it, the
 * command line): the related places' lines appended to the message ("See line 11."), and no related list.
 */
export function placesInMessage(d: Diagnostic, uri: string): Diagnostic {
  const related = d.relatedInformation;
  if (!related || related.length === 0) return d;
  const message = messageText(d.message);
  const places = related
    .map(({ location }) => `${location.uri === uri ? '' : `${fileName(location.uri)}, `}line ${location.range.start.line + 1}`)
    // An env file's refused line is named by the message already ("web.env, line 2: ...").
    .filter((place) => !message.includes(place));
  const { relatedInformation: _shownInMessage, ...rest } = d;
  return places.length === 0 ? rest : { ...rest, message: `${message} See ${places.join('; ')}.` };
}

/** The last part of a file's URI, as a message names a file of the project. */
export function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
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
