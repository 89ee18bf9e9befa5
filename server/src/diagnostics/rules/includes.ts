// `include-cycle`: files that include each other (or themselves); Compose
// refuses them ("include cycle detected"). `include-not-found`: an included
// file that does not exist, which Compose also refuses.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { pathToUri, uriToPath } from '../../model/workspace';
import { diagnostic, DiagnosticSeverity } from '../make';
import { isRemote } from './extendsRules';
import type { Rule } from './rule';

const MAX_DEPTH = 16;

export const includes: Rule = {
  codes: ['include-cycle', 'include-not-found'],
  run({ doc, file, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    const here = uriToPath(doc.uri);

    /** A chain of includes from `from` back to `here`, or undefined. */
    const findCycle = (from: string, chain: string[], seen: Set<string>): string[] | undefined => {
      if (from === here) return chain;
      if (seen.has(from) || chain.length > MAX_DEPTH) return undefined;
      seen.add(from);
      const model = workspace.fileModel(pathToUri(from));
      for (const inc of model?.includes ?? []) {
        if (inc.path.includes('${') || isRemote(inc.path)) continue;
        const next = path.resolve(path.dirname(from), inc.path);
        const found = findCycle(next, [...chain, next], seen);
        if (found) return found;
      }
      return undefined;
    };

    for (const inc of file.includes) {
      if (inc.path.includes('${') || isRemote(inc.path)) continue;
      const target = path.resolve(path.dirname(here), inc.path);
      if (!workspace.exists(target)) {
        out.push(diagnostic(doc, inc.range, DiagnosticSeverity.Error, 'include-not-found',
          `Included file ${inc.path} does not exist: Compose refuses the project. Fix the path or create the file.`));
        continue;
      }
      const cycle = findCycle(target, [here, target], new Set());
      if (cycle) {
        const names = cycle.map((p) => path.basename(p));
        out.push(diagnostic(doc, inc.range, DiagnosticSeverity.Error, 'include-cycle',
          `include cycle detected: ${names.join(' -> ')}. A file cannot include itself, directly or through others.`));
      }
    }
    return out;
  },
};
