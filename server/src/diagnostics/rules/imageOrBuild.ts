// `no-image-or-build`: a service that has neither `image` nor `build` after
// everything that may give it one (the project's other files, `<<` merges,
// `extends`). Compose refuses the whole project ("has neither an image nor a
// build context specified"). An error where Compose loads the file as it is;
// a warning in a file that may be one of several `-f` files, since another
// one may add the image.
import * as path from 'node:path';
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { FileModel, NameDefinition } from '../../model/fileModel';
import type { ComposeDocument } from '../../model/document';
import { perDefinition } from '../../model/definitionMemo';
import { getValue, scalarText } from '../../model/nodes';
import { knownText } from '../../model/interpolation';
import { isInterpolated } from '../../spec/interpolated';
import { pathToUri, uriToPath } from '../../model/workspace';
import { diagnostic, DiagnosticSeverity, fileName } from '../make';
import { mergedKeys, resolve } from '../specWalk';
import { extendsOf, isRemote } from './extendsRules';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule, RuleRequest } from './rule';

/** Keys that give a service something to run: `provider` services (newer Compose) are run by a plugin, not from an image. */
const PROVIDES = ['image', 'build', 'provider'];

/** A chain of extends deeper than any file has: past it a service counts as providing an image, and the walk's stack stays small. */
const MAX_EXTENDS = 1_000;

/** Answers of one run per file model and service: each link of a long chain of extends is read once, not once per service below it. */
type Answers = Map<FileModel, Map<string, boolean>>;

/**
 * What one service definition says by its own body (with its merges): whether it is a mapping, whether it gives
 * something to run, whether it sets the image and to nothing (`image: ""`) or to a name, and whether it has a `build` (or a `provider`, which needs no image).
 */
interface OwnAnswer {
  readonly mapping: boolean;
  readonly provides: boolean;
  readonly image?: 'empty' | 'named';
  readonly builds?: boolean;
}

/** The answer once per definition (`model` is the definition's file), for a body written as a mapping. */
const mappingAnswer = perDefinition((body: unknown, model: FileModel): OwnAnswer | undefined => (isMap(body) ? mapAnswer(model, body) : undefined));

function ownAnswer(model: FileModel, def: NameDefinition): OwnAnswer {
  const kept = mappingAnswer(def, model);
  if (kept) return kept;
  // A body written as an alias is read on every run: its target may change.
  const map = resolve(model.doc, def.value);
  return isMap(map) ? mapAnswer(model, map) : NOT_A_MAPPING;
}

const NOT_A_MAPPING: OwnAnswer = { mapping: false, provides: false };

/** A body's answer: `image: ""` gives nothing to run (Compose refuses it as a missing image). */
function mapAnswer(model: FileModel, map: YAMLMap): OwnAnswer {
  const merged = mergedKeys(model.doc, map);
  const value = getValue(map, 'image') ?? merged.get('image');
  const image = value === undefined ? undefined : isScalar(value) && value.value === '' ? 'empty' : 'named';
  const builds = PROVIDES.some((k) => k !== 'image' && (getValue(map, k) !== undefined || merged.has(k)));
  return { mapping: true, provides: builds || image === 'named', image, builds };
}

/**
 * Whether `service` of `model` gets an image: from its own body, or from the
 * service it extends (same file or `extends.file`). What cannot be read (a
 * remote or interpolated file, a missing service: other rules say so) counts
 * as providing one, so this rule never guesses.
 */
function serviceProvides(req: RuleRequest, model: FileModel, service: string, answers: Answers, depth = 0): boolean {
  if (depth > MAX_EXTENDS) return true;
  // Nearly every service of the checked file sets `image` or `build` itself: answered from the project's
  // bodies before any list of them is made (this runs for every service of the file on every edit).
  if (model === req.file) {
    const defs = req.project.definitions('service', service);
    for (let i = 0; i < defs.length; i++) {
      const def = defs[i]!;
      const owner = req.project.file(def.uri)?.model;
      if (owner && ownAnswer(owner, def).provides) return true;
    }
  }
  let known = answers.get(model);
  if (!known) answers.set(model, (known = new Map()));
  const answered = known.get(service);
  if (answered !== undefined) return answered;
  // While its chain is read: a circle of extends counts as providing (extends-cycle says what is wrong there).
  known.set(service, true);
  const answer = chainProvides(req, model, service, answers, depth);
  known.set(service, answer);
  return answer;
}

/** serviceProvides past the service's own bodies in the checked project: its bodies anywhere, then what they extend. */
function chainProvides(req: RuleRequest, model: FileModel, service: string, answers: Answers, depth: number): boolean {
  const bodies = model === req.file ? projectBodies(req, service) : (servicesOf(model).get(service) ?? []).map((def) => ({ model, def }));
  if (bodies.length === 0) return true;
  if (bodies.some(({ model: m, def }) => ownAnswer(m, def).provides)) return true;
  for (const { model: m } of bodies) {
    const ref = extendsOf(m, service);
    if (!ref) continue;
    if (ref.file === undefined) {
      if (serviceProvides(req, m, ref.name, answers, depth + 1)) return true;
      continue;
    }
    if (ref.file.includes('${') || isRemote(ref.file) || !m.doc.uri.startsWith('file:')) return true;
    const target = req.workspace.fileModel(pathToUri(path.resolve(path.dirname(uriToPath(m.doc.uri)), ref.file)));
    if (!target || serviceProvides(req, target, ref.name, answers, depth + 1)) return true;
  }
  return false;
}

