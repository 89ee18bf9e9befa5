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
import { ENTRIES_WITH_NAMES, referencesInServiceEntry, type ReferenceSink } from './serviceEntryNames';
import type { TextLike } from './chunkedDocument';
import { anchorNodeBefore } from '../diagnostics/specWalk';

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
  /** For a service: whether an entry of its body takes an anchor's value whole (`volumes: *mounts`, `ports: *ports`), read with the block. */
  readonly takesAliases?: boolean;
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
  /**
   * For a name a `<<` merge or an entry taken whole through an alias brings (`range` is then the merge's alias
   * or the entry's): which of the two, the anchor's name, and where the name is written.
   */
  readonly through?: { readonly merged: boolean; readonly anchor: string; readonly written: Range };
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
   * take through `<<` merges, and in anchored values of an `x-` section that a service entry takes whole
   * (`volumes: *vols`, `x-vols: &vols [data:/data]`): where a rename must change them too. For navigation only;
   * the rules judge such a name in each service it reaches (diagnostics/rules/mergedReferences.ts and the
   * undefined-name rules). `fromService` is the section.
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
  const sections = isMap(root) ? (root.items as Pair[]) : [];
  // The top-level key whose value holds `offset`, and the whole text to read a scalar's quotes in.
  const holder = (offset: number): TemplateHolder | undefined => {
    const pair = sections.find((p) => {
      const r = (p.value as Node | null)?.range;
      return !!r && offset >= r[0] && offset < r[2];
    });
    return pair ? { section: keyText(pair.key), source } : undefined;
  };
  const aliased = pieces.aliasedEntries.length === 0 ? NO_REFERENCES : referencesThroughAliases(doc, pieces.aliasedEntries, holder, pieces.templateReferences);
  return {
    ...topLevel(doc),
    definitions: pieces.definitions,
    references: pieces.references,
    templateReferences: aliased.length === 0 ? pieces.templateReferences : [...pieces.templateReferences, ...aliased],
    anchors: collectAnchors([doc.yaml], source),
  };
}

/** What a block of the file contributes to its model: the same records as the whole file's, for its pairs only. */
export interface ModelPieces {
  readonly definitions: readonly NameDefinition[];
  readonly references: readonly NameReference[];
  readonly templateReferences: readonly NameReference[];
  readonly aliasedEntries: readonly AliasedEntry[];
  readonly anchors: readonly AnchorUse[];
}

/**
 * An entry of a service body (or of a template) whose whole value is an alias, at a key that names things
 * (`volumes: *vols`): which anchored value it takes is known only once the whole file is read.
 */
export interface AliasedEntry {
  readonly key: string;
  readonly anchor: string;
  /** The name after the `*`. */
  readonly range: Range;
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
  const aliasedEntries: AliasedEntry[] = [];
  // Runs for each of thousands of blocks on an open: pairs are read where they are (no lists of entries, no generators).
  if (section !== undefined) {
    const kind = kindOfSection(section);
    if (kind) for (const pair of pairs) definePair(kind, keyText(pair.key), pair, uri, source, definitions, references, aliasedEntries);
    else if (section.startsWith('x-')) {
      templateReferences = [];
      // An entry of the section: only its anchored mappings are bodies a merge may bring.
      for (const pair of pairs) collectTemplateReferences(section, pair.value, uri, source, templateReferences, aliasedEntries, 1);
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
        collectTemplateReferences(key, sectionPair.value, uri, source, templateReferences, aliasedEntries);
        continue;
      }
      const kind = kindOfSection(key);
      if (!kind) continue;
      if (isMap(sectionPair.value)) for (const pair of sectionPair.value.items as Pair[]) definePair(kind, keyText(pair.key), pair, uri, source, definitions, references, aliasedEntries);
    }
  }
  // Kind by kind, services first, whatever order the sections are written in.
  if (definitions.length > 1) definitions.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  return {
    definitions,
    references,
    templateReferences: templateReferences.length === 0 ? NO_REFERENCES : templateReferences,
    aliasedEntries: aliasedEntries.length === 0 ? NO_ALIASED_ENTRIES : aliasedEntries,
  };
}

const NO_REFERENCES: NameReference[] = [];
export const NO_ALIASED_ENTRIES: readonly AliasedEntry[] = [];

/** The deepest a template's anchored mappings are looked for (`x-templates: {base: &base {...}}` is one down). */
const TEMPLATE_DEPTH = 3;

/**
 * The names an `x-` template writes as a service body would (`volumes: [data:/data]`, `depends_on: [db]`): the
 * section's mapping itself, and any anchored mapping inside it, each a body a `<<` merge may bring into a service.
 */
function collectTemplateReferences(section: string, node: unknown, uri: string, source: string, out: NameReference[], aliased: AliasedEntry[], depth = 0): void {
  if (!isMap(node)) return;
  if (depth === 0 || node.anchor) collectServiceReferences(section, node, uri, source, out, aliased);
  if (depth >= TEMPLATE_DEPTH) return;
  for (const pair of node.items) if (isMap(pair.value)) collectTemplateReferences(section, pair.value, uri, source, out, aliased, depth + 1);
}

