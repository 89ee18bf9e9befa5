// `include-cycle`: files that include each other (or themselves); Compose
// refuses them ("include cycle detected"). `include-not-found`: an included
// file that does not exist, which Compose also refuses. `include-conflict`: a
// service, network, volume, config or secret that this file defines and an
// included file defines differently: Compose refuses the project ("conflicts
// with imported resource"); an identical definition is fine.
import * as path from 'node:path';
import { isNode } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { pathToUri, uriToPath } from '../../model/workspace';
import { diagnostic, DiagnosticSeverity } from '../make';
import { isRemote } from './extendsRules';
import type { FileModel } from '../../model/fileModel';
import type { Rule } from './rule';

export const includes: Rule = {
  codes: ['include-cycle', 'include-not-found', 'include-conflict'],
  run({ doc, file, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    const here = uriToPath(doc.uri);

    /**
     * The shortest chain of includes from `start` back to `here` (both ends in it), or undefined: breadth
     * first, each file once, so a circle of any length is found and a project of many files costs each once.
     */
    const findCycle = (start: string): string[] | undefined => {
      const cameFrom = new Map<string, string | undefined>([[start, undefined]]);
      const queue = [start];
      for (let q = 0; q < queue.length; q++) {
        const from = queue[q]!;
        if (from === here) {
          const chain: string[] = [];
          for (let at: string | undefined = from; at !== undefined; at = cameFrom.get(at)) chain.push(at);
          return [here, ...chain.reverse()];
        }
        const model = workspace.fileModel(pathToUri(from));
        for (const inc of model?.includes ?? []) {
          if (inc.path.includes('${') || isRemote(inc.path)) continue;
          const next = path.resolve(path.dirname(from), inc.path);
          if (cameFrom.has(next)) continue;
          cameFrom.set(next, from);
          queue.push(next);
        }
      }
      return undefined;
    };

    /** How an include entry interpolates the file it brings: its env files and project directory, resolved. */
    const settings = (inc: FileModel['includes'][number], from: string) =>
      JSON.stringify([inc.envFiles.map((f) => path.resolve(path.dirname(from), f)), inc.projectDirectory && path.resolve(path.dirname(from), inc.projectDirectory)]);
    /**
     * Every model an include brings in (the included file and, in turn, what
     * it includes), with the settings it is read with. A file with variables
     * brought in twice with different settings is two different definitions
     * of the same names: Compose refuses that too.
     */
    const importedFrom = new Map<string, { model: FileModel; settings: string }>();
    const included = (from: string, how: string, entry: FileModel['includes'][number]): void => {
      if (from === here) return;
      const model = workspace.fileModel(pathToUri(from));
      if (!model) return;
      const before = importedFrom.get(from);
      if (before) {
        if (before.settings !== how && model.doc.text.getText().includes('${') && model.definitions.length > 0) {
          out.push(diagnostic(doc, entry.range, DiagnosticSeverity.Error, 'include-conflict',
            `${path.relative(path.dirname(here), from)} is included twice, with different env files or project directories, so its ${model.definitions[0]!.kind} "${model.definitions[0]!.name}" (and the rest) would be defined twice, differently: Compose refuses the project ("conflicts with imported resource"). Include it once.`));
        }
        return;
      }
      importedFrom.set(from, { model, settings: how });
      for (const inc of model.includes) {
        if (!inc.path.includes('${') && !isRemote(inc.path)) included(path.resolve(path.dirname(from), inc.path), settings(inc, from), entry);
      }
    };

    for (const inc of file.includes) {
      if (inc.path.includes('${') || isRemote(inc.path)) continue;
      const target = path.resolve(path.dirname(here), inc.path);
      if (workspace.exists(target)) included(target, settings(inc, here), inc);
      if (!workspace.exists(target)) {
        out.push(diagnostic(doc, inc.range, DiagnosticSeverity.Error, 'include-not-found',
          `Included file ${inc.path} does not exist: Compose refuses the project. Fix the path or create the file.`));
        continue;
      }
      const cycle = findCycle(target);
      if (cycle) {
        const names = cycle.map((p) => path.basename(p));
        out.push(diagnostic(doc, inc.range, DiagnosticSeverity.Error, 'include-cycle',
          `include cycle detected: ${names.join(' -> ')}. A file cannot include itself, directly or through others.`));
      }
    }
    // Each imported file's definitions by kind and name: a lookup per definition, not a search of each file.
    const imported = [...importedFrom].map(([from, { model }]) => {
      const byName = new Map<string, FileModel['definitions'][number]>();
      for (const d of model.definitions) if (!byName.has(`${d.kind}\0${d.name}`)) byName.set(`${d.kind}\0${d.name}`, d);
      return { from, model, byName };
    });
    for (const def of file.definitions) {
      for (const { from, model, byName } of imported) {
        const other = byName.get(`${def.kind}\0${def.name}`);
        if (!other || sameValue(model, other.value, file, def.value)) continue;
        out.push(diagnostic(doc, def.range, DiagnosticSeverity.Error, 'include-conflict',
          `The ${def.kind} "${def.name}" is also defined, differently, in the included file ${path.relative(path.dirname(here), from)}: Compose refuses the project ("conflicts with imported resource"). Rename one of them or define it in one place.`));
        break;
      }
    }
    return out;
  },
};

/** Whether two definitions are the same data (aliases resolved in their own documents); unreadable ones count as the same. */
function sameValue(aModel: FileModel, a: unknown, bModel: FileModel, b: unknown): boolean {
  try {
    const json = (model: FileModel, node: unknown) => JSON.stringify(isNode(node) ? node.toJSON(model.doc.yaml) : node ?? null);
    return json(aModel, a) === json(bModel, b);
  } catch {
    return true;
  }
}
