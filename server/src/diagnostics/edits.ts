// Text edits that quick fixes make on a Compose document: removing a
// top-level key or any one entry, declaring a name under its top-level
// section, setting a key of a mapping. They read the model for where things
// are and the file's own indentation for how to write.
import { isMap, isScalar, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { SECTION_OF, type NameKind } from '../model/fileModel';
import { getPair, nodeRange } from '../model/nodes';

/** The kinds a quick fix can declare: services are too rich to guess. */
export type DeclarableKind = Exclude<NameKind, 'service'>;

/** The whole lines a top-level pair takes, removed. */
export function removeTopLevelKey(doc: ComposeDocument, key: string): TextEdit | undefined {
  const pair = getPair(doc.yaml.contents, key);
  const start = nodeRange(pair?.key)?.[0];
  if (!pair || start === undefined) return undefined;
  const end = nodeRange(pair.value)?.[1] ?? nodeRange(pair.key)![1];
  const from = doc.text.positionAt(start);
  const to = doc.text.positionAt(end);
  const lastLine = to.character === 0 && to.line > from.line ? to.line : to.line + 1;
  return { range: { start: { line: from.line, character: 0 }, end: { line: lastLine, character: 0 } }, newText: '' };
}

/** An entry of a mapping (its key and value) or of a list, with the pair that holds its collection. */
interface Entry {
  readonly collection: YAMLMap | YAMLSeq;
  readonly isItem: boolean;
  readonly start: number;
  readonly end: number;
  readonly holder: Pair | undefined;
}

/** The innermost entry that starts at `at`: a mapping's key, or a list's item. */
function entryAt(node: unknown, at: number, holder: Pair | undefined): Entry | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = nodeRange(pair.key);
      if (key && key[0] === at) return { collection: node, isItem: false, start: key[0], end: nodeRange(pair.value)?.[1] ?? key[1], holder };
      const value = nodeRange(pair.value);
      if (value && at >= value[0] && at < value[1]) return entryAt(pair.value, at, pair);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const range = nodeRange(item);
      if (!range || at < range[0] || at >= range[1]) continue;
      // `- source: s` starts where its item does: the key inside is the entry meant.
      return entryAt(item, at, undefined) ?? (range[0] === at ? { collection: node, isItem: true, start: range[0], end: range[1], holder } : undefined);
    }
  }
  return undefined;
}

/** The lines from `start` to `end`, when nothing else is written on them (a list item may keep its dash); else undefined. */
function wholeLines(source: string, start: number, end: number, isItem: boolean): [number, number] | undefined {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  if (!(isItem ? /^[ \t]*(?:-[ \t]+)?$/ : /^[ \t]*$/).test(source.slice(lineStart, start))) return undefined;
  // A block collection's range already ends at the start of the next line: that line stays.
  if (source[end - 1] === '\n') return [lineStart, end];
  const newline = source.indexOf('\n', end);
  const lineEnd = newline < 0 ? source.length : newline + 1;
  return /^[ \t]*(?:#.*)?\r?\n?$/.test(source.slice(end, lineEnd)) ? [lineStart, lineEnd] : undefined;
}

/**
 * Removes the entry (a mapping's key with its value, or a list item) that starts at `at`: in a block
 * collection its whole lines, in a flow one the entry with the comma beside it. The only entry of a block
 * collection takes the key that holds the collection with it: left empty, `depends_on:` or `volume:` is
 * null, which Compose refuses. Undefined when no entry starts there, or when it shares its lines with
 * other text (the fix is then not offered rather than made wrong).
 */
export function removeEntryAt(doc: ComposeDocument, at: number): TextEdit | undefined {
  const entry = entryAt(doc.yaml.contents, at, undefined);
  if (!entry) return undefined;
  const source = doc.text.getText();
  let [start, end] = [entry.start, entry.end];
  if (entry.collection.flow) {
    // `[a, b]`, `{a: 1, b: 2}`: the entry with the comma and blank before it (or after it, for the first one).
    const before = /,\s*$/.exec(source.slice(Math.max(0, start - 1000), start));
    if (before) start -= before[0].length;
    else {
      const after = /^\s*,\s*/.exec(source.slice(end, end + 1000));
      if (after) end += after[0].length;
    }
  } else {
    let lines = wholeLines(source, start, end, entry.isItem);
    const holderKey = entry.collection.items.length === 1 ? nodeRange(entry.holder?.key) : undefined;
    if (lines && holderKey) lines = wholeLines(source, holderKey[0], lines[1], false);
    if (!lines) return undefined;
    [start, end] = lines;
  }
  return replaceRange(doc, start, end, '');
}

/**
 * The value a new definition gets: secrets and configs need a source; networks
 * and volumes take none, written as the file already writes an empty one
 * (`backend:` or `backend: {}`), `{}` when the file shows neither.
 */
function body(doc: ComposeDocument, kind: DeclarableKind, name: string, indent: string): string {
  if (kind === 'secret' || kind === 'config') return `\n${indent}${indent}file: ./${name}.txt`;
  return emptyStyle(doc, kind) === 'bare' ? '' : ' {}';
}

/** How the file writes an empty network or volume: its own section decides, else the other one. */
function emptyStyle(doc: ComposeDocument, kind: DeclarableKind): 'bare' | 'braces' | undefined {
  const sections = kind === 'network' ? ['networks', 'volumes'] : kind === 'volume' ? ['volumes', 'networks'] : [SECTION_OF[kind]];
  for (const section of sections) {
    const value = getPair(doc.yaml.contents, section)?.value;
    if (!isMap(value) || value.flow) continue;
    let bare = 0;
    let braces = 0;
    for (const pair of value.items) {
      const entry = pair.value;
      if (entry === null || (isScalar(entry) && entry.value === null)) bare++;
      else if (isMap(entry) && entry.flow && entry.items.length === 0) braces++;
    }
    if (bare > braces) return 'bare';
    if (braces > 0) return 'braces';
  }
  return undefined;
}

/** The indentation step the file uses (that of its first nested key), two spaces by default. */
export function indentUnit(doc: ComposeDocument): string {
  const root = doc.yaml.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const value = pair.value;
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const at = nodeRange(value.items[0]!.key)?.[0];
        if (at !== undefined) {
          const column = doc.text.positionAt(at).character;
          if (column > 0) return ' '.repeat(column);
        }
      }
    }
  }
  return '  ';
}

