// One Compose file as a model: the names it defines (services, networks,
// volumes, configs, secrets) and every place it uses one, with ranges.
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { keyText } from './locate';
import { startOf, valueEndOf } from './blockNodes';
import type { ComposeDocument } from './document';
import type { ParsedBlock } from './parsedBlock';
import { entries, getValue, nodeRange, rangeInScalar, scalarText, seqItems, type Range } from './nodes';
import { serviceNetworksOf, type ServiceNetworks } from './serviceNetworks';
import { serviceEngineAsksOf, type ServiceEngineAsk } from './serviceEngineAsks';

export type NameKind = 'service' | 'network' | 'volume' | 'config' | 'secret';

/** The top-level section that defines each kind of name: the one home of this map. */
export const SECTION_OF = {
  service: 'services',
  network: 'networks',
  volume: 'volumes',
  config: 'configs',
  secret: 'secrets',
} as const satisfies Record<NameKind, string>;

export type SectionName = (typeof SECTION_OF)[NameKind];

/** The kind of name each top-level section defines. */
export const KIND_OF_SECTION = Object.fromEntries(Object.entries(SECTION_OF).map(([kind, section]) => [section, kind])) as Readonly<Record<SectionName, NameKind>>;

/** The kind of name a top-level key defines, if it is one of the sections. */
export function kindOfSection(key: string): NameKind | undefined {
  return Object.prototype.hasOwnProperty.call(KIND_OF_SECTION, key) ? KIND_OF_SECTION[key as SectionName] : undefined;
}

export interface NameDefinition {
  readonly kind: NameKind;
  readonly name: string;
  readonly uri: string;
  /** The key's range under its top-level section. */
  readonly range: Range;
  readonly key: Scalar;
  readonly value: Node | null;
  /** For a service: the networks its body joins, read with the block (a block's tree is read again only when asked). */
  readonly networks?: ServiceNetworks;
  /** For a service: what its body asks of the engine (CPUs, a runtime, a logging driver), read with the block; undefined when nothing. */
  readonly engineAsks?: readonly ServiceEngineAsk[];
}

/** Where a name is used; `via` says by which key, for messages and hover. */
export interface NameReference {
  readonly kind: NameKind;
  readonly name: string;
  readonly uri: string;
  /** The name itself, inside its scalar (`db` of `db:alias`). */
  readonly range: Range;
  readonly via: string;
  /** The service whose definition holds the reference. */
  readonly fromService: string;
  /** For `extends` with `file:`: the other file, as written. */
  readonly file?: string;
}

export interface AnchorUse {
  readonly name: string;
  readonly range: Range;
  readonly isDefinition: boolean;
}

export interface FileModel {
  readonly doc: ComposeDocument;
  readonly definitions: readonly NameDefinition[];
  readonly references: readonly NameReference[];
  /**
   * Names written in `x-` templates (an `x-` section's mapping, and the anchored mappings in one), which services
   * take through `<<` merges: where a rename must change them too. For navigation only; the rules judge such a
   * name in each service a merge brings it to (diagnostics/rules/mergedReferences.ts). `fromService` is the section.
   */
  readonly templateReferences: readonly NameReference[];
  readonly anchors: readonly AnchorUse[];
  /** The top-level `name:`, if written. */
  readonly projectName?: string;
  /** `include` entries: paths as written, with their ranges. */
  readonly includes: readonly { path: string; range: Range; projectDirectory?: string; envFiles: string[] }[];
  /** Services in the old v1 layout (services at the top level, no `services:`). */
  readonly legacyLayout: boolean;
}

export function buildFileModel(doc: ComposeDocument): FileModel {
  if (doc.blocks) return assembleFileModel(doc, doc.blocks);
  const source = doc.text.getText();
  const root = doc.yaml.contents;
  const pieces = sectionPieces(doc.uri, source, isMap(root) ? (root.items as Pair[]) : []);
  return {
    ...topLevel(doc),
    definitions: pieces.definitions,
    references: pieces.references,
    templateReferences: pieces.templateReferences,
    anchors: collectAnchors([doc.yaml], source),
  };
}

