// The Dockerfile a service's build reads, and the names of it a Compose file
// writes: a stage in `build.target` (spec `namesStage`), an `ARG` as a key or
// a `KEY=value` item of `build.args` (spec `namesBuildArgs`). Read as the
// `unknown-build-target` rule reads it (images/buildFiles.ts: the context
// folder and `dockerfile:`, or `dockerfile_inline`; an editor's unsaved text
// first). Completion offers these names, go to definition opens their line
// of the Dockerfile, hover shows it.
import { isScalar, type Node } from 'yaml';
import { buildArgNames, buildBase, buildFiles, dockerfileText, type BuildFiles } from '../images/buildFiles';
import { readable } from '../model/chunkedDocument';
import { dockerfileNames, type DockerfileNames } from '../images/dockerfile';
import { locate, type CursorContext, type PathSegment } from '../model/locate';
import { getValue, scalarText, type Range } from '../model/nodes';
import { specAtPath } from '../spec/index';
import { servicePart } from '../diagnostics/rules/projectServices';
import type { FeatureRequest } from './request';

export interface ServiceDockerfile {
  /** Its path; undefined for one written inline (`dockerfile_inline`). */
  readonly path?: string;
  readonly text: string;
  readonly names: DockerfileNames;
}

/** The Dockerfile `service` (of the request's file) builds from; undefined when its build names none this server can read. */
export function serviceDockerfile(req: FeatureRequest, service: string | undefined): ServiceDockerfile | undefined {
  const files = serviceBuildFiles(req, service);
  const text = files && dockerfileText(req.workspace, files);
  if (text === undefined) return undefined;
  return { ...(files!.inline === undefined ? { path: files!.dockerfile } : {}), text, names: dockerfileNames(text) };
}

/** The build context and Dockerfile of `service` (of the request's file); undefined without a build this server can read. */
export function serviceBuildFiles(req: FeatureRequest, service: string | undefined): BuildFiles | undefined {
  // An unsaved document has no folder: relative paths in it mean nothing yet.
  if (service === undefined || !req.doc.uri.startsWith('file:')) return undefined;
  const def = req.file.definitions.find((d) => d.kind === 'service' && d.name === service);
  // Also a build a `<<` merge brings.
  const build = def && getValue(servicePart(def, req.doc)?.body, 'build');
  if (!build) return undefined;
  return buildFiles(req.project, build as Node, buildBase(req.project, req.doc.uri));
}

/**
 * The folder a path on the host at `path` is read from (spec `hostPath`): the project's (the including file's
 * for an included one), or the service's build context for `build.dockerfile` (`fromBuildContext`).
 */
export function hostPathBase(req: FeatureRequest, path: readonly PathSegment[], fromBuildContext: boolean | undefined): string | undefined {
  if (!fromBuildContext) return buildBase(req.project, req.doc.uri);
  return serviceBuildFiles(req, path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined)?.contextDir;
}

/** A stage or `ARG` of the service's Dockerfile named at the cursor. */
export interface DockerfileNameAt {
  readonly kind: 'stage' | 'arg';
  readonly name: string;
  readonly dockerfile: ServiceDockerfile;
  /** The line of the Dockerfile that declares it (0-based): the stage's FROM, the ARG's first declaration. */
  readonly line: number;
  /** Where the Compose file names it. */
  readonly range: Range;
}

export function dockerfileNameAt(req: FeatureRequest, ctx: CursorContext = locate(req.doc, req.offset)): DockerfileNameAt | undefined {
  const { path, scalar } = ctx;
  const range = scalar?.range;
  if (!isScalar(scalar) || !range || path[0] !== 'services' || typeof path[1] !== 'string') return undefined;
  const last = path[path.length - 1];
  if (!ctx.onKey && last === 'target' && specAtPath(path)?.namesStage) {
    const written = scalarText(scalar);
    const dockerfile = written ? serviceDockerfile(req, path[1]) : undefined;
    // The builder compares a target with the stages' names in lower case.
    const stage = dockerfile?.names.stages.find((s) => s.name.toLowerCase() === written!.toLowerCase());
    return stage && { kind: 'stage', name: stage.name, dockerfile: dockerfile!, line: stage.line, range: [range[0], range[1]] };
  }
  if (!specAtPath(path.slice(0, -1))?.namesBuildArgs) return undefined;
  // A key names the ARG; an item `NAME=value` names it before its `=`, where the cursor must be.
  const named = buildArgNames(ctx.onKey ? ctx.map : ctx.seq, readable(req.doc.text)).find((a) => a.node === scalar && req.offset >= a.range[0] && req.offset <= a.range[1]);
  const dockerfile = named && serviceDockerfile(req, path[1]);
  const arg = dockerfile?.names.args.find((a) => a.name === named!.name);
  return arg && { kind: 'arg', name: arg.name, dockerfile: dockerfile!, line: arg.line, range: named!.range };
}

/** Where on its line of the Dockerfile the name is (the `AS name` of a FROM, the name after ARG): character offsets. */
export function nameOnLine(found: DockerfileNameAt): { line: number; start: number; end: number } {
  const text = found.dockerfile.text.split(/\r?\n/)[found.line] ?? '';
  const pattern = found.kind === 'stage' ? new RegExp(`\\s[Aa][Ss]\\s+(${escape(found.name)})(?=\\s|$)`) : new RegExp(`(?:^|\\s)(${escape(found.name)})(?==|\\s|$)`);
  const m = pattern.exec(text);
  const start = m ? m.index + m[0].length - m[1]!.length : 0;
  return { line: found.line, start, end: m ? start + m[1]!.length : text.length };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
