// `non-buildable-context`: a build that names another service as one of its
// `additional_contexts` (`base: service:base`) while that service has no
// `build`. The context is the image that service builds, so Compose refuses
// the file ("declares non-buildable service"). A service that may get a
// `build` from elsewhere (`extends`, a `<<` merge) is left alone, and in a file
// that may be combined with others through `-f` it is a warning, as an
// undefined name is there. A name no file defines is `undefined-service`.
// Quick fix, where that service names an image: build on the image itself
// (`docker-image://<image>`), which is what the context would have been had
// the service no `build` to make it.
import type { Diagnostic } from 'vscode-languageserver';
import { isMap } from 'yaml';
import type { NameDefinition } from '../../model/fileModel';
import { keyText } from '../../model/locate';
import { getValue, scalarText } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';

const CODE = 'non-buildable-context';

/** The prefix that makes a build context another service's image. */
const SERVICE_PREFIX = 'service:';

/** For the fix: the service named, and the image it names (when it names one). */
export interface NonBuildableContextData {
  readonly service: string;
  readonly image?: string;
}

export const buildContexts: Rule<NonBuildableContextData> = {
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
      const image = defs.map((def) => scalarText(getValue(def.value, 'image'))).find((text) => text !== undefined && text !== '');
      out.push(diagnostic(doc, ref.range, partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, CODE,
        `Service "${ref.fromService}" builds on the image of service "${ref.name}" (in build.additional_contexts), which has no \`build\`: Compose refuses the file ("declares non-buildable service"). Give "${ref.name}" a build, or name its image instead: \`docker-image://${image ?? '<image>'}\`.${partial ? PARTIAL_NOTE : ''}`,
        { data: { service: ref.name, ...(image !== undefined ? { image } : {}) } satisfies NonBuildableContextData }));
    }
    return out;
  },
  fix({ doc, diagnostic, data }) {
    const { service, image } = data;
    if (typeof service !== 'string' || typeof image !== 'string') return [];
    // The diagnostic is on the name after `service:`; the fix rewrites both, if the text still says so.
    const start = doc.text.offsetAt(diagnostic.range.start) - SERVICE_PREFIX.length;
    const end = doc.text.offsetAt(diagnostic.range.end);
    const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(end) };
    if (start < 0 || doc.text.getText(range) !== `${SERVICE_PREFIX}${service}`) return [];
    return [{ title: `Build on the image of "${service}" instead (docker-image://${image})`, edits: [{ range, newText: `docker-image://${image}` }] }];
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
