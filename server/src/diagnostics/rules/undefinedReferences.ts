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
import { referencesOf } from './mergedReferences';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';
import { serviceRule, type ServiceCheck } from '../serviceChecks';
import { DEFINED, SERVICE_NAMES } from '../indexUpdate';
import { keptNearest } from '../nearestAnswers';

/**
 * "Did you mean" another name (for a name a merge or an alias brings, changed where it is written, in the
 * anchored value every service taking it shares), and the network, volume, config or secret to declare.
 */
export interface UndefinedReferenceData extends ReplaceData {
  readonly declare?: { readonly kind: DeclarableKind; readonly name: string };
}

/**
 * `depends_on: {x: {required: false}}`. It lets Compose start without a service a profile leaves out of the run
 * (rules/profileDependencies.ts), not without one no file defines: Compose refuses that as it refuses any
 * undefined dependency (measured on Compose 2.26.1, held in the docker tier), so the message says so.
 */
function isOptionalDependency(service: NameDefinition, ref: NameReference): boolean {
  if (ref.via !== 'depends_on') return false;
  const entry = getValue(getValue(service.value, 'depends_on'), ref.name);
  return scalarText(getValue(entry, 'required')) === 'false';
}

const OPTIONAL_NOTE = ' `required: false` lets Compose start without a service that a profile leaves out, not without one no file defines.';

function describe(ref: NameReference): string {
  switch (ref.kind) {
    case 'service':
      if (ref.via === 'depends_on') return `depends on undefined service "${ref.name}"${broughtBy(ref)}`;
      if (ref.via === 'extends') return `extends undefined service "${ref.name}"${broughtBy(ref)}`;
      return `uses undefined service "${ref.name}" (in ${ref.via})${broughtBy(ref)}`;
    default:
      return `uses an undefined ${ref.kind} "${ref.name}"${broughtBy(ref)}`;
  }
}

/** Where a name shown at a merge or an alias comes from: the finding's range is the alias, not the name. */
function broughtBy(ref: NameReference): string {
  const through = ref.through;
  if (!through) return '';
  return through.merged ? `, merged from *${through.anchor}` : `, in the value of alias *${through.anchor}`;
}

/** Dependencies a service brings along when another service extends it. */
const INHERITED_VIA = new Set(['depends_on', 'volumes_from', 'network_mode', 'ipc', 'pid', 'links']);

const referenceCheck: ServiceCheck = {
  id: 'undefined-references',
  definedNames: true,
  // Service names come from the index (`defined:` keys); the other kinds' names, what decides the severity, and
  // the other files (an `extends` target's dependencies are inherited) from here.
  context: ({ doc, project, ...req }) => [
    mayBePartial({ doc, project, ...req }),
    ...(['network', 'volume', 'config', 'secret'] as const).map((kind) => project.names(kind).join('\0')),
    ...project.files.filter((f) => f.uri !== doc.uri).map((f) => f.model),
  ],
  check(req, index, def, read) {
    const { doc, file, project, workspace } = req;
    const out: Diagnostic[] = [];
    const partial = index.perRun('may-be-partial', () => mayBePartial(req));
    const severity = partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    const note = partial ? PARTIAL_NOTE : '';
    const defined = (kind: NameKind, name: string) => {
      if (kind === 'service') read(DEFINED(name));
      return project.definitions(kind, name).length > 0;
    };
    const own = referencesOf(file, def);
    for (const ref of own) {
      if (ref.file) continue; // extends with `file:`: resolved below
      if (ref.kind === 'network' && ref.name === 'default') continue;
      if (defined(ref.kind, ref.name)) continue;
      if (ref.kind === 'service') read(SERVICE_NAMES);
      // Service names are in the index; the other kinds' are the context, whose change forgets every kept list.
      const suggestion = keptNearest(index, `nearest-${ref.kind}`, [SERVICE_NAMES], () => project.names(ref.kind)).closest(ref.name);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : ref.kind === 'service' ? '' : ` Declare it under the top-level \`${SECTION_OF[ref.kind]}:\`.`;
      const written = ref.through?.written;
      out.push(diagnostic(doc, ref.range, severity, `undefined-${ref.kind}`,
        `Service "${ref.fromService}" ${describe(ref)}.${hint}${isOptionalDependency(def, ref) ? OPTIONAL_NOTE : ''}${note}`,
        {
          data: {
            declare: ref.kind !== 'service' ? { kind: ref.kind, name: ref.name } : undefined,
            replace: suggestion
              ? { from: ref.name, to: suggestion, at: written ? { start: doc.text.positionAt(written[0]), end: doc.text.positionAt(written[1]) } : undefined }
              : undefined,
          } satisfies UndefinedReferenceData,
          related: written ? [{ doc, range: written, message: `"${ref.name}" is written here` }] : undefined,
        }));
    }

    // Dependencies inherited through `extends: {file, service}`.
    for (const ref of own) {
      if (ref.via !== 'extends' || !ref.file || ref.file.includes('${') || ref.file.includes(':')) continue;
      const target = workspace.fileModel(pathToUri(path.resolve(path.dirname(uriToPath(doc.uri)), ref.file)));
      if (!target) continue; // the extends rule reports a missing file
      for (const inherited of target.references) {
        if (inherited.fromService !== ref.name || inherited.kind !== 'service' || !INHERITED_VIA.has(inherited.via)) continue;
        // Overridden here? A key the extending service sets itself replaces the inherited one.
        if (inherited.via !== 'depends_on' && getPair(def.value, inherited.via)) continue;
        if (defined('service', inherited.name)) continue;
        out.push(diagnostic(doc, ref.range, severity, 'undefined-service',
          `service "${ref.fromService}" depends on undefined service "${inherited.name}": it extends "${ref.name}" from ${ref.file}, which uses "${inherited.name}" (in ${inherited.via}), and this project has no such service.${note}`));
      }
    }
    return out;
  },
};

export const undefinedReferences: Rule<UndefinedReferenceData> = serviceRule(referenceCheck, {
  codes: ['undefined-service', 'undefined-network', 'undefined-volume', 'undefined-config', 'undefined-secret'],
  fix: (req) => [...replaceFix(req), ...declareFix(req)],
});

const DECLARABLE: ReadonlySet<string> = new Set<DeclarableKind>(['network', 'volume', 'config', 'secret']);

/** Declares the missing name under its top-level section, when it is a name we can write as a plain key. */
function declareFix({ doc, data }: FixRequest<UndefinedReferenceData>): QuickFix[] {
  const declare = data.declare;
  if (!declare || !DECLARABLE.has(declare.kind) || typeof declare.name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(declare.name)) return [];
  const edit = declareTopLevel(doc, declare.kind, declare.name);
  return edit ? [{ title: `Declare ${declare.kind} '${declare.name}' under top-level \`${SECTION_OF[declare.kind]}:\``, edits: [edit], preferred: true }] : [];
}
