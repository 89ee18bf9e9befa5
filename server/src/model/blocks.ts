// Cutting a Compose file into blocks that parse alone. An edit then
// re-parses one block (a service, a section) instead of the whole file; the
// blocks after it only move (incremental.ts).
//
// The cut is by indentation, the way Compose files are written: a top-level
// key at column 0 starts a section; in a section written as a block mapping
// (`services:` then items indented by n spaces) each line indented by exactly
// n starts an item. The caller reads each block (blockReader.ts, or `yaml`
// for what that reader leaves) and falls back to
// one parse of the whole text whenever a block cannot stand alone (see
// `splitBlocks` and incremental.ts): the cut is only ever a faster way to the
// same tree.

export type BlockRole =
  /** A whole top-level section (`name: x`, `include:` with its list, a section written in flow style...). */
  | 'section'
  /** The first line(s) of a section cut into items: `services:` and comments before the first item. */
  | 'header'
  /** One entry of a section: a service, a network... */
  | 'item';

export interface BlockSpan {
  readonly start: number;
  readonly end: number;
  readonly role: BlockRole;
  /** For items and headers: the section's key as written (`services`). */
  readonly section?: string;
}

/** A section header that opens a block mapping: a plain key, a colon, nothing but a comment after it. */
const HEADER = /^[A-Za-z_][\w.-]*:[ ]*(#.*)?\r?$/;

/**
 * The blocks of `text`, or the reason it must be parsed as a whole. The
 * reasons, each a case where a block parsed alone could differ from the same
 * lines in the whole document:
 * - a tab in a line's indentation (YAML forbids tabs there, and such a line
 *   cannot be placed by counting spaces; a tab after a line's first character,
 *   in a value or a comment, changes no place the cut reads);
 * - a byte-order mark, a directive (`%YAML`), a document marker (`---`
 *   anywhere but alone on a line before the first key, `...`), a complex key
 *   (`?`), or a root that is not a block mapping (flow
 *   `{`/`[`, a sequence, a lone scalar): anything at column 0 that is not a key;
 * - nothing to cut (an empty document).
 * Anchors and aliases that cross blocks, and syntax errors in a block (which
 * is how a flow collection, a quoted string or a block scalar running past a
 * block's end shows), are found by the caller after parsing the blocks.
 */
export function splitBlocks(text: string): BlockSpan[] | string {
  if (tabInIndentation(text, 0, text.length)) return 'a tab in a line\'s indentation';
  if (text.charCodeAt(0) === 0xfeff) return 'a byte-order mark';
  // Top-level sections: from one column-0 key line to the next.
  const sections: { start: number; end: number }[] = [];
  // A document start marker alone on its line, before the first key (as yamllint asks files to begin), opens
  // the one document the cut reads: it goes with the first section, like comments before it.
  let documentStart = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const first = text[lineStart];
    if (first !== undefined && first !== ' ' && first !== '\n' && first !== '\r' && first !== '#') {
      if (first === '-') {
        // A sequence at column 0 continues the section above (`include:` then `- a.yaml`); at the very top it is the root.
        if (text.startsWith('---', lineStart) && /^---(\s|$)/.test(text.slice(lineStart, lineStart + 4))) {
          if (sections.length > 0 || documentStart || !DOCUMENT_START.test(text.slice(lineStart, lineEnd))) return 'a document marker (---) after the first key, twice, or with a node on its line';
          documentStart = true;
          lineStart = lineEnd + 1;
          continue;
        }
        if (sections.length === 0) return 'a sequence at the root';
      } else if (first === '%' || first === '?' || first === '{' || first === '[' || first === '&' || first === '*' || first === '!' || first === '|' || first === '>') {
        return `a line starting with "${first}" at the root`;
      } else if (text.startsWith('...', lineStart)) {
        return 'a document end marker (...)';
      } else {
        if (sections.length > 0) sections[sections.length - 1]!.end = lineStart;
        else if (lineStart > 0) sections.push({ start: 0, end: lineStart }); // comments and blank lines before the first key
        sections.push({ start: lineStart, end: text.length });
      }
    }
    lineStart = lineEnd + 1;
  }
  if (sections.length === 0) return 'no top-level key';
  // Leading comments join the first section: a block of only comments would not parse to a pair.
  if (sections.length > 1 && !isKeyLine(text, sections[0]!.start)) {
    sections[1] = { start: 0, end: sections[1]!.end };
    sections.shift();
  }
  const blocks: BlockSpan[] = [];
  for (const section of sections) splitSection(text, section.start, section.end, blocks);
  return blocks;
}

