// Document links: the files and folders a Compose file names (build context
// and Dockerfile, env_file, extends.file, include, config/secret `file`,
// bind-mount host paths), resolved the way Compose resolves them, linked only
// when they exist so a click never opens an empty editor; and `image:` values
// to their registry's public page.
//
// The editor asks after every pause in typing. What a service names (its
// paths resolved, its image's page) is kept with the service's pair, offsets
// counted from its key, while the folders and variables it was resolved with
// stay the same: an edit of a large file reads the one service it changed,
// and only asks again whether each path exists (kept a few seconds).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Pair, type Scalar } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver';
import { isNamedVolumeSource } from '../model/serviceEntryNames';
import { interpolateText } from '../model/interpolation';
import { startOf } from '../model/blockNodes';
import { readable, type TextLike } from '../model/chunkedDocument';
import { outsideBlock } from '../model/blockTrees';
import { entries, getValue, rangeInScalar, scalarText, seqItems, type Range } from '../model/nodes';
import { pathToUri, uriToPath } from '../model/workspace';
import { familiarName, parseImageReference } from '../spec/imageReference';
import { registryPage } from './imageLinks';
import { toLspRange } from './occurrences';
import type { FeatureRequest } from './request';
import { Scope, scopeOf } from './scope';

type LinkRequest = Omit<FeatureRequest, 'offset'>;

interface PathLink {
  readonly range: Range;
  readonly target: string;
  readonly folder: boolean;
}

export function documentLinks(req: LinkRequest): DocumentLink[] {
  const { paths, images } = collectLinks(req);
  const files = paths.map((link) => ({
    range: toLspRange(req.doc, link.range),
    target: pathToUri(link.target),
    tooltip: `Open ${link.target}`,
  }));
  return [...files, ...images.map((image) => ({ range: toLspRange(req.doc, image.range), target: image.url, tooltip: image.tooltip }))];
}

interface ImageLink {
  readonly range: Range;
  readonly url: string;
  readonly tooltip: string;
}

/** `image: nginx:1.25` → Docker Hub's nginx page; after interpolation, and only for registries with public pages. */
function imageLink(req: LinkRequest, node: unknown, source: TextLike): ImageLink | undefined {
  let text = scalarText(node);
  if (!isScalar(node) || !text) return undefined;
  const written = text;
  if (text.includes('$')) {
    const result = interpolateText(text, req.project.lookup);
    if (result.missing.length > 0 || result.errors.length > 0) return undefined;
    text = result.text;
  }
  const ref = parseImageReference(text);
  const page = ref && registryPage(ref);
  if (!ref || !page) return undefined;
  return {
    range: rangeInScalar(node as Scalar, source, 0, written.length),
    url: page.url,
    tooltip: `Open ${familiarName({ ...ref, digest: undefined })} on ${page.registry}`,
  };
}

/** The file (not folder) linked at the cursor, as a URI: go to definition on a path opens it. */
export function fileLinkAt(req: FeatureRequest): string | undefined {
  const link = collectLinks(req, req.offset).paths.find((l) => !l.folder && req.offset >= l.range[0] && req.offset <= l.range[1]);
  return link && pathToUri(link.target);
}

/** A path a service names, resolved, with what it must be to be linked; offsets from the service's key. */
interface PathCandidate {
  readonly target: string;
  readonly want: 'file' | 'folder' | 'any';
  readonly start: number;
  readonly end: number;
}

/** What one service names: its paths (linked while they exist) and its image's page; offsets from its key. */
interface ServiceLinks {
  /** The folders and variables the paths were resolved with: when they change, the service is read again. */
  readonly context: string;
  readonly paths: readonly PathCandidate[];
  readonly image?: { readonly start: number; readonly end: number; readonly url: string; readonly tooltip: string };
}

/** Kept per service pair: an item block that is reused keeps its pair (incremental.ts), and so what it names. */
const serviceLinks = new WeakMap<Pair, ServiceLinks>();

