// What an edit left alone, told by the editor's change event rather than
// found by comparing texts: the parser then knows which blocks it need not
// look at (incremental.ts). Comparing two versions of a 3.5 MB file to find
// the same (cutting it into blocks again and looking every block up by its
// text) costs ~12 ms at 5,000 services, on every keystroke; the change event
// says it for nothing.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { textLength } from './chunkedDocument';

/** An edit seen from both ends: the first `prefix` and the last `suffix` characters of the text are as they were. */
export interface EditWindow {
  readonly prefix: number;
  readonly suffix: number;
  /** The text's length before and after the edit: two windows chain only when one's `length` is the next one's `previousLength`. */
  readonly previousLength: number;
  readonly length: number;
}

/** One change of a didChange notification (LSP's TextDocumentContentChangeEvent): a range replaced, or the whole text. */
export interface ContentChange {
  readonly range?: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly text: string;
}

/**
 * The window of `changes` applied to `before`; undefined when it cannot be said cheaply: a whole-text
 * replacement, or several changes at once (each range is placed in the text the previous ones left,
 * which is not at hand; an editor sends several only for multi-cursor edits).
 */
export function editWindow(before: TextDocument, changes: readonly ContentChange[]): EditWindow | undefined {
  if (changes.length !== 1 || !changes[0]!.range) return undefined;
  const { range, text } = changes[0]!;
  const previousLength = textLength(before);
  const start = before.offsetAt(range!.start);
  const end = before.offsetAt(range!.end);
  return { prefix: start, suffix: previousLength - end, previousLength, length: previousLength - (end - start) + text.length };
}

/** Nothing changed in a text of `length` characters. */
export function unchanged(length: number): EditWindow {
  return { prefix: length, suffix: length, previousLength: length, length };
}

/** Two edits one after the other, as one; undefined when they do not follow each other. */
export function chain(first: EditWindow, then: EditWindow): EditWindow | undefined {
  if (first.length !== then.previousLength) return undefined;
  return {
    prefix: Math.min(first.prefix, then.prefix),
    suffix: Math.min(first.suffix, then.suffix),
    previousLength: first.previousLength,
    length: then.length,
  };
}
