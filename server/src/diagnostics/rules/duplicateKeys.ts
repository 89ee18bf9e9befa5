// `duplicate-key`: the same key twice in one mapping. Compose refuses the
// file. Several `<<` merge keys in one mapping are allowed.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { keyText } from '../../model/locate';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

export const duplicateKeys: Rule = {
  codes: ['duplicate-key'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    // Each pair is reported as it is met, before what its value holds (aliases not followed).
    const walk = (node: unknown) => {
      if (isMap(node)) {
        const firsts = duplicateStarts(node);
        const items = node.items;
        for (let i = 0; i < items.length; i++) {
          if (firsts?.[i] !== undefined) report(doc, out, items[i]!.key, firsts[i]!);
          walk(items[i]!.value);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) walk(item);
      }
    };
    walk(doc.yaml.contents);
    return out;
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
    if (firsts?.[i] !== undefined) report(doc, out, pair.key, firsts[i]!);
    const section = pair.value;
    if (!isMap(section)) continue;
    const inSection = duplicateStarts(section);
    if (inSection) section.items.forEach((item, k) => inSection[k] !== undefined && report(doc, out, item.key, inSection[k]!));
  }
  return out;
}

function report(doc: ComposeDocument, out: Diagnostic[], key: unknown, first: number): void {
  const line = doc.text.positionAt(first).line + 1;
  out.push(diagnostic(doc, nodeRange(key)!, DiagnosticSeverity.Error, 'duplicate-key', `Key '${keyText(key)}' is already defined on line ${line}: Compose refuses duplicate keys. Remove one of them.`));
}

/** Mappings up to this many pairs compare their keys pair by pair (no allocation when nothing repeats, as is usual). */
const SMALL = 12;
const keys: string[] = [];

/**
 * For each pair whose key an earlier pair of the mapping already has, where that first one starts
 * (keys without a range, like `<<`, neither repeat nor count as first); undefined when no key repeats.
 */
function duplicateStarts(map: YAMLMap): (number | undefined)[] | undefined {
  const items = map.items;
  if (items.length < 2) return undefined;
  let found: (number | undefined)[] | undefined;
  if (items.length <= SMALL) {
    for (let i = 0; i < items.length; i++) keys[i] = keyText(items[i]!.key);
    for (let i = 1; i < items.length; i++) {
      const key = keys[i]!;
      if (key === '<<' || startOf(items[i]!.key) === undefined) continue;
      for (let j = 0; j < i; j++) {
        if (keys[j] !== key) continue;
        const start = startOf(items[j]!.key);
        if (start === undefined) continue;
        (found ??= [])[i] = start;
        break;
      }
    }
    return found;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = keyText(items[i]!.key);
    const start = startOf(items[i]!.key);
    if (key === '<<' || start === undefined) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, start);
    else (found ??= [])[i] = first;
  }
  return found;
}

function startOf(key: unknown): number | undefined {
  return (key as Node | null | undefined)?.range?.[0];
}
