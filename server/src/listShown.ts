// Whether an editor shows the completion list it was given. VS Code filters
// the items by what is typed of the word they replace (from the start of an
// item's edit range to the cursor): fuzzily, each typed letter in order, the
// first one at the start of the item's text or of a word in it; with nothing
// typed it shows them all. An approximation of its matching, for the typing
// hold (typingHold.ts), which waits longer while a list is on screen: the
// user has stopped typing to choose from it, not to read the problems.
import { InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import { snippetToPlain } from './features/snippets';

/** Whether some item of `list`, asked at `position` of a line whose text up to it is `lineText`, matches what is typed there. */
export function listShown(list: CompletionList, lineText: string, position: Position): boolean {
  for (const item of list.items) {
    if (matches(item.filterText ?? item.label, typedFor(item, lineText, position))) return true;
  }
  return false;
}

/** The text choosing `item` writes, its snippet's placeholders as their defaults. */
function insertedBy(item: CompletionItem): string {
  const text = item.textEdit?.newText ?? item.insertText ?? item.label;
  return item.insertTextFormat === InsertTextFormat.Snippet ? snippetToPlain(text) : text;
}

/** What is typed of the word `item` replaces: from its edit range's start to the cursor, else the word before the cursor. */
function typedFor(item: CompletionItem, lineText: string, position: Position): string {
  const edit = item.textEdit;
  const start = edit ? ('range' in edit ? edit.range : edit.insert).start : undefined;
  if (start && start.line === position.line && start.character <= position.character) return lineText.slice(start.character, position.character);
  return /[\w.-]*$/.exec(lineText.slice(0, position.character))![0];
}

const WORD_START = /[^a-z0-9]/i;

/** `typed`'s letters in order in `word`, ignoring case, the first at the start of `word` or of a word in it. */
function matches(word: string, typed: string): boolean {
  if (typed === '') return true;
  const w = word.toLowerCase();
  const t = typed.toLowerCase();
  for (let first = w.indexOf(t[0]!); first >= 0; first = w.indexOf(t[0]!, first + 1)) {
    if (first > 0 && !WORD_START.test(word[first - 1]!) && !isCamelStart(word, first)) continue;
    let at = first + 1;
    let matched = 1;
    while (matched < t.length && at < w.length) if (w[at++] === t[matched]) matched++;
    return matched === t.length;
  }
  return false;
}

function isCamelStart(word: string, index: number): boolean {
  const here = word[index]!;
  const before = word[index - 1]!;
  return here !== here.toLowerCase() && before === before.toLowerCase();
}

/**
 * The list an editor shows in each document, followed as the user types on: VS Code filters a complete list
 * itself as letters are added, without asking again, and closes it when nothing matches or the cursor leaves
 * the line. (Escape, or a click elsewhere on the line, it does not tell: the hold's longer pause is bounded.)
 */
export class OpenLists {
  private readonly lists = new Map<string, { readonly list: CompletionList; readonly line: number }>();

  /** A list answered at `position` (`lineText`: the line up to it): whether the editor shows it. */
  answered(uri: string, list: CompletionList, lineText: string, position: Position): boolean {
    const shown = list.items.length > 0 && listShown(list, lineText, position);
    if (shown) this.lists.set(uri, { list, line: position.line });
    else this.lists.delete(uri);
    return shown;
  }

  /** Whether a list is on screen in `uri`: only then does an edit need the line it leaves (typed). */
  isOpen(uri: string): boolean {
    return this.lists.has(uri);
  }

  /**
   * The user typed on, the cursor now at `position` (`lineText`: the line up to it), the edit writing `inserted`:
   * whether the list is still shown. An edit that writes an item's whole text is that item chosen, and the editor
   * closes the list, though the item still matches the line (`ser` + `service:vpn`).
   */
  typed(uri: string, lineText: string | undefined, position: Position | undefined, inserted = ''): boolean {
    const open = this.lists.get(uri);
    if (!open) return false;
    if (inserted.length > 1 && open.list.items.some((item) => insertedBy(item) === inserted)) {
      this.lists.delete(uri);
      return false;
    }
    if (position && lineText !== undefined && open.line === position.line && listShown(open.list, lineText, position)) return true;
    this.lists.delete(uri);
    return false;
  }

  forget(uri: string): void {
    this.lists.delete(uri);
  }
}
