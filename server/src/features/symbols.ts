// Document symbols (the outline: sections, then services, networks,
// volumes..., then each service's parts) and workspace symbols (the names
// every open Compose file's project defines).
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { kindOfSection, SECTION_OF, type FileModel, type NameKind } from '../model/fileModel';
import { startOf } from '../model/blockNodes';
import { readable, type TextLike } from '../model/chunkedDocument';
import { keyText } from '../model/locate';
import { getValue, isExternalValue, scalarText, type Range } from '../model/nodes';
import type { Workspace } from '../model/workspace';
import { toLspRange } from './occurrences';

/** Deep enough for `services > web > deploy > resources`; deeper parts add noise, not orientation. */
const MAX_DEPTH = 4;
const MAX_DETAIL = 60;
/**
 * The outline's size, past its sections and their names: a level of depth is shown only when it fits
 * whole (the same bound the peers keep, yaml-language-server's and VS Code's JSON `maxItemsComputed`).
 * The outline of 5,000 services down to depth 4 is ~120,000 symbols, 27 MB of JSON, sent after every
 * edit and held up the editor for seconds; with the bound, such a file lists its services, and a file
 * of a few hundred entries is outlined to depth 4 as before.
 */
const MAX_SYMBOLS = 5_000;

const KIND_OF_NAME: Readonly<Record<NameKind, SymbolKind>> = {
  service: SymbolKind.Class,
  network: SymbolKind.Interface,
  volume: SymbolKind.Struct,
  config: SymbolKind.File,
  secret: SymbolKind.Key,
};


export function documentSymbols(doc: ComposeDocument, _file: FileModel): DocumentSymbol[] {
  const root = doc.yaml.contents;
  if (!isMap(root)) return [];
  const builder = new OutlineBuilder(doc, outlineDepth(root));
  return root.items.flatMap((pair) => builder.pair(pair, [], 0) ?? []);
}

/** How deep the outline goes: MAX_DEPTH, or less where the deeper levels would pass MAX_SYMBOLS; never less than the names (2). */
function outlineDepth(root: YAMLMap): number {
  // How many items each level holds (0: the top-level keys, 1: the sections' entries, 2: their keys...).
  const counts = new Array<number>(MAX_DEPTH).fill(0);
  counts[0] = root.items.length;
  for (const section of root.items) {
    const value = section.value;
    if (!isMap(value) && !isSeq(value)) continue;
    counts[1]! += value.items.length;
    for (const item of value.items) {
      const below = isPair(item) ? levelsOfEntry(item) : levelsBelow(item);
      for (let k = 0; k < below.length; k++) counts[k + 2]! += below[k]!;
    }
  }
  let total = 0;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    total += counts[depth]!;
    if (depth >= 2 && total > MAX_SYMBOLS) return depth;
  }
  return MAX_DEPTH;
}

/** The items at each level under `node`: its own, its children's..., down to the outline's deepest level. */
function levelsBelow(node: unknown): number[] {
  const levels: number[] = [];
  let level: unknown[] = [node];
  for (let k = 0; k < MAX_DEPTH - 2 && level.length > 0; k++) {
    const next: unknown[] = [];
    let count = 0;
    for (const value of level) {
      const items = isMap(value) ? value.items : isSeq(value) ? value.items : undefined;
      if (!items) continue;
      count += items.length;
      for (const item of items) {
        const child = isPair(item) ? item.value : item;
        if (isMap(child) || isSeq(child)) next.push(child);
      }
    }
    levels.push(count);
    level = next;
  }
  return levels;
}

/**
 * `levelsBelow` an entry's value, kept per pair: a reused block keeps its pair and its text (model/incremental.ts)
 * but reads its tree again only when asked (model/blockTrees.ts), and the outline is asked after every pause in typing.
 */
const entryLevels = new WeakMap<Pair, readonly number[]>();

function levelsOfEntry(pair: Pair): readonly number[] {
  let levels = entryLevels.get(pair);
  if (!levels) entryLevels.set(pair, (levels = levelsBelow(pair.value)));
  return levels;
}