/** What a block of the file contributes to its model: the same records as the whole file's, for its pairs only. */
export interface ModelPieces {
  readonly definitions: readonly NameDefinition[];
  readonly references: readonly NameReference[];
  readonly templateReferences: readonly NameReference[];
  readonly anchors: readonly AnchorUse[];
}

/**
 * Definitions and references of top-level pairs. `section` says which section
 * the pairs are items of (an incrementally parsed block holds one item);
 * without it, the pairs are top-level sections themselves.
 */
export function sectionPieces(uri: string, source: string, pairs: readonly Pair[], section?: string): Omit<ModelPieces, 'anchors'> {
  const definitions: NameDefinition[] = [];
  const references: NameReference[] = [];
  let templateReferences: NameReference[] = NO_REFERENCES;
  // Runs for each of thousands of blocks on an open: pairs are read where they are (no lists of entries, no generators).
  if (section !== undefined) {
    const kind = kindOfSection(section);
    if (kind) for (const pair of pairs) definePair(kind, keyText(pair.key), pair, uri, source, definitions, references);
    else if (section.startsWith('x-')) {
      templateReferences = [];
      // An entry of the section: only its anchored mappings are bodies a merge may bring.
      for (const pair of pairs) collectTemplateReferences(section, pair.value, uri, source, templateReferences, 1);
    }
  } else {
    const seen = new Set<string>();
    for (const sectionPair of pairs) {
      const key = keyText(sectionPair.key);
      // A section written twice: Compose refuses the file (duplicate-key); names come from the first, as a lookup finds it.
      if (seen.has(key)) continue;
      seen.add(key);
      if (key.startsWith('x-')) {
        if (templateReferences === NO_REFERENCES) templateReferences = [];
        collectTemplateReferences(key, sectionPair.value, uri, source, templateReferences);
        continue;
      }
      const kind = kindOfSection(key);
      if (!kind) continue;
      if (isMap(sectionPair.value)) for (const pair of sectionPair.value.items as Pair[]) definePair(kind, keyText(pair.key), pair, uri, source, definitions, references);
    }
  }
  // Kind by kind, services first, whatever order the sections are written in.
  if (definitions.length > 1) definitions.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  return { definitions, references, templateReferences: templateReferences.length === 0 ? NO_REFERENCES : templateReferences };
}

const NO_REFERENCES: NameReference[] = [];

/** The deepest a template's anchored mappings are looked for (`x-templates: {base: &base {...}}` is one down). */
const TEMPLATE_DEPTH = 3;

/**
 * The names an `x-` template writes as a service body would (`volumes: [data:/data]`, `depends_on: [db]`): the
 * section's mapping itself, and any anchored mapping inside it, each a body a `<<` merge may bring into a service.
 */
function collectTemplateReferences(section: string, node: unknown, uri: string, source: string, out: NameReference[], depth = 0): void {
  if (!isMap(node)) return;
  if (depth === 0 || node.anchor) collectServiceReferences(section, node, uri, source, out);
  if (depth >= TEMPLATE_DEPTH) return;
  for (const pair of node.items) if (isMap(pair.value)) collectTemplateReferences(section, pair.value, uri, source, out, depth + 1);
}

/** The name one item of a section defines (`name: {...}`), and for a service the names its body uses. */
function definePair(kind: NameKind, name: string, pair: Pair, uri: string, source: string, definitions: NameDefinition[], references: NameReference[]): void {
  if (!isScalar(pair.key) || (name.startsWith('x-') && kind !== 'service')) return;
  const start = startOf(pair.key);
  if (start === undefined) return;
  const service = kind === 'service';
  definitions.push(new PairDefinition(kind, name, uri, [start, valueEndOf(pair.key)!], pair.key, pair, service ? serviceNetworksOf(pair.value) : undefined, service ? serviceEngineAsksOf(pair.value) : undefined));
  if (kind === 'service') collectServiceReferences(name, pair.value, uri, source, references);
}

/**
 * A definition whose value is its pair's, read when asked: a block's pair may drop its value between
 * reads and read it again (model/blockTrees.ts), and a definition holding the value would keep it.
 * Thousands per file: a class, so that each holds its fields in place and `value` is one getter on the
 * prototype.
 */
