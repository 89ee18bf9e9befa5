// `permissions-ignored`: a service gives `uid`, `gid` or `mode` to a secret or
// config that is read from a `file:`. `docker compose up` mounts that file into
// the container as it is on disk, with the file's own owner and permissions,
// and warns that it ignores them ("secrets `uid`, `gid` and `mode` are not
// supported, they will be ignored"); the service may then read a file with
// permissions it did not ask for. A warning: Swarm (`docker stack deploy`)
// applies them. Compose warns the same for a secret or config made from
// `environment:` or `content:`, but writes those into the container itself and
// does apply the three (measured in the docker tier): nothing is said there.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { SECTION_OF, type NameDefinition } from '../../model/fileModel';
import { getValue, isExternalValue, nodeRange, scalarText, seqItems } from '../../model/nodes';
import { keyText } from '../../model/locate';
import type { ComposeProject } from '../../model/project';
import { removeEntryAt } from '../edits';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

const CODE = 'permissions-ignored';
const KINDS = ['secret', 'config'] as const;
/** What Compose ignores on such a file, reported in the order the entry writes them. */
const OPTIONS: ReadonlySet<string> = new Set(['uid', 'gid', 'mode']);

export const permissionsIgnored: Rule = {
  codes: [CODE],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    const fromFile = fileBacked(project);
    if (fromFile.size === 0) return out;
    const seen = new Set<string>();
    for (const ref of file.references) {
      if ((ref.kind !== 'secret' && ref.kind !== 'config') || !fromFile.has(`${ref.kind}\0${ref.name}`)) continue;
      // A service's entries are read once, whichever of its references led here.
      const key = `${ref.kind}\0${ref.fromService}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const service of project.definitions('service', ref.fromService)) {
        if (service.uri !== doc.uri) continue;
        for (const entry of seqItems(getValue(service.value, SECTION_OF[ref.kind]))) {
          if (!isMap(entry)) continue;
          const name = scalarText(getValue(entry, 'source'));
          if (name === undefined || !fromFile.has(`${ref.kind}\0${name}`)) continue;
          for (const pair of entry.items) {
            const option = keyText(pair.key);
            if (!OPTIONS.has(option)) continue;
            const range = nodeRange(pair.key);
            if (!range) continue;
            out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, CODE,
              `\`compose up\` ignores \`${option}\` here: the ${ref.kind} "${name}" is read from a file, which the engine mounts as it is on disk, with that file's owner and permissions. Set them on the file itself (only \`docker stack deploy\` applies \`${option}\`).`));
          }
        }
      }
    }
    return out;
  },
  fix({ doc, diagnostic }) {
    const option = doc.text.getText(diagnostic.range);
    if (!OPTIONS.has(option)) return [];
    const edit = removeEntryAt(doc, doc.text.offsetAt(diagnostic.range.start));
    const keeps = option === 'mode' ? 'its permissions' : 'its owner';
    return edit ? [{ title: `Remove \`${option}\` (the file keeps ${keeps} from the disk)`, edits: [edit] }] : [];
  },
};

/** The secrets and configs (`kind\0name`) the project reads from a file: a `file:` in every definition, none external. */
function fileBacked(project: ComposeProject): Set<string> {
  const found = new Set<string>();
  for (const kind of KINDS) {
    for (const name of project.names(kind)) {
      const defs = project.definitions(kind, name);
      if (defs.length > 0 && defs.every(readFromFile)) found.add(`${kind}\0${name}`);
    }
  }
  return found;
}

function readFromFile(def: NameDefinition): boolean {
  return isMap(def.value) && getValue(def.value, 'file') !== undefined && !isExternalValue(getValue(def.value, 'external'));
}