/**
 * An entry's symbol (a service, a network...) as last sent, with the outline depth and its key's line then: the
 * editor asks for the outline after every pause in typing, and an item block that is reused keeps its pair
 * (model/incremental.ts) and its text, so its symbol; an item that only moved gets its symbol a few lines
 * further, not read again (5,000 services are ~40 ms to read).
 */
const keptEntries = new WeakMap<Pair, { readonly depth: number; readonly section: string; readonly line: number; readonly symbol: DocumentSymbol }>();

/** `symbol` and its children `lines` lines further down (up when negative). */
function shifted(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  const move = (range: DocumentSymbol['range']): DocumentSymbol['range'] => ({
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  });
  return {
    ...symbol,
    range: move(symbol.range),
    selectionRange: move(symbol.selectionRange),
    ...(symbol.children ? { children: symbol.children.map((child) => shifted(child, lines)) } : {}),
  };
}

class OutlineBuilder {
  private readonly source: TextLike;

  constructor(
    private readonly doc: ComposeDocument,
    private readonly maxDepth: number,
  ) {
    this.source = readable(doc.text);
  }

  pair(pair: Pair, path: readonly string[], depth: number): DocumentSymbol | undefined {
    if (depth !== 1) return this.readPair(pair, path, depth);
    const start = pair.key ? startOf(pair.key as Node) : undefined;
    if (start === undefined) return this.readPair(pair, path, depth);
    const line = this.doc.text.positionAt(start).line;
    // The section too: an item reused under another section's key (model/incremental.ts `resectioned`) is another kind of symbol.
    const section = path[0] ?? '';
    const kept = keptEntries.get(pair);
    if (kept && kept.depth === this.maxDepth && kept.section === section) {
      if (kept.line === line) return kept.symbol;
      const moved = shifted(kept.symbol, line - kept.line);
      keptEntries.set(pair, { depth: this.maxDepth, section, line, symbol: moved });
      return moved;
    }
    const symbol = this.readPair(pair, path, depth);
    if (symbol) keptEntries.set(pair, { depth: this.maxDepth, section, line, symbol });
    return symbol;
  }

  private readPair(pair: Pair, path: readonly string[], depth: number): DocumentSymbol | undefined {
    const key = pair.key as Node | null;
    const at = key?.range; // read once: a node's range is made when read (blockNodes.ts)
    if (!at) return undefined;
    const name = keyText(key);
    const value = pair.value as Node | null;
    const own = [...path, name];
    return this.symbol(name || '""', at[0], [at[0], at[1]], value, own, depth);
  }

  private symbol(name: string, start: number, selection: Range, value: Node | null, path: readonly string[], depth: number): DocumentSymbol {
    const valueAt = value?.range;
    const end = Math.max(selection[1], valueAt ? this.trimmedEnd(valueAt[0], valueAt[1]) : 0);
    const children = depth + 1 < this.maxDepth ? this.children(value, path, depth + 1) : [];
    const detail = this.detail(value, path);
    return {
      name,
      // A list item is already named by its text; repeating it as detail is noise.
      detail: detail === name ? undefined : detail,
      kind: this.kind(value, path),
      range: toLspRange(this.doc, [start, end]),
      selectionRange: toLspRange(this.doc, selection),
      // A leaf says nothing of children (thousands of `"children":[]` add up on a large file).
      ...(children.length > 0 ? { children } : {}),
    };
  }

  private children(value: Node | null, path: readonly string[], depth: number): DocumentSymbol[] {
    if (isMap(value)) return value.items.flatMap((p) => this.pair(p, path, depth) ?? []);
    if (isSeq(value)) {
      const result: DocumentSymbol[] = [];
      value.items.forEach((item, index) => {
        const node = item as Node | null;
        const at = node?.range;
        if (!node || !at) return;
        const range: Range = [at[0], this.trimmedEnd(at[0], at[1])];
        result.push(this.symbol(itemName(node), range[0], range, node, [...path, String(index)], depth));
      });
      return result;
    }
    return [];
  }