class PairDefinition implements NameDefinition {
  constructor(
    readonly kind: NameKind,
    readonly name: string,
    readonly uri: string,
    readonly range: Range,
    readonly key: Scalar,
    private readonly pair: Pair,
    readonly networks: ServiceNetworks | undefined,
    readonly engineAsks: readonly ServiceEngineAsk[] | undefined,
  ) {}

  get value(): Node | null {
    return this.pair.value as Node | null;
  }
}

/** The references written in each definition's body, for definitions that came from a block (kept with the block's pieces). */
const referencesInBody = new WeakMap<NameDefinition, readonly NameReference[]>();
const piecesSeen = new WeakSet<ModelPieces>();

/**
 * The references written in a service definition's body, when it came from an incrementally parsed block
 * (a lookup, not a walk of the file's references); undefined otherwise.
 */
export function referencesInDefinition(def: NameDefinition): readonly NameReference[] | undefined {
  return referencesInBody.get(def);
}

function rememberReferences(pieces: ModelPieces): void {
  if (piecesSeen.has(pieces)) return;
  piecesSeen.add(pieces);
  for (const def of pieces.definitions) {
    const body = (def.value as Node | null)?.range;
    // A service written twice in one block (a section that is not cut into items): each definition has its own body.
    const own = pieces.references.filter((r) => r.fromService === def.name && (!body || (r.range[0] >= body[0] && r.range[0] <= body[2])));
    // A block of one service (every item block) owns all its references: its list is kept once, not copied per definition.
    referencesInBody.set(def, own.length === pieces.references.length ? pieces.references : own);
  }
}

/** A file model from the pieces of its blocks (in document order), as buildFileModel would make it from the whole tree. */
/**
 * A new model for every version of an open document: its lists are counted
 * first and filled to their exact length (grown by pushing, a list of tens of
 * thousands of references left a trail of larger and larger copies on every
 * edit, and kept spare room).
 */
function assembleFileModel(doc: ComposeDocument, blocks: readonly ParsedBlock[]): FileModel {
  const perKind = KINDS.map(() => 0);
  let referenceCount = 0;
  let anchorCount = 0;
  // A top-level key written twice: names come from the first (as sectionPieces reads a whole parse).
  const names = (block: ParsedBlock) => !doc.shadowed?.has(block);
  for (let b = 0; b < blocks.length; b++) {
    const pieces = blocks[b]!.pieces;
    anchorCount += pieces.anchors.length;
    if (!names(blocks[b]!)) continue;
    rememberReferences(pieces);
    for (let i = 0; i < pieces.definitions.length; i++) perKind[KIND_INDEX.get(pieces.definitions[i]!.kind)!]!++;
    referenceCount += pieces.references.length;
  }
  // Definitions come kind by kind (services first), as the whole-file walk lists them.
  const next = KINDS.map(() => 0);
  for (let k = 1; k < KINDS.length; k++) next[k] = next[k - 1]! + perKind[k - 1]!;
  const definitions = new Array<NameDefinition>(next[KINDS.length - 1]! + perKind[KINDS.length - 1]!);
  const references = new Array<NameReference>(referenceCount);
  const anchors = new Array<AnchorUse>(anchorCount);
  let r = 0;
  let a = 0;
  for (let b = 0; b < blocks.length; b++) {
    const pieces = blocks[b]!.pieces;
    for (let i = 0; i < pieces.anchors.length; i++) anchors[a++] = pieces.anchors[i]!;
    if (!names(blocks[b]!)) continue;
    for (let i = 0; i < pieces.definitions.length; i++) {
      const def = pieces.definitions[i]!;
      definitions[next[KIND_INDEX.get(def.kind)!]!++] = def;
    }
    for (let i = 0; i < pieces.references.length; i++) references[r++] = pieces.references[i]!;
  }
  // A few blocks at most (the `x-` sections): most files have none.
  let templateReferences: NameReference[] = NO_REFERENCES;
  for (const block of blocks) if (block.pieces.templateReferences.length > 0 && names(block)) templateReferences = [...templateReferences, ...block.pieces.templateReferences];
  return { ...topLevel(doc), definitions, references, templateReferences, anchors };
}

function topLevel(doc: ComposeDocument): Pick<FileModel, 'doc' | 'projectName' | 'includes' | 'legacyLayout'> {
  const root = doc.yaml.contents;
  return {
    doc,
    projectName: scalarText(getValue(root, 'name')),
    includes: collectIncludes(getValue(root, 'include')),
    legacyLayout: isLegacyLayout(root),
  };
}

