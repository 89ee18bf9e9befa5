// Completion: asks the model where the cursor is, decides what may be
// written there (a key, a value the spec knows, a name, or the user's own
// text), and answers from the spec (keys, allowed values) and the project
// (names, variables). Where nothing fits the answer is an empty, complete
// list, so the editor shows nothing (not its word list) and Enter makes a new line.
import { aliasItems, aliasTyped } from './completion/aliases';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { isScalar } from 'yaml';
import { locate, parentPath, type CursorContext } from '../model/locate';
import type { Range } from '../model/nodes';
import { specAtPath, type KeySpec } from '../spec/index';
import { isAsTyped, type CompletionContext } from './completion/context';
import { keyItems } from './completion/keys';
import { triggerOpens, type CompletionTrigger } from './completion/triggers';
import { valueItems } from './completion/values';
import { variableItems } from './completion/variables';
import { effectivePath } from './completion/templates';
import type { FeatureRequest } from './request';
import { readable, type TextLike } from '../model/chunkedDocument';

/**
 * Beyond this many items (a `depends_on` in a file of 1,000 services), the
 * reply is cut and marked incomplete: the client asks again as the user types,
 * and gets the names that match. Sending them all costs more than finding them.
 */
export const MAX_ITEMS = 200;

export function completion(req: FeatureRequest, trigger?: CompletionTrigger): CompletionList {
  const { items, prefix, value } = completionItems(req, trigger);
  if (value && items.length > 0) {
    // A value typed in full (`restart: unless-stopped`) closes the list, so the Enter that
    // follows makes a new line instead of accepting the same word again. The list is
    // marked incomplete so that the client asks again after every key and learns when.
    if (items.some((i) => !isAsTyped(i) && typedInFull(i.filterText ?? i.label, prefix))) return { isIncomplete: false, items: [] };
    if (items.length <= MAX_ITEMS) return { isIncomplete: true, items };
  }
  if (items.length <= MAX_ITEMS) return { isIncomplete: false, items };
  // Keep the best: names that start with what is typed, then the usual order.
  const typed = prefix.toLowerCase();
  const key = (i: CompletionItem) => `${(i.filterText ?? i.label).toLowerCase().startsWith(typed) ? 0 : 1}${i.sortText ?? i.label}`;
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { isIncomplete: true, items: keyed.slice(0, MAX_ITEMS).map((k) => k.item) };
}

/**
 * Whether `typed` is the value `word` already. YAML's core schema, which Compose reads
 * with, takes `True` and `TRUE` for `true` (and so for `false`): such a word is typed
 * in full too, and the Enter after it must not rewrite it. Other words differ by case
 * (`restart: Always` is refused), so there the list stays and Enter corrects it.
 */
function typedInFull(word: string, typed: string): boolean {
  if (word === typed) return true;
  if (word !== 'true' && word !== 'false') return false;
  return typed === word.toUpperCase() || typed === word[0].toUpperCase() + word.slice(1);
}

interface Answer {
  readonly items: CompletionItem[];
  /** What is typed of the word the items replace. */
  readonly prefix: string;
  /** The items are values or variable names (a list that closes when the word is typed in full). */
  readonly value?: boolean;
}

