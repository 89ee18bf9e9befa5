// Text edits that quick fixes make on a Compose document: removing a
// top-level key, declaring a name under its top-level section. They read the
// model for where things are and the file's own indentation for how to write.
import { isMap, isScalar, type YAMLMap } from 'yaml';
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
function indentUnit(doc: ComposeDocument): string {
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

function lastContentOffset(map: YAMLMap): number {
  const lastPair = map.items[map.items.length - 1]!;
  return (nodeRange(lastPair.value) ?? nodeRange(lastPair.key))![1];
}

function endOfLine(source: string, offset: number): number {
  // A node's range may end at the start of the next line: step back onto its own line.
  let at = offset;
  while (at > 0 && (source[at - 1] === '\n' || source[at - 1] === '\r')) at--;
  const newline = source.indexOf('\n', at);
  const end = newline < 0 ? source.length : newline;
  return end > 0 && source[end - 1] === '\r' ? end - 1 : end;
}