/** Every body of `service` in the files Compose loads together with this one (an override may add the image). */
function projectBodies(req: RuleRequest, service: string): { model: FileModel; def: NameDefinition }[] {
  const out: { model: FileModel; def: NameDefinition }[] = [];
  // The project's own index of names (files Compose loads, not `extends` targets), in load order.
  for (const def of req.project.definitions('service', service)) {
    const model = req.project.file(def.uri)?.model;
    if (model) out.push({ model, def });
  }
  if (!out.some((b) => b.model === req.file)) {
    for (const def of servicesOf(req.file).get(service) ?? []) out.push({ model: req.file, def });
  }
  return out;
}

/** A file's service definitions by name, built once per file model: a lookup per service, not a scan of every definition (quadratic on thousands). */
const serviceIndex = new WeakMap<FileModel, Map<string, NameDefinition[]>>();

function servicesOf(model: FileModel): Map<string, NameDefinition[]> {
  let index = serviceIndex.get(model);
  if (!index) {
    index = new Map();
    for (const d of model.definitions) {
      if (d.kind !== 'service') continue;
      const list = index.get(d.name);
      if (list) list.push(d);
      else index.set(d.name, [d]);
    }
    serviceIndex.set(model, index);
  }
  return index;
}

/**
 * `image: ${IMAGE:-}` in the one body of a service that builds nothing: the variables give an empty image, which
 * Compose refuses as none ("has neither an image nor a build context"). A variable nothing sets is left to
 * `unset-variable`; a service with another body (an override) or a merge is left alone.
 */
function imageGivesNothing(req: RuleRequest, def: NameDefinition): boolean {
  const image = interpolatedImage(def, req.doc);
  if (image === undefined || req.project.definitions('service', def.name).length !== 1) return false;
  return knownText(image, req.project.lookup) === '';
}

/** The image written with variables of a body that sets no other way to run and merges nothing, once per definition. */
const interpolatedImage = perDefinition((body: unknown, doc: ComposeDocument): string | undefined => {
  if (!isMap(body)) return undefined;
  const image = getValue(body, 'image');
  if (!isScalar(image) || typeof image.value !== 'string' || !isInterpolated(image.value)) return undefined;
  if (PROVIDES.some((k) => k !== 'image' && getValue(body, k) !== undefined) || mergedKeys(doc, body).size > 0) return undefined;
  return image.value;
});

/**
 * `image: ""` in the last of the project's files to set a service's image (an override): Compose merges the files
 * in order, so the empty image replaces the one an earlier file names, and it refuses the project ("has neither an
 * image nor a build context", Compose 2.26.1) unless a file gives a build. Said at that body, where the image went.
 */
function imageClearedHere(req: RuleRequest, def: NameDefinition): { readonly replaced: string } | undefined {
  const defs = req.project.definitions('service', def.name);
  if (defs.length < 2) return undefined;
  // From the answers kept per definition: an override's blocks are not read again for it (blockTrees.ts).
  let emptiedHere = false;
  let replaced: string | undefined;
  for (const d of defs) {
    const model = req.project.file(d.uri)?.model;
    const answer = model ? ownAnswer(model, d) : NOT_A_MAPPING;
    if (answer.builds) return undefined;
    if (answer.image === undefined) continue;
    emptiedHere = d === def && answer.image === 'empty';
    if (d !== def && answer.image === 'named') replaced = fileName(d.uri);
  }
  return emptiedHere && replaced !== undefined ? { replaced } : undefined;
}

export const imageOrBuild: Rule = {
  codes: ['no-image-or-build'],
  run(req) {
    const { doc, file } = req;
    const out: Diagnostic[] = [];
    const partial = mayBePartial(req);
    const answers: Answers = new Map();
    for (const def of file.definitions) {
      if (def.kind !== 'service' || !ownAnswer(file, def).mapping) continue;
      const provided = serviceProvides(req, file, def.name, answers) && !imageGivesNothing(req, def);
      const cleared = provided ? imageClearedHere(req, def) : undefined;
      if (provided && !cleared) continue;
      const body = resolve(doc, def.value);
      const emptyImage = isMap(body) && getValue(body, 'image') !== undefined;
      const image = isMap(body) ? scalarText(getValue(body, 'image')) : undefined;
      const via = image && isInterpolated(image) ? ` (${image} gives none here)` : '';
      const replaces = cleared ? `, which replaces the image ${cleared.replaced} names (Compose merges the files in order),` : '';
      out.push(diagnostic(doc, def.range, partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'no-image-or-build',
        `Service "${def.name}" has ${emptyImage ? `an empty image${via}${replaces} and no build` : 'neither image nor build'}: Compose refuses the project until it has one. ${emptyImage ? `Name the image to run${cleared ? `, remove \`image: ""\` to keep ${cleared.replaced}'s` : ''}, or add \`build:\`` : 'Add `image:` (what to run) or `build:`'} (where to build it from).${partial ? PARTIAL_NOTE : ''}`));
    }
    return out;
  },
};
