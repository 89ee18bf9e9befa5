// Every place a target appears: the definitions and uses of a name across
// the files that share its namespace, or the `&anchor`/`*alias` of one file.
// Definition, references, highlight and rename are views of this list.
import type { Location, Range as LspRange } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { Range } from '../model/nodes';
import { readable } from '../model/chunkedDocument';
import { addressesIn, takenAddressesIn, type EnvironmentAddresses } from '../diagnostics/rules/serviceUrls';
import { uriToPath } from '../model/workspace';
import { addressAt, hostRange } from './addressAt';
import { entriesHolding, servicesByStart, servicesWithAliases, textAt } from '../model/serviceEntries';
import type { FeatureRequest } from './request';
import { Scope, scopeOf, type ScopeFile } from './scope';
import { anchorOccurrences, nameRange, symbolAt, type NavTarget, type NameTarget } from './symbolAt';

export interface Occurrence {
  readonly uri: string;
  readonly doc: ComposeDocument;
  /** The name only (`db` of `db:alias`, `web` of `service:web`, `base` of `*base`). */
  readonly range: Range;
  readonly isDefinition: boolean;
}

export interface Resolved {
  readonly target: NavTarget;
  readonly occurrences: Occurrence[];
}

/**
 * Where a service's environment addresses are counted among its occurrences: in every file of its namespace
 * (rename, references), in the cursor's file only (highlight, which shows no other), or nowhere (definition).
 */
export type AddressScope = 'project' | 'this file' | 'none';

/**
 * The target under the cursor and all its occurrences; undefined when the cursor is on nothing navigable. For a
 * service, `addresses` adds the environment addresses that reach it by name (`addressOccurrences`), in the
 * project's files or this one; a cursor on such an address's host names that service.
 */
export function resolveAt(req: FeatureRequest, addresses: AddressScope = 'none'): Resolved | undefined {
  const named = symbolAt(req.file, req.offset);
  const target = named ?? addressTarget(req);
  if (!target) return undefined;
  if (target.type === 'anchor') {
    const occurrences = anchorOccurrences(req.file.anchors, target).map((a) => ({
      uri: req.doc.uri,
      doc: req.doc,
      range: a.range,
      isDefinition: a.isDefinition,
    }));
    return { target, occurrences };
  }
  const scope = scopeOf(req.workspace, req.doc.uri, req.client.workspaceFolders);
  const occurrences = nameOccurrences(scope, target, req.file);
  if (addresses !== 'none') occurrences.push(...addressOccurrences(scope, target, req.file, addresses === 'this file' ? req.doc.uri : undefined));
  // On a host, that host is an occurrence too, also where the others are not asked for.
  else if (!named) occurrences.push({ uri: req.doc.uri, doc: req.doc, range: target.at, isDefinition: false });
  return { target, occurrences };
}

/** The host of an environment address that names a service (addressAt.ts), as a use of that service. */
function addressTarget(req: FeatureRequest): NameTarget | undefined {
  const address = addressAt(req);
  if (!address || req.offset > address.host[1]) return undefined;
  return { type: 'name', kind: 'service', name: address.service, home: uriToPath(req.doc.uri), at: address.host, onDefinition: false };
}

export function nameOccurrences(scope: Scope, target: NameTarget, cursorFile?: FileModel): Occurrence[] {
  const found = new Map<string, Occurrence>();
  const add = (file: FileModel, range: Range, isDefinition: boolean) => {
    const key = `${file.doc.uri}#${range[0]}`;
    if (!found.has(key)) found.set(key, { uri: file.doc.uri, doc: file.doc, range, isDefinition });
  };
  // The editor's text wins: the cursor's own model is the one the request was made on.
  const current = (f: ScopeFile) => (cursorFile && cursorFile.doc.uri === f.uri ? cursorFile : f.model);

  const namespace = scope.namespace(target.home);
  const inNamespace = new Set(namespace.map((f) => f.path));
  for (const f of namespace) {
    const model = current(f);
    for (const def of model.definitions) {
      if (def.kind === target.kind && def.name === target.name) add(model, nameRange(model, def.range, def.name), true);
    }
  }
  for (const f of namespace) {
    const model = current(f);
    // Also where an `x-` template writes it: the services that merge the template use it there.
    for (const list of [model.references, model.templateReferences]) {
      for (const ref of list) {
        if (ref.kind === target.kind && ref.name === target.name && ref.file === undefined) add(model, ref.range, false);
      }
    }
  }
  if (target.kind === 'service') {
    // `extends: {file: other.yaml, service: base}` from any file of the scope names `base` of other.yaml.
    for (const f of scope.files.values()) {
      const model = current(f);
      for (const ref of model.references) {
        if (ref.file === undefined || ref.kind !== 'service' || ref.name !== target.name) continue;
        const file = Scope.resolve(f.path, ref.file);
        if (file && inNamespace.has(file)) add(model, ref.range, false);
      }
    }
  }
  return [...found.values()];
}

/**
 * Where the services of `target`'s namespace reach the service `target` by its name in an environment value
 * (`DATABASE_URL: postgres://db:5432/app`, `CACHE=cache:6379`): the addresses the service URL checks read
 * (diagnostics/rules/serviceUrls.ts). Inside the project's networks that host is the service, so a rename that
 * left it would leave a name nothing answers to. Not references of the file model: a host may as well be a
 * machine outside the project, and the undefined-name checks must not judge it. Only a host written as its
 * value reads (no escapes around it), so an edit replaces exactly the name. `onlyUri`: in that file only.
 */
export function addressOccurrences(scope: Scope, target: NameTarget, cursorFile?: FileModel, onlyUri?: string): Occurrence[] {
  if (target.kind !== 'service') return [];
  const out: Occurrence[] = [];
  for (const f of scope.namespace(target.home)) {
    if (onlyUri !== undefined && f.uri !== onlyUri) continue;
    const model = cursorFile && cursorFile.doc.uri === f.uri ? cursorFile : f.model;
    const source = readable(model.doc.text);
    // A value taken through an alias is written once, where its anchor is, for every service that takes it.
    const seen = new Set<number>();
    const add = ({ scalar, eq, addresses }: EnvironmentAddresses) => {
      for (const address of addresses) {
        if (address.host !== target.name) continue;
        const range = hostRange(scalar, source, eq, address);
        if (!range || seen.has(range[0])) continue;
        seen.add(range[0]);
        out.push({ uri: model.doc.uri, doc: model.doc, range, isDefinition: false });
      }
    };
    const services = servicesByStart(model);
    for (const def of entriesHolding(services, textAt(source, target.name))) for (const found of addressesIn(def.value)) add(found);
    // An environment taken from elsewhere in the file is named by an alias in the service's entry.
    for (const def of servicesWithAliases(model, services)) for (const found of takenAddressesIn(model.doc, def.value)) add(found);
  }
  return out;
}

export function toLspRange(doc: ComposeDocument, range: Range): LspRange {
  return { start: doc.text.positionAt(range[0]), end: doc.text.positionAt(range[1]) };
}

export function toLocation(occurrence: Occurrence): Location {
  return { uri: occurrence.uri, range: toLspRange(occurrence.doc, occurrence.range) };
}
