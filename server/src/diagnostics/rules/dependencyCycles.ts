// `dependency-cycle`: services that wait for each other in a circle (through
// depends_on, links, volumes_from, `service:` network/ipc/pid modes, build
// contexts), or a service that depends on itself. Compose cannot order them
// and refuses the project. The graph spans every file of the project.
import type { Diagnostic } from 'vscode-languageserver';
import { diagnostic, DiagnosticSeverity } from '../make';
import { stronglyConnected } from './cycles';
import type { Rule } from './rule';

export const dependencyCycles: Rule = {
  codes: ['dependency-cycle'],
  run({ doc, file, project }) {
    const edges = new Map<string, Set<string>>();
    for (const f of project.files) {
      if (f.role === 'extends') continue;
      for (const ref of f.model.references) {
        if (ref.kind !== 'service' || ref.via === 'extends') continue;
        let set = edges.get(ref.fromService);
        if (!set) edges.set(ref.fromService, (set = new Set()));
        set.add(ref.name);
      }
    }

    /** A path from `from` back to `to` over the edges, or undefined (breadth first, so it is a shortest one). */
    const pathBetween = (from: string, to: string): string[] | undefined => {
      const previous = new Map<string, string>();
      const queue = [from];
      const seen = new Set([from]);
      while (queue.length > 0) {
        const node = queue.shift()!;
        if (node === to) {
          const result = [to];
          let at = to;
          while (at !== from) {
            at = previous.get(at)!;
            result.unshift(at);
          }
          return result;
        }
        for (const next of edges.get(node) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          previous.set(next, node);
          queue.push(next);
        }
      }
      return undefined;
    };

    const component = stronglyConnected(edges);
    const out: Diagnostic[] = [];
    for (const ref of file.references) {
      if (ref.kind !== 'service' || ref.via === 'extends') continue;
      // Only an edge inside one component (or onto itself) closes a circle: the search below runs for those alone.
      if (ref.name !== ref.fromService && component.get(ref.name) !== component.get(ref.fromService)) continue;
      let cycle: string[] | undefined;
      if (ref.name === ref.fromService) cycle = [ref.fromService, ref.fromService];
      else {
        const back = pathBetween(ref.name, ref.fromService);
        if (back) cycle = [ref.fromService, ...back];
      }
      if (!cycle) continue;
      const what = cycle.length === 2 && cycle[0] === cycle[1] ? `service "${ref.fromService}" depends on itself` : 'services wait for each other in a circle';
      out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Error, 'dependency-cycle',
        `dependency cycle detected: ${cycle.join(' -> ')} (${what}; Compose cannot decide which to start first).`));
    }
    return out;
  },
};
