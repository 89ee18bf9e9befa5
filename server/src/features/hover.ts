// Hover: asks the model what is under the cursor, then explains it from the
// spec (keys) and the project (ports, services, networks, volumes, variables).
import type { Hover } from 'vscode-languageserver';
import type { Node } from 'yaml';
import type { FileModel, NameReference } from '../model/fileModel';
import { findVariables } from '../model/interpolation';
import { locate, type CursorContext, type PathSegment } from '../model/locate';
import type { Range } from '../model/nodes';
import { specAtPath } from '../spec/index';
import { keyBlocks } from './hover/keys';
import { toHover } from './hover/markup';
import { networkBlocks } from './hover/networks';
import { exposeBlocks, portBlocks } from './hover/ports';
import { serviceBlocks } from './hover/services';
import { addressBlocks } from './hover/addresses';
import { addressAt } from './addressAt';
import { variableBlocks } from './hover/variables';
import { mountBlocks, resourceBlocks } from './hover/volumes';
import { extendsServiceBlocks } from './hover/extends';
import { anchorHover } from './hover/anchors';
import { dockerfileBlocks } from './hover/dockerfile';
import { hostPathBlocks } from './hover/hostPaths';
import { dockerfileNameAt } from './serviceDockerfile';
import { effectivePath } from './completion/templates';
import type { FeatureRequest } from './request';
import { textBetween } from '../model/chunkedDocument';

export function hover(req: FeatureRequest): Hover | null {
  // `&name` and `*name` (also `<<: *name`): what the alias stands for, who uses the anchor.
  const anchor = anchorHover(req);
  if (anchor) return anchor;
  const ctx = locate(req.doc, req.offset);
  const r = ctx.scalar?.range;
  // An empty value (`key:` then a comment) has a zero-width scalar away from the cursor: nothing to explain there.
  const scalarRange = r && r[1] > r[0] && req.offset >= r[0] && req.offset <= r[1] ? ([r[0], r[1]] as Range) : undefined;
  if (!scalarRange && !ctx.onKey) return null;

  const variable = variableAt(req, ctx);
  if (variable) return toHover(req, variableBlocks(req, variable.use), variable.range);

  const path = ctx.path;
  const service = path[0] === 'services' && typeof path[1] === 'string' && path.length >= 4 ? path[1] : undefined;
  // Inside one entry of a service's ports / expose / volumes: explain that entry.
  if (service && typeof path[3] === 'number') {
    const entry = entryBlocks(req, service, path);
    if (entry) {
      const keyDoc = ctx.onKey && path.length > 4 ? keyHover(path) : [];
      return toHover(req, [...keyDoc, ...entry], scalarRange);
    }
  }

  // An address in an environment value that reaches a service by its name (`postgres://db:5432/app`).
  const address = addressAt(req, ctx);
  if (address) return toHover(req, [...addressBlocks(req.project, address), ...serviceBlocks(req.project, address.service, req.client.composeMajor)], address.whole);

  // A stage or ARG of the service's Dockerfile (`target: build`, an `args` key): its line there, then the key.
  const named = dockerfileNameAt(req, ctx);
  if (named) return toHover(req, [...dockerfileBlocks(req.project, named), ...keyHover(named.kind === 'stage' ? path : valueOwner(ctx.onKey ? path.slice(0, -1) : path))], named.range);

  // A path on the host (an env file, a build context...): where it is, and whether it is there.
  const hostPath = scalarRange && hostPathBlocks(req, ctx);
  if (hostPath) return toHover(req, [...hostPath, ...keyHover(valueOwner(path))], scalarRange);

  const reference = referenceAt(req.file, req.offset);
  if (reference) return toHover(req, nameBlocks(req, reference.kind, reference.name, reference), reference.range);

  // The key that defines a service, network, volume, config or secret.
  if (ctx.onKey && ctx.scalar && path.length === 2 && typeof path[1] === 'string' && path[1] !== '') {
    const blocks = definitionBlocks(req, path[0] as string, path[1]);
    if (blocks) return toHover(req, blocks, scalarRange);
  }

  // Keys in an `x-` template merged into a service (`<<: *defaults`) are that service's keys.
  const blocks = keyHover(effectivePath(req.doc, ctx.onKey ? path : valueOwner(path)));
  return blocks.length > 0 ? toHover(req, blocks, scalarRange) : null;
}

