// `duplicate-key`: the same key twice in one mapping. Compose refuses the
// file. Several `<<` merge keys in one mapping are allowed.
import { isMap, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { keyText } from '../../model/locate';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { forEachPair } from './mapWalk';
import type { Rule } from './rule';

export const duplicateKeys: Rule = {
  codes: ['duplicate-key'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    forEachPair(doc.yaml.contents, duplicateFinder(doc, out));
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
  const report = duplicateFinder(doc, out);
  const root = doc.yaml.contents;
  if (!isMap(root)) return out;
  for (const pair of root.items) {
    report(pair, root);
    if (isMap(pair.value)) for (const item of pair.value.items) report(item, pair.value);
  }
  return out;
}

function duplicateFinder(doc: ComposeDocument, out: Diagnostic[]): (pair: Pair<unknown, unknown>, map: YAMLMap) => void {
  const firstSeen = new WeakMap<object, Map<string, number>>();
  return (pair, map) => {
    const key = keyText(pair.key);
    if (key === '<<') return;
    let seen = firstSeen.get(map);
    if (!seen) firstSeen.set(map, (seen = new Map()));
    const range = nodeRange(pair.key);
    if (!range) return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, range[0]);
      return;
    }
    const line = doc.text.positionAt(first).line + 1;
    out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'duplicate-key', `Key '${key}' is already defined on line ${line}: Compose refuses duplicate keys. Remove one of them.`));
  };
}