/** The name one item of a section defines (`name: {...}`), and for a service the names its body uses. */
function definePair(kind: NameKind, name: string, pair: Pair, uri: string, source: string, definitions: NameDefinition[], references: NameReference[], aliased: AliasedEntry[]): void {
  if (!isScalar(pair.key) || (name.startsWith('x-') && kind !== 'service')) return;
  const start = startOf(pair.key);
  if (start === undefined) return;
  const service = kind === 'service';
  const takesAliases = service && collectServiceReferences(name, pair.value, uri, source, references, aliased);
  definitions.push(new PairDefinition(kind, name, uri, [start, valueEndOf(pair.key)!], pair.key, pair, service ? serviceNetworksOf(pair.value) : undefined, service ? serviceEngineAsksOf(pair.value) : undefined, takesAliases));
}

/** An entry whose value is an alias (`ports: *ports`), not a merge. */
export function takesAliasWhole(pair: { key: unknown; value: unknown }): boolean {
  return isAlias(pair.value) && keyText(pair.key) !== '<<';
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
    readonly takesAliases: boolean,
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
  let aliased: AliasedEntry[] | undefined;
  for (const block of blocks) {
    if (!names(block)) continue;
    if (block.pieces.templateReferences.length > 0) templateReferences = [...templateReferences, ...block.pieces.templateReferences];
    if (block.pieces.aliasedEntries.length > 0) (aliased ??= []).push(...block.pieces.aliasedEntries);
  }
  if (aliased) {
    const more = referencesThroughAliases(doc, aliased, (offset) => blockHolder(blocks, offset), templateReferences);
    if (more.length > 0) templateReferences = [...templateReferences, ...more];
  }
  return { ...topLevel(doc), definitions, references, templateReferences, anchors };
}

/** The block that holds `offset`: its section, and its text read at the document's offsets. */
function blockHolder(blocks: readonly ParsedBlock[], offset: number): TemplateHolder | undefined {
  let low = 0;
  let high = blocks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const block = blocks[mid]!;
    if (offset < block.offset) high = mid - 1;
    else if (offset >= block.offset + block.text.length) low = mid + 1;
    else {
      const at = block.offset;
      const section = block.role === 'item' ? block.section : keyText(block.pair.key);
      return { section: section ?? '', source: { charAt: (i: number) => block.text.charAt(i - at), slice: (from: number, to?: number) => block.text.slice(from - at, to === undefined ? undefined : to - at) } };
    }
  }
  return undefined;
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

/** Also says whether an entry of the body takes an anchor's value whole (`takesAliasWhole`). */
function collectServiceReferences(service: string, body: unknown, uri: string, source: string, out: Sink, aliased: AliasedEntry[]): boolean {
  if (!isMap(body)) return false;
  const add: ReferenceSink = (kind, scalar, name, at, via, file) => {
    if (!name || name.includes('${')) return;
    out.push({ kind, name, uri, range: rangeInScalar(scalar, source, at, name.length), via, fromService: service, file });
  };
  let takesAliases = false;
  for (const pair of body.items) {
    const key = keyText(pair.key);
    if (isAlias(pair.value)) {
      takesAliases ||= key !== '<<';
      // `volumes: *vols`: what it names is read where the anchor is, once the whole file is (referencesThroughAliases).
      const use = ENTRIES_WITH_NAMES.has(key) ? anchorUseOf(pair.value, source) : undefined;
      if (use) aliased.push({ key, anchor: use.name, range: use.range as Range });
      continue;
    }
    referencesInServiceEntry(key, pair.value, add);
  }
  return takesAliases;
}

/** The top-level key whose value holds an offset, and text to read its scalars' quotes in (at the document's offsets). */
interface TemplateHolder {
  readonly section: string;
  readonly source: Pick<TextLike, 'charAt' | 'slice'>;
}

/**
 * The names in the anchored values that entries take whole (`volumes: *vols`), where the anchor sits in an `x-`
 * section: nothing else lists them (a value anchored in a service is that service's own), and a rename that left
 * them would leave the services that take them naming what no longer exists. Each name once, however many
 * entries take it; none already in `known` (a list inside an anchored mapping template is listed with it).
 */
function referencesThroughAliases(doc: ComposeDocument, entries: readonly AliasedEntry[], holder: (offset: number) => TemplateHolder | undefined, known: readonly NameReference[]): NameReference[] {
  const out: NameReference[] = [];
  const seen = new Set<number>();
  for (const ref of known) seen.add(ref.range[0]);
  for (const entry of entries) {
    const target = anchorNodeBefore(doc, entry.anchor, entry.range[0]);
    const start = nodeRange(target)?.[0];
    const home = start === undefined ? undefined : holder(start);
    if (!home || !home.section.startsWith('x-')) continue;
    referencesInServiceEntry(entry.key, target, (kind, scalar, name, at, via, file) => {
      if (!name || name.includes('${')) return;
      const range = rangeInScalar(scalar, home.source, at, name.length);
      if (seen.has(range[0])) return;
      seen.add(range[0]);
      out.push({ kind, name, uri: doc.uri, range, via, fromService: home.section, file });
    });
  }
  return out;
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
