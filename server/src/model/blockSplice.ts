// The whole tree of a version from its blocks (incremental.ts): what one
// parse of the whole text would have built, with each block's pair in place,
// the mappings' ranges as the parser measures them, and the blocks of a
// top-level key written a second time marked (they define and use no names).
import { isNode, parseDocument, Pair, YAMLMap, type Node } from 'yaml';
import { readable, textLength, type TextLike } from './chunkedDocument';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PARSE_OPTIONS, type ComposeDocument } from './document';
import type { ParsedBlock } from './parsedBlock';
import { keyText } from './locate';

/**
 * The blocks of a top-level key written a second time (a section's key line, its items, or a whole section):
 * the tree holds both pairs, as the whole parse does, and only the first defines and uses names (ComposeDocument's
 * `shadowed`). Undefined when every top-level key is written once (the usual case: no set is made).
 */
function shadowedBlocks(blocks: readonly ParsedBlock[]): Set<ParsedBlock> | undefined {
  let topKeys: Set<string> | undefined;
  let shadowed: Set<ParsedBlock> | undefined;
  let inShadow = false;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (block.role !== 'item') {
      const key = keyText(block.pair.key);
      // A handful of top-level keys: a set only past the first block.
      topKeys ??= new Set();
      inShadow = topKeys.has(key);
      topKeys.add(key);
    }
    if (inShadow) (shadowed ??= new Set()).add(block);
  }
  return shadowed;
}

/** The whole tree from the blocks' pairs: what one parse of the whole text would have built. */
export function splice(uri: string, text: TextDocument, blocks: readonly ParsedBlock[]): ComposeDocument {
  const yaml = parseDocument('', PARSE_OPTIONS);
  const root = new YAMLMap(yaml.schema);
  const sectionMaps: YAMLMap[] = [];
  let items: YAMLMap | undefined;
  for (const block of blocks) {
    if (block.role === 'item') {
      items!.items.push(block.pair);
      continue;
    }
    if (block.role === 'header') {
      items = new YAMLMap(yaml.schema);
      sectionMaps.push(items);
      root.items.push(new Pair(block.pair.key, items));
    } else {
      root.items.push(block.pair);
    }
  }
  const source = readable(text);
  for (const map of sectionMaps) map.range = mapRange(map, source);
  root.range = mapRange(root, source);
  yaml.contents = root as unknown as typeof yaml.contents;
  const length = textLength(text);
  yaml.range = [0, root.range[2], length];
  const warnings = blocks.flatMap((b) => b.warnings);
  const errors = blocks.flatMap((b) => b.errors);
  const shadowed = shadowedBlocks(blocks);
  return shadowed ? { uri, version: text.version, text, yaml, errors, warnings, blocks, shadowed } : { uri, version: text.version, text, yaml, errors, warnings, blocks };
}

/**
 * A block mapping spans from its first key to the end of its last value, as the parser measures it; a
 * last key being typed (a word, no value node) to the end of its line, with the line break.
 */
function mapRange(map: YAMLMap, source: TextLike): [number, number, number] {
  const first = map.items[0]!;
  const last = map.items[map.items.length - 1]!;
  let end = ((isNode(last.value) ? last.value : last.key) as Node).range![2];
  if (last.value === null) {
    while (source.charCodeAt(end) === 32) end++;
    if (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10) end += 2;
    else if (source.charCodeAt(end) === 10) end++;
  }
  return [(first.key as Node).range![0], end, end];
}