/** For a value, the key it belongs to (a list item belongs to its list's key). */
function valueOwner(path: readonly PathSegment[]): PathSegment[] {
  const owner = [...path];
  while (owner.length > 0 && typeof owner[owner.length - 1] === 'number') owner.pop();
  return owner;
}

function keyHover(path: readonly PathSegment[]): string[] {
  const name = path[path.length - 1];
  if (typeof name !== 'string' || name === '' || name.startsWith('x-')) return [];
  const spec = specAtPath(path);
  return spec ? keyBlocks(name, spec) : [];
}

function entryBlocks(req: FeatureRequest, service: string, path: readonly PathSegment[]): string[] | undefined {
  const item = req.doc.yaml.getIn(path.slice(0, 4), true) as Node | null | undefined;
  switch (path[2]) {
    case 'ports':
      return portBlocks(req.project, service, item, req.images?.forService(req.project, req.workspace, service));
    case 'expose':
      return exposeBlocks(req.project, service, item);
    case 'volumes':
      return mountBlocks(req.project, req.workspace, req.doc.uri, service, item);
  }
  return undefined;
}

function definitionBlocks(req: FeatureRequest, section: string, name: string): string[] | undefined {
  switch (section) {
    case 'services':
      return serviceBlocks(req.project, name, req.client.composeMajor);
    case 'networks':
      return networkBlocks(req.project, name);
    case 'volumes':
    case 'configs':
    case 'secrets':
      return resourceBlocks(req.project, section, name);
  }
  return undefined;
}

function nameBlocks(req: FeatureRequest, kind: NameReference['kind'], name: string, ref: NameReference): string[] {
  switch (kind) {
    case 'service':
      return ref.file ? extendsServiceBlocks(req, ref.file, name) : serviceBlocks(req.project, name, req.client.composeMajor);
    case 'network':
      return networkBlocks(req.project, name);
    case 'volume':
      return resourceBlocks(req.project, 'volumes', name);
    case 'config':
      return resourceBlocks(req.project, 'configs', name);
    case 'secret':
      return resourceBlocks(req.project, 'secrets', name);
  }
}

// ------------------------------------------------------------ lookups by offset

const sortedReferences = new WeakMap<FileModel, NameReference[]>();

/** The reference whose name range holds `offset`: a binary search over the file's references, sorted once per version. */
export function referenceAt(file: FileModel, offset: number): NameReference | undefined {
  let refs = sortedReferences.get(file);
  if (!refs) {
    // With the names `x-` templates write: a hover there tells of the same volume, network or service.
    refs = [...file.references, ...file.templateReferences].sort((a, b) => a.range[0] - b.range[0]);
    sortedReferences.set(file, refs);
  }
  let low = 0;
  let high = refs.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (refs[mid].range[0] <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  // Several references may start at the same offset (a name used twice in one scalar is rare): look back a little.
  for (let i = found; i >= 0 && i >= found - 3; i--) {
    const ref = refs[i];
    if (offset >= ref.range[0] && offset <= ref.range[1]) return ref;
  }
  return undefined;
}

function variableAt(req: FeatureRequest, ctx: CursorContext): { use: ReturnType<typeof findVariables>[number]; range: Range } | undefined {
  const scalar = ctx.scalar;
  if (!scalar?.range) return undefined;
  const start = scalar.range[0];
  const raw = textBetween(req.doc.text, start, scalar.range[1]);
  if (!raw.includes('$')) return undefined;
  const within = req.offset - start;
  // The innermost use under the cursor (defaults may hold variables of their own).
  let best: ReturnType<typeof findVariables>[number] | undefined;
  for (const use of findVariables(raw)) {
    if (use.name && within >= use.start && within <= use.end && (!best || use.end - use.start <= best.end - best.start)) best = use;
  }
  return best ? { use: best, range: [start + best.start, start + best.end] } : undefined;
}
