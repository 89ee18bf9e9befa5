// `wrong-type` for a service written with nothing under it (`db:`). Compose
// 2.26 refuses it ("services.db must be a mapping") in every file it loads as
// part of the project, the main file, an override or an included file, except
// in an override (or a later `-f` file) where an earlier file already defines
// the service: that file's body is what the override adds nothing to. A file
// read only through `extends: {file: ...}` is not checked by Compose at all,
// and `extends` may name such a service (compose-go's own tests do); so a file
// that may be one of several `-f` files, or an extends target, gets a warning.
// Measured on Compose 2.26.1 (test/docker/engine-verdicts.test.ts).
//
// The spec walk cannot tell (it sees one block of one file), so `wrong-type`
// there leaves an empty service alone and this rule, which sees the project,
// judges it.
import { isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { NameDefinition } from '../../model/fileModel';
import type { ComposeProject } from '../../model/project';
import { perDefinition } from '../../model/definitionMemo';
import { diagnostic, DiagnosticSeverity } from '../make';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';

/** Whether a service's body is nothing at all: `db:` or `db: null` (not `!reset`, not an alias, not `{}`). */
const isEmptyBody = perDefinition((body: unknown): boolean => body === null || body === undefined || (isScalar(body) && body.value === null && !body.tag));

/** Whether a file Compose merges before `def`'s own (the main file, an earlier override) defines the service. */
function definedEarlier(project: ComposeProject, def: NameDefinition): boolean {
  const own = project.file(def.uri);
  if (own?.role !== 'override') return false;
  for (const other of project.definitions('service', def.name)) {
    if (other.uri === def.uri) return false;
    const role = project.file(other.uri)?.role;
    if (role === 'main' || role === 'override') return true;
  }
  return false;
}

export const emptyServices: Rule = {
  codes: ['wrong-type'],
  run(req) {
    const { doc, file, project } = req;
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      if (def.kind !== 'service' || !isEmptyBody(def) || definedEarlier(project, def)) continue;
      const partial = mayBePartial(req);
      out.push(diagnostic(doc, def.range, partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'wrong-type',
        `services.${def.name} must be a mapping (key: value lines), not empty: Compose refuses a service with nothing under it. Give it an \`image:\` (what to run) or a \`build:\`.${partial ? PARTIAL_NOTE : ''}`));
    }
    return out;
  },
};