/** A line that starts a section: not blank, not a comment, not the document start marker (`splitBlocks` admits no other line starting with `-` there). */
function isKeyLine(text: string, at: number): boolean {
  const c = text[at];
  return c !== undefined && c !== ' ' && c !== '\n' && c !== '\r' && c !== '#' && c !== '-';
}

/** `---` alone on its line, or with a comment after it. */
const DOCUMENT_START = /^---[ ]*(#.*)?\r?$/;

/** One section: cut into a header and items when it is a block mapping indented the same way throughout, else kept whole. */
function splitSection(text: string, start: number, end: number, out: BlockSpan[]): void {
  const whole = (): void => {
    out.push({ start, end, role: 'section' });
  };
  // The key line may be preceded by comments (only for the first section).
  let keyLine = start;
  while (!isKeyLine(text, keyLine)) keyLine = text.indexOf('\n', keyLine) + 1;
  const keyLineEnd = lineEndOf(text, keyLine, end);
  const header = text.slice(keyLine, keyLineEnd);
  if (!HEADER.test(header)) return whole();
  const section = header.slice(0, header.indexOf(':'));
  // Items: lines indented by exactly the first content line's indentation.
  let first = keyLineEnd + 1;
  while (first < end && contentAt(text, first, end) < 0) first = lineEndOf(text, first, end) + 1;
  if (first >= end) return whole();
  const indent = contentAt(text, first, end) - first;
  const c = text[first + indent];
  if (indent === 0 || c === '-' || c === '?' || c === '{' || c === '[') return whole();
  const starts = itemStarts(text, first, end, indent);
  if (!starts || starts.length === 0) return whole();
  out.push({ start, end: starts[0]!, role: 'header', section });
  starts.forEach((itemStart, i) => out.push({ start: itemStart, end: starts[i + 1] ?? end, role: 'item', section }));
}

/**
 * The items of a run of lines inside a section cut into items, as `splitBlocks` cuts them: from `from`,
 * the start of an item line indented by the section's `indent`, to `to`, the end of the text or the start
 * of a line the cut already placed (the next item, or the next section at column 0). Undefined where a
 * line in between would make the whole cut come out otherwise (a tab in its indentation; a line at column 0, which starts
 * a section; a line less indented than the items, which keeps the section whole; an item line starting
 * with `-`, `?`, `&`, `*` or `!`): only the whole cut says what such a text is. incremental.ts cuts
 * this way the lines an edit touched, and keeps the blocks around them.
 */
export function splitItemRun(text: string, from: number, to: number, indent: number, section: string): BlockSpan[] | undefined {
  if (tabInIndentation(text, from, to)) return undefined;
  const starts = itemStarts(text, from, to, indent);
  if (!starts || starts[0] !== from) return undefined;
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? to, role: 'item', section }));
}

/**
 * The blocks of a run of lines that starts among a section's items, as `splitBlocks` cuts them, also when
 * the run leaves the section: a line at column 0 in it (a top-level key being typed under the last item)
 * ends the items there, and from that line on the run is cut as top-level sections. That part is cut as
 * `splitBlocks` cuts a text of its own: each section's cut reads only its own lines, and every section
 * but the first of a file starts at its key line. So it is the whole cut's only when `to` is where a
 * top-level block begins (the end of the text, or a section or a section's key line the cut placed), not
 * an item that the new key would take in (`leavesItems` says when the caller must see to that).
 * Undefined where only the whole cut says what the text is: as `splitItemRun` says for the items, and
 * for a line at column 0 that starts with `-` (a list continuing the section above, or a document
 * marker) or that `splitBlocks` refuses.
 */
export function splitRun(text: string, from: number, to: number, indent: number, section: string): BlockSpan[] | undefined {
  const top = firstColumnZeroLine(text, from, to);
  if (top < 0) return splitItemRun(text, from, to, indent, section);
  if (text.charCodeAt(top) === 45) return undefined;
  const items = splitItemRun(text, from, top, indent, section);
  const sections = items && splitSectionRun(text, top, to);
  return sections && [...items, ...sections];
}