/**
 * Declares `name` under the top-level section of its kind: appended to the
 * section at its indentation, inside the braces of a flow section, or in a new
 * section at the end of the file.
 */
export function declareTopLevel(doc: ComposeDocument, kind: DeclarableKind, name: string): TextEdit | undefined {
  const section = SECTION_OF[kind];
  const root = doc.yaml.contents;
  if (root !== null && !isMap(root)) return undefined;
  const indent = indentUnit(doc);
  const source = doc.text.getText();
  const entry = `${name}:${body(doc, kind, name, indent)}`;
  const pair = getPair(root, section);
  const at = (offset: number) => doc.text.positionAt(offset);

  if (!pair) {
    // No section yet: add it at the end of the file.
    const end = source.length;
    const lead = end === 0 || source.endsWith('\n') ? '' : '\n';
    const pos = at(end);
    return { range: { start: pos, end: pos }, newText: `${lead}${section}:\n${indent}${entry}\n` };
  }
  const value = pair.value;
  if (value === null || (isScalar(value) && (value.value === null || value.value === undefined))) {
    // `networks:` with nothing under it.
    const keyEnd = nodeRange(pair.key)![1];
    const lineEnd = endOfLine(source, keyEnd);
    const pos = at(lineEnd);
    return { range: { start: pos, end: pos }, newText: `\n${indent}${entry}` };
  }
  if (!isMap(value)) return undefined;
  if (value.flow) {
    // `networks: {}` or `networks: {a: {}}`: add inside the braces, flow style.
    const close = source.lastIndexOf('}', nodeRange(value)![1]);
    if (close < 0) return undefined;
    const pos = at(close);
    const flowEntry = `${name}: ${kind === 'secret' || kind === 'config' ? `{file: ./${name}.txt}` : '{}'}`;
    return { range: { start: pos, end: pos }, newText: value.items.length > 0 ? `, ${flowEntry}` : flowEntry };
  }
  const last = lastContentOffset(value);
  const column = value.items.length > 0 ? at(nodeRange(value.items[0]!.key)![0]).character : indent.length;
  const pos = at(endOfLine(source, last));
  return { range: { start: pos, end: pos }, newText: `\n${' '.repeat(column)}${entry}` };
}

/**
 * `key: value` set in `map`: the value of the key replaced where it is written, else the key added, inside
 * the braces of a flow mapping or on a line of its own at the column of the mapping's keys. Undefined where
 * the key holds more than one word (a mapping, a list) or the mapping has nowhere to add it.
 */
export function setInMapping(doc: ComposeDocument, map: YAMLMap, key: string, value: string): TextEdit | undefined {
  const source = doc.text.getText();
  const edit = (start: number, end: number, newText: string) => replaceRange(doc, start, end, newText);
  const pair = getPair(map, key);
  if (pair) {
    const written = isScalar(pair.value) ? nodeRange(pair.value) : undefined;
    return written ? edit(written[0], written[1], value) : undefined;
  }
  const range = nodeRange(map);
  if (!range) return undefined;
  if (map.flow) {
    const close = source.lastIndexOf('}', range[1]);
    return close < 0 ? undefined : edit(close, close, map.items.length > 0 ? `, ${key}: ${value}` : `${key}: ${value}`);
  }
  const firstKey = nodeRange(map.items[0]?.key);
  if (!firstKey) return undefined;
  const column = doc.text.positionAt(firstKey[0]).character;
  const end = endOfLine(source, lastContentOffset(map));
  return edit(end, end, `\n${' '.repeat(column)}${key}: ${value}`);
}

/** The text between two offsets of `doc` replaced by `newText`. */
export function replaceRange(doc: ComposeDocument, start: number, end: number, newText: string): TextEdit {
  return { range: { start: doc.text.positionAt(start), end: doc.text.positionAt(end) }, newText };
}

/** Where the last entry of a mapping ends (its value, or its key when it has none). */
export function lastContentOffset(map: YAMLMap): number {
  const lastPair = map.items[map.items.length - 1]!;
  return (nodeRange(lastPair.value) ?? nodeRange(lastPair.key))![1];
}

/** The end of the line `offset` is on (before its line break), a node's end at the next line's start counted on its own line. */
export function endOfLine(source: string, offset: number): number {
  // A node's range may end at the start of the next line: step back onto its own line.
  let at = offset;
  while (at > 0 && (source[at - 1] === '\n' || source[at - 1] === '\r')) at--;
  const newline = source.indexOf('\n', at);
  const end = newline < 0 ? source.length : newline;
  return end > 0 && source[end - 1] === '\r' ? end - 1 : end;
}
