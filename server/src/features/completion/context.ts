// What every completion module needs: the request, where the cursor is, and
// how to turn a piece of text into an item that replaces the right range.
import {
  CompletionItemKind, CompletionItemTag, InsertTextFormat, InsertTextMode, MarkupKind,
  type CompletionItem, type MarkupContent, type Range as LspRange,
} from 'vscode-languageserver';
import type { CursorContext } from '../../model/locate';
import type { Range } from '../../model/nodes';
import type { KeySpec } from '../../spec/index';
import type { FeatureRequest } from '../request';
import { snippetToPlain } from '../snippets';
import type { TextLike } from '../../model/chunkedDocument';

export interface CompletionContext {
  readonly req: FeatureRequest;
  readonly ctx: CursorContext;
  readonly source: TextLike;
  /** The range the items replace (inside quotes when the scalar is quoted). */
  readonly replace: Range;
  /** What is typed between the start of `replace` and the cursor. */
  readonly prefix: string;
  /** Text every item puts before its own: a space right after `key:` (`key:value` is not a pair). */
  readonly lead?: string;
}

/** The typed text matches a label when its letters appear in order, the first one leading. */
export function matches(prefix: string, label: string): boolean {
  if (prefix === '') return true;
  const p = prefix.toLowerCase();
  const l = label.toLowerCase();
  if (l[0] !== p[0]) return false;
  let at = 0;
  for (const c of p) {
    at = l.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export interface ItemOptions {
  readonly label: string;
  readonly kind: CompletionItemKind;
  /** Snippet syntax when `snippet` is true, else plain text. */
  readonly text: string;
  readonly snippet?: boolean;
  readonly detail?: string;
  readonly documentation?: string;
  readonly deprecated?: boolean;
  readonly sortText?: string;
  readonly filterText?: string;
  readonly range?: Range;
}

export function item(c: CompletionContext, options: ItemOptions): CompletionItem {
  const asSnippet = !!options.snippet && c.req.client.snippets;
  const text = options.snippet && !asSnippet ? snippetToPlain(options.text) : options.text;
  const newText = c.lead && !options.range ? c.lead + text : text;
  const result: CompletionItem = {
    label: options.label,
    kind: options.kind,
    textEdit: { range: lspRange(c, options.range ?? c.replace), newText },
    insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  // Multi-line blocks are written with relative indentation: the client indents them to the cursor's line.
  if (newText.includes('\n')) result.insertTextMode = InsertTextMode.adjustIndentation;
  if (options.detail) result.detail = options.detail;
  if (options.documentation) result.documentation = documentation(c, options.documentation);
  if (options.deprecated) result.tags = [CompletionItemTag.Deprecated];
  if (options.sortText) result.sortText = options.sortText;
  if (options.filterText) result.filterText = options.filterText;
  return result;
}

/**
 * Where any name may be written (a new network, volume or service name, any
 * image), the list that opens while a word is typed starts with that word as
 * typed. VS Code preselects the first item of a list it opened on its own and
 * accepts it on Enter, and it asks for that list exactly as it asks for
 * Ctrl+Space, so the server cannot leave it out while typing only. Without
 * this item `image: redis` + Enter became `redis-stack:latest`. With it,
 * Enter takes an item that changes nothing, and package.json's language
 * default `editor.acceptSuggestionOnEnter: smart` makes VS Code let such an
 * Enter end the line (smart accepts on Enter only an item that edits the
 * text, and only in a list that opened while typing); a longer name is taken
 * with the arrow keys, Tab or a click. Lists of keys and of a key's allowed
 * words have no such item: there the typed word is not a value of its own
 * (`hostn` + Enter is `hostname`). Nothing is added when an item already is
 * the typed text (the list closes then, see ../completion.ts), or when
 * nothing else is offered.
 */
export function withTypedFirst(c: CompletionContext, items: CompletionItem[], typed = c.prefix, range?: Range): CompletionItem[] {
  if (typed === '' || items.length === 0 || items.some((i) => (i.filterText ?? i.label) === typed)) return items;
  const typedItem = item(c, { label: typed, kind: CompletionItemKind.Text, text: typed, detail: 'as typed', filterText: typed, sortText: ' ', range });
  typedItem.preselect = true;
  asTyped.add(typedItem);
  return [typedItem, ...items];
}

const asTyped = new WeakSet<CompletionItem>();

/** The item of `withTypedFirst`: the typed text itself. */
export function isAsTyped(candidate: CompletionItem): boolean {
  return asTyped.has(candidate);
}

// Hundreds of items share one range (every service for `depends_on`): convert it once.
const ranges = new WeakMap<CompletionContext, Map<string, LspRange>>();

function lspRange(c: CompletionContext, [start, end]: Range): LspRange {
  let known = ranges.get(c);
  if (!known) ranges.set(c, (known = new Map()));
  const key = `${start}:${end}`;
  let range = known.get(key);
  if (!range) known.set(key, (range = { start: c.req.doc.text.positionAt(start), end: c.req.doc.text.positionAt(end) }));
  return range;
}

export function documentation(c: CompletionContext, markdown: string): MarkupContent | string {
  return c.req.client.markdown ? { kind: MarkupKind.Markdown, value: markdown } : stripMarkdown(markdown);
}

/** Markdown -> readable plain text, for clients that render none. */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/^```\w*\n?/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}

/** The doc of a spec for completion: its words, then its example. */
export function specDocumentation(spec: KeySpec): string {
  const parts = [spec.doc];
  if (spec.deprecated) parts.push(`**Deprecated:** ${spec.deprecated}`);
  if (spec.swarmOnly) parts.push('Swarm only: `docker compose` ignores this.');
  if (spec.example) parts.push('```yaml\n' + spec.example + '\n```');
  return parts.join('\n\n');
}

export function kindsDetail(spec: KeySpec): string {
  return spec.kinds.join(' | ');
}

export { CompletionItemKind };