/** `only`: only the links that may hold that offset are wanted (the services written elsewhere are passed without reading their trees: model/blockTrees.ts). */
function collectLinks(req: LinkRequest, only?: number): { paths: PathLink[]; images: ImageLink[] } {
  const file = uriToPath(req.doc.uri);
  const here = path.dirname(file);
  const base = baseDirectory(req, file);
  const source = readable(req.doc.text);
  const root = req.doc.yaml.contents;
  const links: PathLink[] = [];
  const images: ImageLink[] = [];

  const resolve = (written: string, from: string): string | undefined => {
    let text = written;
    if (text.includes('$')) {
      const result = interpolateText(text, req.project.lookup);
      if (result.missing.length > 0 || result.errors.length > 0) return undefined;
      text = result.text;
    }
    if (!text || /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('git@')) return undefined;
    if (text === '~' || text.startsWith('~/')) text = path.join(os.homedir(), text.slice(1));
    return path.resolve(from, text);
  };
  /** Links the path at [start, end) when it exists as `want`. */
  const linkIfThere = (target: string, want: PathCandidate['want'], start: number, end: number): void => {
    const kind = kindOf(req, target);
    if (!kind || (want !== 'any' && kind !== want)) return;
    links.push({ range: [start, end], target, folder: kind === 'folder' });
  };
  /** Adds `part` (a prefix of the scalar's value), resolved from `from`, to `out`; returns the resolved path. */
  const candidate = (out: PathCandidate[], origin: number, node: unknown, from: string, want: PathCandidate['want'], part?: string): string | undefined => {
    if (!isScalar(node)) return undefined;
    const text = part ?? scalarText(node);
    if (!text) return undefined;
    const target = resolve(text, from);
    if (!target) return undefined;
    const [start, end] = rangeInScalar(node as Scalar, source, 0, text.length);
    out.push({ target, want, start: start - origin, end: end - origin });
    return target;
  };
  /** What a service names, its offsets from `origin` (its key's start). */
  const readService = (service: unknown, origin: number, context: string): ServiceLinks => {
    const paths: PathCandidate[] = [];
    if (isMap(service)) {
      const build = getValue(service, 'build');
      if (isScalar(build)) candidate(paths, origin, build, base, 'folder');
      else if (isMap(build)) {
        const contextNode = getValue(build, 'context');
        const buildContext = resolve(scalarText(contextNode) ?? '.', base);
        if (contextNode) candidate(paths, origin, contextNode, base, 'folder');
        if (buildContext) candidate(paths, origin, getValue(build, 'dockerfile'), buildContext, 'file');
      }
      const envFile = getValue(service, 'env_file');
      for (const item of isSeq(envFile) ? envFile.items : [envFile]) candidate(paths, origin, isMap(item) ? getValue(item, 'path') : item, base, 'file');
      // `extends.file` is relative to the file that says it, not the project.
      candidate(paths, origin, getValue(getValue(service, 'extends'), 'file'), here, 'file');
      for (const volume of seqItems(getValue(service, 'volumes'))) {
        if (isMap(volume)) {
          if (scalarText(getValue(volume, 'type')) === 'bind') candidate(paths, origin, getValue(volume, 'source'), base, 'any');
          continue;
        }
        const host = hostPath(scalarText(volume));
        if (host) candidate(paths, origin, volume, base, 'any', host);
      }
    }
    const image = imageLink(req, getValue(service, 'image'), source);
    return { context, paths, image: image && { start: image.range[0] - origin, end: image.range[1] - origin, url: image.url, tooltip: image.tooltip } };
  };

  const context = `${base}\0${here}\0${req.project.variablesKey}`;
  for (const [, pair] of entries(getValue(root, 'services'))) {
    if (only !== undefined && outsideBlock(pair, only)) continue;
    const origin = isScalar(pair.key) ? startOf(pair.key) : undefined;
    let known = origin === undefined ? undefined : serviceLinks.get(pair);
    if (origin === undefined || !known || known.context !== context) {
      known = readService(pair.value, origin ?? 0, context);
      if (origin !== undefined) serviceLinks.set(pair, known);
    }
    const at = origin ?? 0;
    for (const c of known.paths) linkIfThere(c.target, c.want, c.start + at, c.end + at);
    if (known.image) images.push({ range: [known.image.start + at, known.image.end + at], url: known.image.url, tooltip: known.image.tooltip });
  }

  const rest: PathCandidate[] = [];
  for (const item of seqItems(getValue(root, 'include'))) {
    const paths = isMap(item) ? getValue(item, 'path') : item;
    for (const p of isSeq(paths) ? paths.items : [paths]) candidate(rest, 0, p, base, 'file');
  }
  for (const section of ['configs', 'secrets']) {
    for (const [, pair] of entries(getValue(root, section))) candidate(rest, 0, getValue(pair.value, 'file'), base, 'file');
  }
  for (const c of rest) linkIfThere(c.target, c.want, c.start, c.end);
  return { paths: links, images };
}

/** The host side of a short volume (`./src:/app`), when it is a path rather than a volume name. */
function hostPath(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const drive = /^[A-Za-z]:[\\/]/.test(text) ? 2 : 0;
  const colon = text.indexOf(':', drive);
  if (colon <= 0) return undefined;
  const source = text.slice(0, colon);
  return isNamedVolumeSource(source) ? undefined : source;
}

type PathKind = 'file' | 'folder' | undefined;

/**
 * What each path was, for a few seconds: the editor asks for links after every pause in typing, and a file
 * of thousands of services names thousands of paths (a `stat` each, ~35 ms at 5,000 services). A file
 * created or deleted meanwhile is linked or unlinked at the next request after that.
 */
const PATH_KIND_SECONDS = 3;
const pathKinds = new Map<string, { kind: PathKind; until: number }>();

function kindOf(req: LinkRequest, target: string): PathKind {
  if (req.workspace.isOpen(pathToUri(target))) return 'file';
  const now = Date.now();
  const known = pathKinds.get(target);
  if (known && known.until > now) return known.kind;
  if (pathKinds.size > 50_000) pathKinds.clear();
  const kind = statKind(target);
  pathKinds.set(target, { kind, until: now + PATH_KIND_SECONDS * 1000 });
  return kind;
}

function statKind(target: string): PathKind {
  try {
    // A missing path answers undefined rather than throwing: thousands of services naming files that are not
    // there (yet) cost an exception each, most of the request's time.
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    return stat?.isDirectory() ? 'folder' : stat?.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where Compose resolves this file's relative paths: the project directory
 * for the main file and its overrides; for an included file its own folder,
 * or the `project_directory` its `include` entry gives.
 */
function baseDirectory(req: LinkRequest, file: string): string {
  const scope = scopeOf(req.workspace, req.doc.uri, req.client.workspaceFolders);
  for (const other of scope.files.values()) {
    if (other.path === file) continue;
    for (const include of other.model.includes) {
      if (Scope.resolve(other.path, include.path) !== file) continue;
      return include.projectDirectory ? path.resolve(path.dirname(other.path), include.projectDirectory) : path.dirname(file);
    }
  }
  const role = req.project.file(req.doc.uri)?.role;
  return role === 'main' || role === 'override' ? req.project.directory : path.dirname(file);
}
