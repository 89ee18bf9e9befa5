// Where a service's build reads its files: the context folder and the
// Dockerfile in it, as Compose resolves them (relative to the project's
// folder, or to the file for one reached through `include` or `extends`;
// variables filled in). Read by the ports an image exposes and by the rule
// that says when either is missing.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { TextLike } from '../model/chunkedDocument';
import { knownText } from '../model/interpolation';
import { getValue, nodeRange, scalarText, type Range } from '../model/nodes';
import type { ComposeProject } from '../model/project';
import type { Workspace } from '../model/workspace';

/** `text` with the project's variables filled in; undefined when one is missing or malformed (`knownText`). */
export function resolved(project: ComposeProject, text: string): string | undefined {
  return knownText(text, project.lookup);
}

export interface BuildFiles {
  /** The context folder, absolute. */
  readonly contextDir: string;
  /** The Dockerfile, absolute; undefined when the build writes it inline (`dockerfile_inline`). */
  readonly dockerfile: string | undefined;
  /** The inline Dockerfile's text. */
  readonly inline: string | undefined;
}

/** A context read from elsewhere (a Git repository, a URL): nothing on this disk to look at. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The files of `build` (a `build:` value: a path, or a mapping with `context`, `dockerfile`...), with relative
 * paths read from `base`; undefined for a remote context or a path whose variables are not known.
 */
export function buildFiles(project: ComposeProject, build: Node, base: string): BuildFiles | undefined {
  const contextText = isScalar(build) ? scalarText(build) : scalarText(getValue(build, 'context')) ?? '.';
  const context = contextText === undefined ? undefined : resolved(project, contextText);
  if (!context || REMOTE.test(context) || context.startsWith('git@')) return undefined;
  const contextDir = path.resolve(base, context);
  const inline = isMap(build) ? scalarText(getValue(build, 'dockerfile_inline')) : undefined;
  if (inline !== undefined) return { contextDir, dockerfile: undefined, inline };
  const dockerfileText = isMap(build) ? resolved(project, scalarText(getValue(build, 'dockerfile')) ?? 'Dockerfile') : 'Dockerfile';
  if (dockerfileText === undefined) return undefined;
  return { contextDir, dockerfile: path.resolve(contextDir, dockerfileText), inline: undefined };
}

/**
 * The text of the Dockerfile `files` name: written inline, or read through the workspace (an editor's unsaved
 * text first); undefined when the file cannot be read.
 */
export function dockerfileText(workspace: Workspace, files: BuildFiles): string | undefined {
  return files.inline ?? (files.dockerfile === undefined ? undefined : workspace.readText(files.dockerfile));
}

/** The folder a file's relative build paths are read from: the project's, unless the file is reached only through `include` or `extends`. */
export function buildBase(project: ComposeProject, uri: string): string {
  const file = project.file(uri);
  const role = file?.role;
  return role === 'main' || role === 'override' || !file ? project.directory : path.dirname(file.path);
}

/** A name a build's `args` gives (`NAME: value`, or `- NAME=value`), with the range of the name as written. */
export interface BuildArgName {
  readonly name: string;
  readonly range: Range;
  /** The key (mapping form) or the item (list form) that names it. */
  readonly node: Node;
}

/**
 * The names `args` (a `build.args` value) gives: the keys of the mapping form (not `<<`, whose names several builds
 * may share), or the `NAME` before the `=` of each list item, plain or quoted, where `text` (the document's) holds
 * it as written. The diagnostics judge these names and navigation finds the one under the cursor.
 */
export function buildArgNames(args: unknown, text: TextLike): BuildArgName[] {
  const out: BuildArgName[] = [];
  if (isMap(args)) {
    for (const pair of args.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || key.value === '<<') continue;
      const range = nodeRange(key);
      if (range) out.push({ name: key.value, range, node: key });
    }
  } else if (isSeq(args)) {
    for (const item of args.items) {
      const name = isScalar(item) && typeof item.value === 'string' ? item.value.split('=')[0] : undefined;
      const start = name ? (item as Node).range?.[0] : undefined;
      if (!name || start === undefined) continue;
      // After the opening quote of a quoted item.
      const at = text.slice(start, start + name.length) === name ? start : start + 1;
      if (text.slice(at, at + name.length) === name) out.push({ name, range: [at, at + name.length], node: item as Node });
    }
  }
  return out;
}