const KINDS = Object.keys(SECTION_OF) as NameKind[];
const KIND_INDEX = new Map(KINDS.map((kind, index) => [kind, index]));

type Sink = NameReference[];

function collectServiceReferences(service: string, body: unknown, uri: string, source: string, out: Sink): void {
  if (!isMap(body)) return;
  const add: ReferenceSink = (kind, scalar, name, at, via, file) => {
    if (!name || name.includes('${')) return;
    out.push({ kind, name, uri, range: rangeInScalar(scalar, source, at, name.length), via, fromService: service, file });
  };
  for (const pair of body.items) referencesInServiceEntry(keyText(pair.key), pair.value, add);
}

/** Where a reference found in a service entry is recorded: the scalar that names it, and the name's offset in it. */
export type ReferenceSink = (kind: NameKind, scalar: Scalar, name: string, at: number, via: string, file?: string) => void;

/**
 * The names one entry of a service body uses (`depends_on`, `volumes`, `secrets`...), for the entry as written
 * or as a `<<` merge brings it (rules/mergedReferences.ts): Compose merges first, so both name the same things.
 */
export function referencesInServiceEntry(key: string, value: unknown, add: ReferenceSink): void {
  switch (key) {
    case 'depends_on':
      namesIn(value, 'service', key, add);
      break;
    case 'links':
      for (const item of seqItems(value)) {
        const text = scalarText(item);
        if (text !== undefined) add('service', item as Scalar, text.split(':')[0], 0, key);
      }
      break;
    case 'extends': {
      const target = isScalar(value) ? value : getValue(value, 'service');
      const text = scalarText(target);
      if (text !== undefined) add('service', target as Scalar, text, 0, key, scalarText(getValue(value, 'file')));
      break;
    }
    case 'network_mode':
    case 'ipc':
    case 'pid': {
      const text = scalarText(value);
      if (text?.startsWith('service:')) add('service', value as Scalar, text.slice(8), 8, key);
      break;
    }
    case 'volumes_from':
      for (const item of seqItems(value)) {
        const text = scalarText(item);
        if (text === undefined || text.startsWith('container:')) continue;
        const name = text.startsWith('service:') ? text.slice(8).split(':')[0] : text.split(':')[0];
        add('service', item as Scalar, name, text.startsWith('service:') ? 8 : 0, key);
      }
      break;
    case 'networks':
      namesIn(value, 'network', key, add);
      break;
    case 'volumes':
      for (const item of seqItems(value)) collectVolumeReference(item, add);
      break;
    case 'secrets':
    case 'configs': {
      const kind: NameKind = key === 'secrets' ? 'secret' : 'config';
      for (const item of seqItems(value)) {
        const target = isMap(item) ? getValue(item, 'source') : item;
        const text = scalarText(target);
        if (text !== undefined) add(kind, target as Scalar, text, 0, key);
      }
      break;
    }
    case 'build': {
      // `additional_contexts: { base: service:base }` builds on another service's image.
      const contexts = getValue(value, 'additional_contexts');
      for (const [, ctx] of entries(contexts)) {
        const text = scalarText(ctx.value);
        if (text?.startsWith('service:')) add('service', ctx.value as Scalar, text.slice(8), 8, 'build.additional_contexts');
      }
      // The list form: `- base=service:base`.
      for (const item of seqItems(contexts)) {
        const text = scalarText(item);
        const at = text ? text.indexOf('=service:') : -1;
        if (text && at > 0) add('service', item as Scalar, text.slice(at + 9), at + 9, 'build.additional_contexts');
      }
      // The secrets a build may read (`secrets: [token]` or `- source: token`), from the top-level `secrets`.
      for (const item of seqItems(getValue(value, 'secrets'))) {
        const target = isMap(item) ? getValue(item, 'source') : item;
        const text = scalarText(target);
        if (text !== undefined) add('secret', target as Scalar, text, 0, 'build.secrets');
      }
      break;
    }
  }
}