function completionItems(req: FeatureRequest, trigger: CompletionTrigger | undefined): Answer {
  const source0 = readable(req.doc.text);
  const located = valueEndingInColon(locate(req.doc, req.offset), source0, req.offset);
  // Keys in an `x-` template merged into a service (`<<: *defaults`) are that service's keys.
  const templatePath = effectivePath(req.doc, located.path);
  const ctx: CursorContext = templatePath === located.path ? located : { ...located, path: templatePath };
  const source = source0;
  const c = context(req, ctx, source);
  // Comments hold no completions.
  if (inComment(req, ctx, source)) return { items: [], prefix: c.prefix };
  // `<<: *` and any other value begun with `*`: the anchors defined above.
  const alias = aliasTyped(lineBefore(req, source));
  if (alias !== undefined) return { items: aliasItems(req, alias, ctx.path), prefix: alias, value: true };
  const variables = variableItems(c);
  const keySlot = ctx.onKey || isFirstKeyOfBlock(req, ctx);
  const valueSpec = keySlot ? undefined : specAtPath(ctx.path);
  // An image name is the user's choice too: our names are suggestions, so a typed space opens no list there.
  // Where any text may go, or any image or path: a space opens no list there (Enter after `build: ` would take a folder).
  const freeText = !!valueSpec?.freeText || !!valueSpec?.namesImage || !!valueSpec?.hostPath;
  const position = { value: !keySlot, prefix: c.prefix, lineBefore: lineBefore(req, source), variable: !!variables, freeText };
  if (!triggerOpens(trigger, position)) return { items: [], prefix: c.prefix };
  const items = (variables ?? itemsAt(c, keySlot)).filter((i) => i.label !== '');
  // An item that would insert nothing (above) is noise: a half-typed name in the project.
  if (variables) return { items, prefix: variableNameTyped(req, source), value: true };
  return { items, prefix: c.prefix, value: !keySlot };
}

/**
 * `image: nginx:` with the cursor after the colon: YAML reads `nginx:` as a
 * mapping nested in the value (an error: no compact mapping nests), but the
 * user is typing a value that holds a colon (a tag, `service:` of
 * `network_mode`), and the next key makes it one scalar again. Read so only
 * after `key: ` on the same line, where no nested key can be meant; and in a
 * list item (`- 8080:` under `ports`, `- ./data:` under `volumes`), which YAML
 * reads as an item holding a key, where the item is a text with no key of
 * that name in its long form (`- target:` under `ports` stays a key).
 */
function valueEndingInColon(ctx: CursorContext, source: TextLike, offset: number): CursorContext {
  const key = ctx.pair?.key;
  const value = ctx.pair?.value;
  const empty = value === null || (isScalar(value) && value.value === null && value.source === '');
  if (ctx.onKey || !empty || !isScalar(key) || !key.range || ctx.path.length < 2) return ctx;
  const [start, end] = key.range;
  if (end !== offset - 1 || source.charAt(end) !== ':') return ctx;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const before = source.slice(lineStart, start);
  const path = ctx.path.slice(0, -1);
  if (!/\S:[ \t]+$/.test(before) && !(/^[ \t]*(?:-[ \t]+)+$/.test(before) && isTextItem(path, String(key.value)))) return ctx;
  return { path, onKey: false, replace: [start, offset], prefix: source.slice(start, offset) };
}

/** `path` is a list item that may be a text, and whose mapping form (if any) has no key `word`. */
function isTextItem(path: CursorContext['path'], word: string): boolean {
  if (typeof path[path.length - 1] !== 'number') return false;
  const spec = specAtPath(path);
  return !!spec && takesScalar(spec) && !spec.additional && !Object.hasOwn(spec.properties ?? {}, word);
}

function itemsAt(c: CompletionContext, keySlot: boolean): CompletionItem[] {
  const ctx = c.ctx;
  if (keySlot) {
    // A key goes only where nothing but indentation (or a list dash) precedes it on the line.
    if (!keyMayStart(c)) return [];
    // A blank line inside a list, without a dash: only `- ` may start there.
    if (ctx.onKey && ctx.seq) return [];
    if (ctx.onKey) return keyItems(c, { parent: parentPath(ctx), map: ctx.map, pair: ctx.pair });
    return keyItems(c, { parent: ctx.path });
  }
  // Past the end of a value, after a blank (`restart: always |`): the value is complete.
  if (c.req.offset > c.replace[1]) return [];
  const spec = specAtPath(ctx.path);
  if (!spec) return [];
  const last = ctx.path[ctx.path.length - 1];
  const listEntry = typeof last === 'number';
  // After the colon of a key whose value is a block (`depends_on:`, `ports:`): the block
  // starts on the next line; an inline word would be the wrong shape.
  if (!listEntry && !takesScalar(spec)) return [];
  const values = takesScalar(spec) ? valueItems(c) : [];
  // A list entry that may be a mapping (`- |` under volumes, ports, env_file): its keys start the long form.
  if (listEntry && spec.properties && !(ctx.scalar && /[:\s]/.test(String(ctx.scalar.value ?? '')))) {
    values.push(...keyItems(c, { parent: ctx.path }));
  }
  return values;
}