  private kind(value: Node | null, path: readonly string[]): SymbolKind {
    const [section] = path;
    if (path.length === 1) return section === 'name' || section === 'version' ? SymbolKind.Property : SymbolKind.Module;
    const nameKind = kindOfSection(section);
    if (path.length === 2 && nameKind) return KIND_OF_NAME[nameKind];
    if (section === 'include' && path.length === 2) return SymbolKind.File;
    const parent = path[path.length - 2];
    if (parent === 'environment' || parent === 'labels' || parent === 'args') return SymbolKind.Variable;
    if (parent === 'ports' || parent === 'expose') return SymbolKind.Number;
    if (isSeq(value)) return SymbolKind.Array;
    if (isMap(value)) return SymbolKind.Object;
    if (/^\d+$/.test(path[path.length - 1])) return SymbolKind.Constant;
    return SymbolKind.Property;
  }

  private detail(value: Node | null, path: readonly string[]): string | undefined {
    if (path.length === 2 && path[0] === 'services') {
      const image = scalarText(getValue(value, 'image'));
      if (image) return image;
      const build = getValue(value, 'build');
      const context = isScalar(build) ? scalarText(build) : scalarText(getValue(build, 'context'));
      if (build !== undefined) return `build: ${context ?? '.'}`;
      const extended = getValue(value, 'extends');
      const base = isScalar(extended) ? scalarText(extended) : scalarText(getValue(extended, 'service'));
      return base ? `extends: ${base}` : undefined;
    }
    if (path.length === 2 && kindOfSection(path[0]) && isMap(value)) {
      const explicit = scalarText(getValue(value, 'name'));
      if (isExternalValue(getValue(value, 'external'))) return explicit ? `external: ${explicit}` : 'external';
      return explicit ?? scalarText(getValue(value, 'driver')) ?? scalarText(getValue(value, 'file'));
    }
    if (isScalar(value)) {
      const text = scalarText(value);
      return text === undefined ? undefined : text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
    }
    if (isSeq(value)) return `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
    return undefined;
  }

  /** Block collections end after their last line break; an outline range ends at the last character. */
  private trimmedEnd(start: number, end: number): number {
    let at = end;
    while (at > start && /\s/.test(this.source.charAt(at - 1))) at--;
    return at;
  }
}

/** A list item's label: the scalar itself, or the telling key of a long form (`source`, `target`...). */
function itemName(node: Node): string {
  if (isScalar(node)) return scalarText(node) || '""';
  if (isMap(node)) {
    for (const key of ['name', 'source', 'path', 'target', 'published']) {
      const text = scalarText(getValue(node, key));
      if (text) return text;
    }
    return '{…}';
  }
  return isSeq(node) ? '[…]' : '-';
}

export function workspaceSymbols(workspace: Workspace, uris: readonly string[], query: string): SymbolInformation[] {
  const seen = new Set<string>();
  const result: SymbolInformation[] = [];
  for (const uri of uris) {
    if (!workspace.fileModel(uri)) continue;
    const project = workspace.project(uri);
    for (const file of project.files) {
      for (const def of file.model.definitions) {
        const key = `${def.uri}#${def.range[0]}`;
        if (seen.has(key) || !matches(query, def.name)) continue;
        seen.add(key);
        result.push({
          name: def.name,
          kind: KIND_OF_NAME[def.kind],
          location: { uri: def.uri, range: toLspRange(file.model.doc, def.range) },
          containerName: `${SECTION_OF[def.kind]} (${project.name.name})`,
        });
      }
    }
  }
  return result;
}

/** The editor's usual rule: the query's characters appear in order, ignoring case. */
function matches(query: string, name: string): boolean {
  const lower = name.toLowerCase();
  let at = 0;
  for (const c of query.toLowerCase()) {
    at = lower.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