/** The names a list (`- db`) or a mapping (`db: {...}`) holds: both forms name things. */
function namesIn(node: unknown, kind: NameKind, via: string, add: ReferenceSink): void {
  for (const item of seqItems(node)) {
    const text = scalarText(item);
    if (text !== undefined) add(kind, item as Scalar, text, 0, via);
  }
  if (isMap(node)) for (const pair of node.items) if (isScalar(pair.key)) add(kind, pair.key, keyText(pair.key), 0, via);
}

/** True when a volume source names a named volume rather than a host path. */
export function isNamedVolumeSource(source: string): boolean {
  return !/^[./~]/.test(source) && !/^[A-Za-z]:[\\/]/.test(source) && !source.startsWith('\\') && !source.includes('/');
}

function collectVolumeReference(item: unknown, add: ReferenceSink): void {
  if (isMap(item)) {
    const type = scalarText(getValue(item, 'type')) ?? 'volume';
    const source = getValue(item, 'source');
    const text = scalarText(source);
    if (type === 'volume' && text && isNamedVolumeSource(text)) add('volume', source as Scalar, text, 0, 'volumes');
    return;
  }
  const text = scalarText(item);
  if (!text) return;
  // `C:\data:/data`, `C:\a:C:\b`: the colon after a Windows drive letter belongs to a host path, a bind mount.
  if (/^[A-Za-z]:[\\/]/.test(text)) return;
  const colon = text.indexOf(':');
  if (colon <= 0) return; // a lone path is an anonymous volume
  const source = text.slice(0, colon);
  if (isNamedVolumeSource(source)) add('volume', item as Scalar, source, 0, 'volumes');
}

/** Anchors defined and aliases used under `roots` (a document, or the key and value of one block's pair), in document order. */
export function collectAnchors(roots: readonly (Document | Node | null | undefined)[], source: string): AnchorUse[] {
  const uses: AnchorUse[] = [];
  for (const root of roots) if (root) visit(root, (_key, node) => {
    // A half-typed pair (`key:` with nothing parsed yet) visits as null.
    const use = node ? anchorUseOf(node as Node, source) : undefined;
    if (use) uses.push(use);
  });
  return uses;
}

/** The anchor a node defines or the alias it is, with the name's range; undefined for any other node. */
export function anchorUseOf(node: Node, source: string): AnchorUse | undefined {
  const start = startOf(node);
  if (start === undefined) return undefined;
  if (isAlias(node)) return { name: node.source, range: [start + 1, start + 1 + node.source.length], isDefinition: false };
  const name = (node as { anchor?: string }).anchor;
  if (!name) return undefined;
  // The `&name` token sits just before the node (possibly on the line above).
  const at = source.lastIndexOf(`&${name}`, start);
  return at >= 0 ? { name, range: [at + 1, at + 1 + name.length], isDefinition: true } : undefined;
}

function collectIncludes(node: unknown): FileModel['includes'] {
  const result: { path: string; range: Range; projectDirectory?: string; envFiles: string[] }[] = [];
  for (const item of seqItems(node)) {
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text) result.push({ path: text, range: nodeRange(item)!, envFiles: [] });
      continue;
    }
    const paths = getValue(item, 'path');
    const envFile = getValue(item, 'env_file');
    const envFiles = isSeq(envFile) ? envFile.items.map(scalarText).filter((s): s is string => !!s) : [scalarText(envFile)].filter((s): s is string => !!s);
    const projectDirectory = scalarText(getValue(item, 'project_directory'));
    const list = isSeq(paths) ? paths.items : [paths];
    for (const p of list) {
      const text = scalarText(p);
      if (text) result.push({ path: text, range: nodeRange(p)!, projectDirectory, envFiles });
    }
  }
  return result;
}

const TOP_LEVEL = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'configs', 'secrets', 'models']);

/** The v1 layout puts services at the top level: mappings with `image` or `build` and no known section around them. */
function isLegacyLayout(root: unknown): boolean {
  if (!isMap(root) || root.items.length === 0) return false;
  let serviceLike = 0;
  for (const [key, pair] of entries(root)) {
    if (TOP_LEVEL.has(key) || key.startsWith('x-')) return false;
    if (isMap(pair.value) && (getValue(pair.value, 'image') !== undefined || getValue(pair.value, 'build') !== undefined)) serviceLike++;
  }
  return serviceLike > 0;
}