/**
 * The blocks of the top-level sections in [from, to), as `splitBlocks` cuts them, when `from` is where a
 * section begins (its key line, or the start of the text) and `to` is where a block at column 0 begins (or
 * the end): each section's cut reads only its own lines. Undefined where `splitBlocks` refuses the lines.
 */
export function splitSectionRun(text: string, from: number, to: number): BlockSpan[] | undefined {
  const sections = splitBlocks(text.slice(from, to));
  if (typeof sections === 'string') return undefined;
  return from === 0 ? sections : sections.map((span) => ({ ...span, start: span.start + from, end: span.end + from }));
}

/** Whether a line in [from, to) starts at column 0 (not blank, not a comment): the run leaves the section's items there. */
export function leavesItems(text: string, from: number, to: number): boolean {
  return firstColumnZeroLine(text, from, to) >= 0;
}

/** The start of the first line in [from, to) that begins at column 0 with neither a space, a comment nor a line break; -1 when none does. */
function firstColumnZeroLine(text: string, from: number, to: number): number {
  for (let at = from; at < to; at = lineEndOf(text, at, to) + 1) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 35) return at;
  }
  return -1;
}

/**
 * The starts of the lines in [from, to) indented by exactly `indent` (a section's items); undefined where a
 * line makes the cut uncertain: one less indented than the items (but not blank or a comment), or an item
 * line starting with `-`, `?`, `&`, `*` or `!` (a list, a complex key, an anchor, an alias or a tag).
 */
function itemStarts(text: string, from: number, to: number, indent: number): number[] | undefined {
  const starts: number[] = [];
  for (let at = from; at < to; at = lineEndOf(text, at, to) + 1) {
    const content = contentAt(text, at, to);
    if (content < 0) continue;
    const spaces = content - at;
    if (spaces < indent) return undefined;
    if (spaces === indent) {
      const c = text[content];
      if (c === '-' || c === '?' || c === '&' || c === '*' || c === '!') return undefined;
      starts.push(at);
    }
  }
  return starts;
}

/** Whether a tab in [from, to) has only spaces before it on its line (most texts have no tab at all: one search says so). */
function tabInIndentation(text: string, from: number, to: number): boolean {
  for (let tab = text.indexOf('\t', from); tab >= 0 && tab < to; tab = text.indexOf('\t', tab + 1)) {
    let at = tab;
    while (at > 0 && text.charCodeAt(at - 1) === 32) at--;
    if (at === 0 || text.charCodeAt(at - 1) === 10) return true;
  }
  return false;
}

/** Where the line starting at `at` has its first character after the indentation; -1 for a blank line or a comment. */
function contentAt(text: string, at: number, end: number): number {
  let content = at;
  while (text.charCodeAt(content) === 32) content++;
  const c = text[content];
  return content >= lineEndOf(text, at, end) || c === '\r' || c === '#' ? -1 : content;
}

function lineEndOf(text: string, at: number, end: number): number {
  const newline = text.indexOf('\n', at);
  return newline < 0 || newline > end ? end : newline;
}

/**
 * The blocks that hold the top-level key written before `blocks[index]` (a top-level block): that
 * section alone, or, when it was cut into items, its key line and its last item (what a line at
 * column 0 follows as the parser reads it: a root mapping that has begun, every structure of the
 * blocks before closed by the column). Empty at the top of the text; undefined when an item has no
 * section key line before it.
 */
export function keyBefore<T extends { readonly role: BlockRole }>(blocks: readonly T[], index: number): T[] | undefined {
  const prev = blocks[index - 1];
  if (!prev) return [];
  if (prev.role !== 'item') return [prev];
  let h = index - 2;
  while (h >= 0 && blocks[h]!.role === 'item') h--;
  return blocks[h]?.role === 'header' ? [blocks[h]!, prev] : undefined;
}

/**
 * A copy of `slice` that does not keep the whole text alive: V8 represents a
 * long substring as a view into its parent, and a block cached across edits
 * would otherwise hold every version of a large file in memory.
 */
export function detached(slice: string): string {
  return (' ' + slice).slice(1);
}
