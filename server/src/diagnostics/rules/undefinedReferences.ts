// `undefined-service`, `undefined-network`, `undefined-volume`,
// `undefined-config`, `undefined-secret`: a name used by a service that no
// file of the project defines. Compose refuses to start. The implicit
// `default` network is always there; external definitions count.
//
// A service that `extends` one in another file also inherits that service's
// dependencies (depends_on, volumes_from, `service:` modes): they must exist
// in this project too.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { SECTION_OF, type NameDefinition, type NameKind, type NameReference } from '../../model/fileModel';
import { getPair, getValue, scalarText } from '../../model/nodes';
import { pathToUri, uriToPath } from '../../model/workspace';
import { declareTopLevel, type DeclarableKind } from '../edits';
import { replaceFix, type FixRequest, type QuickFix, type ReplaceData } from '../fix';
import { diagnostic, DiagnosticSeverity } from '../make';
import { NearestNames } from '../suggest';
import { mergedReferences } from './mergedReferences';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';

/** "Did you mean" another name, and the network, volume, config or secret to declare. */
export interface UndefinedReferenceData extends ReplaceData {
  readonly declare?: { readonly kind: DeclarableKind; readonly name: string };
}

/** `depends_on: {x: {required: false}}`: Compose only warns when x is missing. */
function isOptionalDependency(services: ReadonlyMap<string, NameDefinition>, ref: NameReference): boolean {
  if (ref.via !== 'depends_on') return false;
  const service = services.get(ref.fromService);
  const entry = getValue(getValue(service?.value, 'depends_on'), ref.name);
  return scalarText(getValue(entry, 'required')) === 'false';
}

function describe(ref: NameReference): string {
  switch (ref.kind) {
    case 'service':
      if (ref.via === 'depends_on') return `depends on undefined service "${ref.name}"`;
      if (ref.via === 'extends') return `extends undefined service "${ref.name}"`;
      return `uses undefined service "${ref.name}" (in ${ref.via})`;
    default:
      return `uses an undefined ${ref.kind} "${ref.name}"`;
  }
}

/** Dependencies a service brings along when another service extends it. */
const INHERITED_VIA = new Set(['depends_on', 'volumes_from', 'network_mode', 'ipc', 'pid', 'links']);

export const undefinedReferences: Rule<UndefinedReferenceData> = {
  codes: ['undefined-service', 'undefined-network', 'undefined-volume', 'undefined-config', 'undefined-secret'],
  run(req) {
    const { doc, file, project, workspace } = req;
    const out: Diagnostic[] = [];
    const partial = mayBePartial(req);
    const severity = partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    const note = partial ? PARTIAL_NOTE : '';
    // This file's services by name, once: a lookup per reference, not a scan.
    const services = new Map<string, NameDefinition>();
    for (const d of file.definitions) if (d.kind === 'service' && !services.has(d.name)) services.set(d.name, d);
    const nearest = new Map<NameKind, NearestNames>();
    const suggest = (kind: NameKind, name: string) => {
      let names = nearest.get(kind);
      if (!names) nearest.set(kind, (names = new NearestNames(project.names(kind))));
      return names.closest(name);
    };
    for (const ref of [...file.references, ...mergedReferences(file)]) {
      if (ref.file) continue; // extends with `file:`: resolved below
      if (ref.kind === 'network' && ref.name === 'default') continue;
      if (project.definitions(ref.kind, ref.name).length > 0) continue;
      if (isOptionalDependency(services, ref)) continue;
      const suggestion = suggest(ref.kind, ref.name);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : ref.kind === 'service' ? '' : ` Declare it under the top-level \`${SECTION_OF[ref.kind]}:\`.`;
      out.push(diagnostic(doc, ref.range, severity, `undefined-${ref.kind}`,
        `Service "${ref.fromService}" ${describe(ref)}.${hint}${note}`,
        { data: {
          declare: ref.kind !== 'service' ? { kind: ref.kind, name: ref.name } : undefined,
          replace: suggestion ? { from: ref.name, to: suggestion } : undefined,
        } satisfies UndefinedReferenceData }));
    }

    // Dependencies inherited through `extends: {file, service}`.
    for (const ref of file.references) {
      if (ref.via !== 'extends' || !ref.file || ref.file.includes('${') || ref.file.includes(':')) continue;
      const target = workspace.fileModel(pathToUri(path.resolve(path.dirname(uriToPath(doc.uri)), ref.file)));
      if (!target) continue; // the extends rule reports a missing file
      for (const inherited of target.references) {
        if (inherited.fromService !== ref.name || inherited.kind !== 'service' || !INHERITED_VIA.has(inherited.via)) continue;
        // Overridden here? A key the extending service sets itself replaces the inherited one.
        const own = services.get(ref.fromService);
        if (inherited.via !== 'depends_on' && getPair(own?.value, inherited.via)) continue;
        if (project.definitions('service', inherited.name).length > 0) continue;
        out.push(diagnostic(doc, ref.range, severity, 'undefined-service',
          `service "${ref.fromService}" depends on undefined service "${inherited.name}": it extends "${ref.name}" from ${ref.file}, which uses "${inherited.name}" (in ${inherited.via}), and this project has no such service.${note}`));
      }
    }
    return out;
  },
  fix: (req) => [...replaceFix(req), ...declareFix(req)],
};

const DECLARABLE: ReadonlySet<string> = new Set<DeclarableKind>(['network', 'volume', 'config', 'secret']);

/** Declares the missing name under its top-level section, when it is a name we can write as a plain key. */
function declareFix({ doc, data }: FixRequest<UndefinedReferenceData>): QuickFix[] {
  const declare = data.declare;
  if (!declare || !DECLARABLE.has(declare.kind) || typeof declare.name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(declare.name)) return [];
  const edit = declareTopLevel(doc, declare.kind, declare.name);
  return edit ? [{ title: `Declare ${declare.kind} '${declare.name}' under top-level \`${SECTION_OF[declare.kind]}:\``, edits: [edit], preferred: true }] : [];
}
