// `alias-cycle`: an alias used inside the very node its anchor names (the
// value would contain itself; Compose reports a cycle). `excessive-aliasing`:
// aliases nested so deep that expanding them would explode ("billion laughs");
// Compose refuses such files.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { nodeRange } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { resolve } from '../specWalk';
import type { Rule } from './rule';

/**
 * More nodes than this once aliases are expanded is an attack, not a
 * configuration (Go's yaml.v3, which Compose uses, draws its line near here).
 */
export const MAX_EXPANDED_NODES = 4_000_000;

export const aliases: Rule = {
  codes: ['alias-cycle', 'excessive-aliasing'],
  run({ doc }) {
    const out: Diagnostic[] = [];
    const found: Node[] = [];
    visit(doc.yaml, { Alias: (_k, node) => void found.push(node as unknown as Node) });
    if (found.length === 0) return out;
    for (const alias of found) {
      const target = resolve(doc, alias) as Node | undefined;
      const a = nodeRange(alias);
      const t = nodeRange(target);
      if (a && t && a[0] >= t[0] && a[1] <= t[1] && target !== (alias as unknown)) {
        out.push(diagnostic(doc, a, DiagnosticSeverity.Error, 'alias-cycle',
          `Cycle: alias *${(alias as unknown as { source: string }).source} is used inside the node its anchor names, so the value would contain itself. Compose refuses this.`));
      }
    }
    if (out.length > 0) return out;

    // Count nodes with aliases expanded, memoised per node so the count itself stays cheap.
    const sizes = new Map<unknown, number>();
    const size = (node: unknown, depth: number): number => {
      if (depth > 200) return Infinity;
      const cached = sizes.get(node);
      if (cached !== undefined) return cached;
      let total = 1;
      if (isAlias(node)) total = size(resolve(doc, node), depth + 1);
      else if (isMap(node)) for (const p of node.items) total += size(p.key, depth + 1) + size(p.value, depth + 1);
      else if (isSeq(node)) for (const item of node.items) total += isPair(item) ? 1 : size(item, depth + 1);
      else if (!isScalar(node)) total = 0;
      total = Math.min(total, Number.MAX_SAFE_INTEGER);
      sizes.set(node, total);
      return total;
    };
    if (size(doc.yaml.contents, 0) > MAX_EXPANDED_NODES) {
      out.push(diagnostic(doc, nodeRange(found[0]) ?? [0, 0], DiagnosticSeverity.Error, 'excessive-aliasing',
        `excessive aliasing: expanding the aliases of this file would create more than ${MAX_EXPANDED_NODES.toLocaleString('en')} values. Compose refuses such files as a resource exhaustion attack.`));
    }
    return out;
  },
};