/**
 * A first word typed on its own line under a key whose value may be a mapping
 * (`web:\n    ima|`, `build:\n      con|`): the parser reads it as that key's
 * scalar value, but it is the first key of the block. A key that also takes a
 * text (`build: ./app`, `extends: base`) has it after its colon, on its line.
 */
function isFirstKeyOfBlock(req: FeatureRequest, ctx: CursorContext): boolean {
  if (ctx.onKey || !ctx.scalar) return false;
  const spec = specAtPath(ctx.path);
  return !!spec && spec.kinds.includes('mapping') && startsOwnLine(req, ctx);
}

function takesScalar(spec: KeySpec): boolean {
  return spec.kinds.some((k) => k === 'string' || k === 'number' || k === 'integer' || k === 'boolean');
}

/** Only indentation, list dashes or flow punctuation before the word on its line. */
function keyMayStart(c: CompletionContext): boolean {
  const lineStart = c.source.lastIndexOf('\n', c.replace[0] - 1) + 1;
  return /^[ \t]*(?:-[ \t]+)*$|[{,][ \t]*$/.test(c.source.slice(lineStart, c.replace[0]));
}

/** The name typed after `${` up to the cursor. */
function variableNameTyped(req: FeatureRequest, source: TextLike): string {
  return /[A-Za-z0-9_]*$/.exec(source.slice(Math.max(0, req.offset - 200), req.offset))?.[0] ?? '';
}

function lineBefore(req: FeatureRequest, source: TextLike): string {
  return source.slice(source.lastIndexOf('\n', req.offset - 1) + 1, req.offset);
}

/** The scalar starts on a later line than its key (so it is not `key: value`). */
function startsOwnLine(req: FeatureRequest, ctx: CursorContext): boolean {
  const keyRange = (ctx.pair?.key as { range?: number[] } | undefined)?.range;
  const valueRange = ctx.scalar?.range;
  if (!keyRange || !valueRange) return false;
  return req.doc.text.positionAt(valueRange[0]).line > req.doc.text.positionAt(keyRange[0]).line;
}

/** The replace range and typed prefix, moved inside the quotes of a quoted value. */
function context(req: FeatureRequest, ctx: CursorContext, source: TextLike): CompletionContext {
  let replace: Range = [ctx.replace[0], ctx.replace[1]];
  let prefix = ctx.prefix;
  const scalar = ctx.scalar;
  if (!ctx.onKey && scalar && isScalar(scalar) && (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE')) {
    const quote = source.charAt(replace[0]);
    const closed = replace[1] - replace[0] >= 2 && source.charAt(replace[1] - 1) === quote;
    const inner: Range = [replace[0] + 1, closed ? replace[1] - 1 : replace[1]];
    // Only when the cursor is between the quotes: the range must hold the cursor.
    if (req.offset >= inner[0] && req.offset <= inner[1]) {
      replace = inner;
      prefix = source.slice(inner[0], req.offset);
    }
  }
  const lead = !ctx.onKey && replace[0] === replace[1] && source.charAt(replace[0] - 1) === ':' ? ' ' : undefined;
  return { req, ctx, source, replace, prefix, lead };
}

function inComment(req: FeatureRequest, ctx: CursorContext, source: TextLike): boolean {
  if (ctx.scalar) return false;
  const position = req.doc.text.positionAt(req.offset);
  const lineStart = req.doc.text.offsetAt({ line: position.line, character: 0 });
  const before = source.slice(lineStart, req.offset);
  const hash = before.indexOf('#');
  return hash >= 0 && (hash === 0 || /\s/.test(before[hash - 1]));
}
