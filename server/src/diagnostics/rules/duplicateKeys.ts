// `duplicate-key`: the same key twice in one mapping. Compose refuses the
// file. Several `<<` merge keys in one mapping are allowed. (Found in the walk
// that structure.ts shares with the other rules about the tree as written.)
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import type { Rule } from './rule';
import { duplicateKey, duplicateStarts, structureOf } from './structure';

export const duplicateKeys: Rule = {
  codes: ['duplicate-key'],
  run({ doc }) {
    return [...structureOf(doc).duplicateKeys];
  },
};

/**
 * Keys written twice in the root mapping or in a section (two services of one
 * name): the part of the rule that spans blocks, when the document was spliced
 * from blocks and each block's own mappings are checked with the block.
 */
export function topLevelDuplicateKeys(doc: ComposeDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = doc.yaml.contents;
  if (!isMap(root)) return out;
  const firsts = duplicateStarts(root);
  for (let i = 0; i < root.items.length; i++) {
    const pair = root.items[i]!;
    if (firsts?.[i] !== undefined) out.push(duplicateKey(doc, pair.key, firsts[i]!));
    const section = pair.value;
    if (!isMap(section)) continue;
    const inSection = duplicateStarts(section);
    if (inSection) section.items.forEach((item, k) => inSection[k] !== undefined && out.push(duplicateKey(doc, item.key, inSection[k]!)));
  }
  return out;
}
