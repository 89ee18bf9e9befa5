// `non-buildable-context`: a build that names another service as one of its
// `additional_contexts` (`base: service:base`) while that service has no
// `build`. The context is the image that service builds, so Compose refuses
// the file ("declares non-buildable service"). A service that may get a
// `build` from elsewhere (`extends`, a `<<` merge) is left alone, and in a file
// that may be combined with others through `-f` it is a warning, as an
// undefined name is there. A name no file defines is `undefined-service`.
import type { Diagnostic } from 'vscode-languageserver';
import { isMap } from 'yaml';
import type { NameDefinition } from '../../model/fileModel';
import { keyText } from '../../model/locate';
import { diagnostic, DiagnosticSeverity } from '../make';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';

const CODE = 'non-buildable-context';

export const buildContexts: Rule = {
  codes: [CODE],
  run(req) {
    const { doc, file, project } = req;
    const out: Diagnostic[] = [];
    let partial: boolean | undefined;
    for (const ref of file.references) {
      if (ref.via !== 'build.additional_contexts') continue;
      const defs = project.definitions('service', ref.name);
      if (defs.length === 0 || defs.some(mayBuild)) continue;
      partial ??= mayBePartial(req);
      out.push(diagnostic(doc, ref.range, partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, CODE,
        `Service "${ref.fromService}" builds on the image of service "${ref.name}" (in build.additional_contexts), which has no \`build\`: Compose refuses the file ("declares non-buildable service"). Give "${ref.name}" a build, or name its image instead: \`docker-image://<image>\`.${partial ? PARTIAL_NOTE : ''}`));
    }
    return out;
  },
};

/** Whether the service has a `build`, or may get one from a merge or `extends`. */
function mayBuild(def: NameDefinition): boolean {
  if (!isMap(def.value)) return true;
  return def.value.items.some((pair) => {
    const key = keyText(pair.key);
    return key === 'build' || key === 'extends' || key === '<<';
  });
}
