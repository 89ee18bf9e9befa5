// `missing-build-context` and `missing-dockerfile`: a service built from a
// folder that does not exist, or from a Dockerfile its context does not hold.
// `unknown-build-target`: a `target` that names no stage of the Dockerfile.
// `unknown-build-arg` (a warning): a `build.args` name no `ARG` of the
// Dockerfile declares, which the build ignores without a word (BuildKit; the
// classic builder said "build-args [...] were not consumed"), a typo's usual
// fate (`NODE_VERSON`).
// Compose loads the file; building it (`build`, and `up` for an image it has
// not built yet) fails: "unable to prepare context: path ... not found",
// "failed to read dockerfile", "target stage ... could not be found". Remote
// contexts (a Git repository, a URL) and paths whose variables are not known
// are not judged.
import { isMap, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { getValue, nodeRange, scalarText } from '../../model/nodes';
import { bodyAsComposed } from './projectServices';
import { perDefinition } from '../../model/definitionMemo';
import { buildArgNames, buildBase, buildFiles, dockerfileText } from '../../images/buildFiles';
import { dockerfileNames, stageNames } from '../../images/dockerfile';
import { isInterpolated } from '../../spec/interpolated';
import { valuesFix, type ValuesData } from '../fix';
import { diagnostic, DiagnosticSeverity } from '../make';
import { closest } from '../suggest';
import type { Rule } from './rule';
import { readable, textBetween } from '../../model/chunkedDocument';

/** A service's `build`, looked up once per definition (the disk is looked at on every run). */
/** A service's build, also one a `<<` merge brings (shown at the merge), looked up once per definition. */
const buildOf = perDefinition((written: unknown, doc: ComposeDocument): Node | null => {
  const body = bodyAsComposed(doc, written);
  return body && typeof body === 'object' ? ((getValue(body, 'build') as Node | null | undefined) ?? null) : null;
});

export const buildSources: Rule = {
  codes: ['missing-build-context', 'missing-dockerfile', 'unknown-build-target', 'unknown-build-arg'],
  fix: valuesFix,
  run({ doc, file, project, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    const base = buildBase(project, doc.uri);
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      const build = buildOf(def, doc);
      if (!build) continue;
      const files = buildFiles(project, build, base);
      if (!files) continue;
      const contextNode = isMap(build) ? getValue(build, 'context') : build;
      if (!workspace.exists(files.contextDir)) {
        const range = nodeRange(contextNode ?? build);
        if (range) out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-build-context',
          `The build context ${project.relative(files.contextDir)} does not exist: building service "${def.name}" fails ("unable to prepare context: path not found"), and so does up. Fix the path, or create the folder.`));
        continue;
      }
      if (files.dockerfile === undefined || workspace.exists(files.dockerfile)) {
        const dockerfile = dockerfileText(workspace, files);
        const unknown = unknownTarget(doc, build, dockerfile, def.name);
        if (unknown) out.push(unknown);
        if (dockerfile !== undefined) out.push(...unknownArgs(doc, build, dockerfile, def.name));
        continue;
      }
      if (!workspace.isFolder(files.contextDir)) {
        // A file named as the context (`build: ./Dockerfile`): the build wants the folder the file is in.
        const range = nodeRange(contextNode ?? build);
        if (range) out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-build-context',
          `The build context ${project.relative(files.contextDir)} is a file, not a folder: building service "${def.name}" fails ("unable to prepare context"), and so does up. Name the folder to build in${/(^|[\\/])([\w.-]*Dockerfile[\w.-]*|Containerfile)$/i.test(files.contextDir) ? ', and the Dockerfile with dockerfile: when it has another name' : ''}.`));
        continue;
      }
      const dockerfileNode = isMap(build) ? getValue(build, 'dockerfile') : undefined;
      const range = nodeRange(dockerfileNode ?? contextNode ?? build);
      if (range) out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-dockerfile',
        `${project.relative(files.dockerfile)} does not exist: building service "${def.name}" fails ("failed to read dockerfile"), and so does up. ${dockerfileNode ? 'Fix the path (it is read from the build context)' : 'Add a Dockerfile to the context, or name yours with dockerfile:'}.`));
    }
    return out;
  },
};

/**
 * The build's own `args` names (`buildArgNames`: not those a `<<` merge or an alias brings, which several services'
 * builds may share) that no `ARG` of `dockerfile` declares. The builder's own arguments
 * (the proxies, `BUILDKIT_*`) need no declaration.
 */
function unknownArgs(doc: ComposeDocument, build: Node, dockerfile: string, service: string): Diagnostic[] {
  if (!isMap(build)) return [];
  const named = buildArgNames(getValue(build, 'args'), readable(doc.text));
  if (named.length === 0) return [];
  const declared = dockerfileNames(dockerfile).args.map((a) => a.name);
  const out: Diagnostic[] = [];
  for (const { name, range } of named) {
    if (declared.includes(name) || BUILDER_ARGS.has(name) || name.startsWith('BUILDKIT_') || isInterpolated(name)) continue;
    const suggestion = closest(name, declared);
    const data: ValuesData | undefined = suggestion ? { replace: { from: name, to: suggestion } } : undefined;
    out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, 'unknown-build-arg',
      `The Dockerfile declares no ARG ${name}: building service "${service}" ignores this value. ${suggestion ? `Did you mean '${suggestion}'?` : declaredList(declared)}`, data ? { data } : {}));
  }
  return out;
}

function declaredList(declared: readonly string[]): string {
  if (declared.length === 0) return 'It declares no ARG at all.';
  const shown = declared.slice(0, 8).map((a) => `'${a}'`).join(', ');
  return `It declares ${shown}${declared.length > 8 ? ` and ${declared.length - 8} more` : ''}.`;
}

/** Arguments the builder takes without an `ARG` in the Dockerfile (its proxies), in either case. */
const BUILDER_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]));

/** The error for a `target` that no stage of `dockerfile` is named; undefined when one is, or when it cannot be told. */
function unknownTarget(doc: ComposeDocument, build: Node, dockerfile: string | undefined, service: string): Diagnostic | undefined {
  if (!isMap(build) || dockerfile === undefined) return undefined;
  const node = getValue(build, 'target');
  const target = scalarText(node);
  if (!target || isInterpolated(target)) return undefined;
  const stages = stageNames(dockerfile);
  if (!stages || stages.includes(target.toLowerCase())) return undefined;
  const range = nodeRange(node);
  if (!range) return undefined;
  const suggestion = closest(target.toLowerCase(), stages);
  const named = stages.length === 0 ? 'It names no stage (FROM ... AS NAME)' : `Its stages are ${stages.map((s) => `'${s}'`).join(', ')}`;
  // The fixes swap the text written for a stage's name: only where the range holds that text (not quoted).
  const plain = textBetween(doc.text, range[0], range[1]) === target;
  const data: ValuesData | undefined = plain && stages.length > 0 ? { ...(suggestion ? { replace: { from: target, to: suggestion } } : {}), values: { from: target, to: stages } } : undefined;
  return diagnostic(doc, range, DiagnosticSeverity.Error, 'unknown-build-target',
    `No stage of the Dockerfile is named '${target}': building service "${service}" fails ("target stage ${target} could not be found"), and so does up. ${named}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, data ? { data } : {});
}
