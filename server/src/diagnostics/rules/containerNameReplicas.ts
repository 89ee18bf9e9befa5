// `container-name-replicas`: a fixed `container_name` on a service run as
// several containers (`deploy.replicas` or `scale` above 1). Container names
// are unique per host, so Compose refuses it. Quick fix (preferred): remove
// the `container_name`, so Compose names each container itself; running one
// container instead is rarely what a count above 1 meant.
import type { Diagnostic } from 'vscode-languageserver';
import { getPair, nodeRange } from '../../model/nodes';
import { removeEntryAt } from '../edits';
import { diagnostic, DiagnosticSeverity } from '../make';
import { containerCount } from './hostPortReplicas';
import { servicePart } from './projectServices';
import type { Rule } from './rule';

export const containerNameReplicas: Rule = {
  codes: ['container-name-replicas'],
  // Counts written with variables are what the project's give (Compose refuses `replicas: ${N:-2}` alike); a block
  // rule's findings are kept under the variables' key (blockRules.ts).
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      // As Compose reads the service: a name or a count a `<<` merge brings counts, shown at the merge.
      const body = def.kind === 'service' ? servicePart(def, doc)?.body : undefined;
      const name = getPair(body, 'container_name');
      const range = nodeRange(name?.key);
      if (!name || !range) continue;
      const containers = containerCount(body, project.lookup);
      if (!containers) continue;
      const { count, by } = containers;
      out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'container-name-replicas',
        `Service "${def.name}" sets container_name but runs ${count} containers (${by}): container names must be unique, so Compose refuses this. Remove container_name or run one replica.`));
    }
    return out;
  },
  fix({ doc, diagnostic }) {
    if (doc.text.getText(diagnostic.range) !== 'container_name') return [];
    const edit = removeEntryAt(doc, doc.text.offsetAt(diagnostic.range.start));
    return edit ? [{ title: 'Remove container_name: Compose then names each container itself', edits: [edit], preferred: true }] : [];
  },
};
