// Document links: the files and folders a Compose file names (build context
// and Dockerfile, env_file, extends.file, include, config/secret `file`,
// bind-mount host paths), resolved the way Compose resolves them, linked only
// when they exist so a click never opens an empty editor; and `image:` values
// to their registry's public page.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver';
import { isNamedVolumeSource } from '../model/fileModel';
import { interpolateText } from '../model/interpolation';
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
  const files = collectLinks(req).map((link) => ({
    range: toLspRange(req.doc, link.range),
    target: pathToUri(link.target),
    tooltip: `Open ${link.target}`,
  }));
  return [...files, ...imageLinks(req)];
}

/** `image: nginx:1.25` → Docker Hub's nginx page; after interpolation, and only for registries with public pages. */
function imageLinks(req: LinkRequest): DocumentLink[] {
  const links: DocumentLink[] = [];
  const source = req.doc.text.getText();
  for (const [, pair] of entries(getValue(req.doc.yaml.contents, 'services'))) {
    const node = getValue(pair.value, 'image');
    let text = scalarText(node);
    if (!isScalar(node) || !text) continue;
    const written = text;
    if (text.includes('$')) {
      const result = interpolateText(text, req.project.lookup);
      if (result.missing.length > 0 || result.errors.length > 0) continue;
      text = result.text;
    }
    const ref = parseImageReference(text);
    const page = ref && registryPage(ref);
    if (!ref || !page) continue;
    links.push({
      range: toLspRange(req.doc, rangeInScalar(node as Scalar, source, 0, written.length)),
      target: page.url,
      tooltip: `Open ${familiarName({ ...ref, digest: undefined })} on ${page.registry}`,
    });
  }
  return links;
}

/** The file (not folder) linked at the cursor, as a URI: go to definition on a path opens it. */
export function fileLinkAt(req: FeatureRequest): string | undefined {
  const link = collectLinks(req).find((l) => !l.folder && req.offset >= l.range[0] && req.offset <= l.range[1]);
  return link && pathToUri(link.target);
}

function collectLinks(req: LinkRequest): PathLink[] {
  const file = uriToPath(req.doc.uri);
  const here = path.dirname(file);
  const base = baseDirectory(req, file);
  const source = req.doc.text.getText();
  const root = req.doc.yaml.contents;
  const links: PathLink[] = [];

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
  /** Links `part` (a prefix of the scalar's value) when it resolves to something that exists. */
  const link = (node: unknown, from: string, want: 'file' | 'folder' | 'any', part?: string): string | undefined => {
    if (!isScalar(node)) return undefined;
    const text = part ?? scalarText(node);
    if (!text) return undefined;
    const target = resolve(text, from);
    const kind = target ? kindOf(req, target) : undefined;
    if (!target || !kind || (want !== 'any' && kind !== want)) return undefined;
    links.push({ range: rangeInScalar(node as Scalar, source, 0, text.length), target, folder: kind === 'folder' });
    return target;
  };

  for (const [, pair] of entries(getValue(root, 'services'))) {
    const service = pair.value;
    if (!isMap(service)) continue;
    const build = getValue(service, 'build');
    if (isScalar(build)) link(build, base, 'folder');
    else if (isMap(build)) {
      const contextNode = getValue(build, 'context');
      const contextText = scalarText(contextNode) ?? '.';
      const context = resolve(contextText, base);
      if (contextNode) link(contextNode, base, 'folder');
      if (context) link(getValue(build, 'dockerfile'), context, 'file');
    }
    const envFile = getValue(service, 'env_file');
    for (const item of isSeq(envFile) ? envFile.items : [envFile]) link(isMap(item) ? getValue(item, 'path') : item, base, 'file');
    // `extends.file` is relative to the file that says it, not the project.
    link(getValue(getValue(service, 'extends'), 'file'), here, 'file');
    for (const volume of seqItems(getValue(service, 'volumes'))) {
      if (isMap(volume)) {
        if (scalarText(getValue(volume, 'type')) === 'bind') link(getValue(volume, 'source'), base, 'any');
        continue;
      }
      const host = hostPath(scalarText(volume));
      if (host) link(volume, base, 'any', host);
    }
  }

  for (const item of seqItems(getValue(root, 'include'))) {
    const paths = isMap(item) ? getValue(item, 'path') : item;
    for (const p of isSeq(paths) ? paths.items : [paths]) link(p, base, 'file');
  }

  for (const section of ['configs', 'secrets']) {
    for (const [, pair] of entries(getValue(root, section))) link(getValue(pair.value, 'file'), base, 'file');
  }
  return links;
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
