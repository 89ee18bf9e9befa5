// Answers the client's `dockhand/projectInfo`: what Compose will create for
// this project, so the client never parses Compose files itself.
import * as path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { ProjectInfo, ProjectInfoServices, ProjectResourceInfo, ProjectServiceInfo, ServicePlace } from '../../../common/src/protocol';
import type { FileModel, NameDefinition, NameReference } from '../model/fileModel';
import { referencesThroughMerges } from '../diagnostics/rules/mergedReferences';
import { serviceBodyOf } from '../diagnostics/rules/projectServices';
import { entries, getPair, getValue, nodeRange, scalarText, seqItems } from '../model/nodes';
import { interpolateText } from '../model/interpolation';
import type { ComposeProject } from '../model/project';
import { uriToPath } from '../model/workspace';
import { mergedDriver, resourceNames } from '../model/resourceNames';
import { localVolumeNameProblem } from '../spec/engineValues';
import { specAtPath } from '../spec/index';
import { typoOf } from '../diagnostics/rules/invalidValue';
import { serviceWatchFacts } from '../diagnostics/rules/watchRebuild';


/**
 * `detail`: how much to say about the services, and `placesUpTo`: how many places at most (ProjectInfoParams).
 * `includedBy`: the main file of the project that includes `file` (model/includingProject.ts), which `project` is then;
 * `extendedBy`: the main file whose project takes services from `file` with `extends` only.
 */
export function projectInfo(project: ComposeProject, file: FileModel, detail: ProjectInfoServices = 'full', placesUpTo = Infinity, includedBy?: string, extendedBy?: string): ProjectInfo {
  const withServices = detail === 'full';
  const text = file.doc.text;
  const rangeHere = (def: NameDefinition | undefined) =>
    def && def.uri === file.doc.uri ? { start: text.positionAt(def.range[0]), end: text.positionAt(def.range[1]) } : undefined;
  const here = (defs: readonly NameDefinition[]) => defs.find((d) => d.uri === file.doc.uri) ?? defs[0];
  const resolve = (value: string | undefined) => (value === undefined ? undefined : interpolateText(value, project.lookup).text);

  // A key the parser placed among the services only because its indentation slipped
  // (`   command:` under a service) is no service: no CodeLens, no entry in "Up".
  const slipLines = new Set(file.doc.errors.filter((e) => e.code === 'BAD_INDENT').map((e) => text.positionAt(e.pos[0]).line));
  const slipped = (name: string) =>
    project.definitions('service', name).every((d) => d.uri === file.doc.uri && slipLines.has(text.positionAt(d.range[0]).line));
  // The volumes each service mounts, from every file's references, listed once for all services (filtering
  // every reference per service cost seconds on a file of thousands of services, asked on every edit).
  const volumesOf = new Map<string, string[]>();
  const mounts = (r: NameReference) => {
    if (r.kind !== 'volume') return;
    const list = volumesOf.get(r.fromService);
    if (list) list.push(r.name);
    else volumesOf.set(r.fromService, [r.name]);
  };
  for (const f of withServices ? project.files : []) for (const r of f.model.references) mounts(r);
  // And those a `<<` merge brings (`<<: *common` with `volumes: [data:/data]` in x-common).
  if (withServices) for (const r of referencesThroughMerges(project.files.map((f) => f.model))) mounts(r);
  const listed = (): string[] => project.names('service').filter((name) => slipLines.size === 0 || !slipped(name));
  const services: ProjectServiceInfo[] = !withServices ? [] : listed().map((name) => {
    const defs = project.definitions('service', name);
    // Later files override earlier ones key by key; the last word wins.
    // Each as Compose reads it, with what its `<<` merges bring (an image or container_name an anchor gives).
    const bodies = defs.map((def) => serviceBodyOf(project, def));
    const last = <T>(pick: (body: unknown) => T | undefined): T | undefined => {
      let found: T | undefined;
      for (const body of bodies) found = pick(body) ?? found;
      return found;
    };
    const replicas = last((b) => Number(scalarText(getValue(getValue(b, 'deploy'), 'replicas')) ?? scalarText(getValue(b, 'scale')) ?? NaN));
    return {
      name,
      range: rangeHere(defs.find((d) => d.uri === file.doc.uri)),
      profiles: last((b) => listOf(getValue(b, 'profiles'))) ?? [],
      image: resolve(last((b) => scalarText(getValue(b, 'image')))),
      containerName: resolve(last((b) => scalarText(getValue(b, 'container_name')))),
      replicas: replicas !== undefined && !Number.isNaN(replicas) ? replicas : undefined,
      ports: bodies.flatMap((body) => seqItems(getValue(body, 'ports')).map(portText).filter((p): p is string => !!p)),
      volumes: unique(volumesOf.get(name) ?? []),
      networks: unique(bodies.flatMap((body) => networksOf(getValue(body, 'networks')))),
      ...watchFacts(project, name),
    };
  });

  const resources = (kind: 'network' | 'volume'): ProjectResourceInfo[] =>
    project.names(kind).map((name) => {
      const defs = project.definitions(kind, name);
      const def = here(defs);
      const external = defs.some((d) => resourceNames(d).external);
      const explicit = resolve(resourceNames(def).name);
      const fullName = external ? explicit ?? name : project.resourceName(name, explicit);
      const info: ProjectResourceInfo = { name, fullName, external, range: rangeHere(def) };
      const refused = kind === 'volume' && !external ? refusedVolumeName(fullName, defs) : undefined;
      return refused ? { ...info, refused } : info;
    });

  const envFile = project.envFile;
  const servicesKey = getPair(file.doc.yaml.contents, 'services')?.key;
  const servicesRange = isScalar(servicesKey) && servicesKey.range
    ? { start: text.positionAt(servicesKey.range[0]), end: text.positionAt(servicesKey.range[1]) }
    : undefined;
  return {
    projectName: project.name.name,
    workingDirectory: project.directory,
    ...(includedBy === undefined ? {} : { includedBy }),
    ...(extendedBy === undefined ? {} : { extendedBy }),
    files: project.mergedFiles.map((f) => f.path),
    envFile,
    servicesRange,
    services,
    ...(detail === 'places' ? placesOf(project, file, listed, rangeHere, placesUpTo) : {}),
    profiles: unique(services.flatMap((s) => s.profiles)),
    networks: resources('network'),
    volumes: resources('volume'),
    engineRequests: file.definitions.flatMap((def) => (def.engineAsks ?? []).flatMap((r) => {
      const value = resolve(r.text);
      const range = nodeRange(r.node);
      // A value the server already warns of as a typo (`driver: jsonfile`) is one finding, with its fix, not two.
      if (value === undefined || value === '' || !range || (value === r.text && typoOf(specAtPath(['services', def.name, ...r.key.split('.')]), value) !== undefined)) return [];
      return [{ service: def.name, key: r.key, value, range: { start: text.positionAt(range[0]), end: text.positionAt(range[1]) } }];
    })),
  };
}

/** Why the engine cannot create a volume of this name, when the local driver makes it (the last file's `driver` wins, as Compose merges). */
function refusedVolumeName(fullName: string, defs: readonly NameDefinition[]): string | undefined {
  const driver = mergedDriver(defs);
  if (fullName === '' || (driver !== undefined && driver !== 'local')) return undefined;
  return localVolumeNameProblem(fullName);
}

/** How many services this file defines, and where each is when they are at most `upTo`. */
function placesOf(
  project: ComposeProject,
  file: FileModel,
  listed: () => string[],
  rangeHere: (def: NameDefinition | undefined) => ServicePlace['range'] | undefined,
  upTo: number,
): Pick<ProjectInfo, 'servicePlaces' | 'servicesHere'> {
  let servicesHere = 0;
  for (const def of file.definitions) if (def.kind === 'service') servicesHere++;
  if (servicesHere > upTo) return { servicesHere };
  return { servicePlaces: servicePlacesIn(project, file, listed(), rangeHere), servicesHere };
}

/** The services `names` as this file defines them, in the file's order (a service defined only in another file has no place here). */
function servicePlacesIn(
  project: ComposeProject,
  file: FileModel,
  names: readonly string[],
  rangeHere: (def: NameDefinition | undefined) => ServicePlace['range'] | undefined,
): ServicePlace[] {
  const places: { name: string; start: number; place: ServicePlace }[] = [];
  for (const name of names) {
    const defs = project.definitions('service', name);
    const def = defs.find((d) => d.uri === file.doc.uri);
    const range = rangeHere(def);
    if (!def || !range) continue;
    const watches = serviceWatchFacts(project, name).some((f) => f.rules);
    places.push({ name, start: def.range[0], place: watches ? { name, range, watches } : { name, range } });
  }
  return places.sort((a, b) => a.start - b.start).map(({ place }) => place);
}

function listOf(node: unknown): string[] | undefined {
  if (!isSeq(node)) return undefined;
  return node.items.map(scalarText).filter((s): s is string => !!s);
}

function networksOf(node: unknown): string[] {
  if (isSeq(node)) return listOf(node) ?? [];
  return [...entries(node)].map(([name]) => name);
}

function portText(item: unknown): string | undefined {
  if (isScalar(item)) return scalarText(item);
  if (!isMap(item)) return undefined;
  const target = scalarText(getValue(item, 'target'));
  const published = scalarText(getValue(item, 'published'));
  const ip = scalarText(getValue(item, 'host_ip'));
  const protocol = scalarText(getValue(item, 'protocol'));
  if (!target) return undefined;
  return `${ip ? `${ip}:` : ''}${published ? `${published}:` : ''}${target}${protocol ? `/${protocol}` : ''}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function fileFolder(uri: string): string {
  return path.dirname(uriToPath(uri));
}

/**
 * Whether a service has watch rules and a build, for Compose Watch: the rules of every file count, since
 * Compose appends an override's `develop.watch` rules to the main file's; only the keys set are sent.
 */
function watchFacts(project: ComposeProject, name: string): Pick<ProjectServiceInfo, 'watches' | 'builds'> {
  const facts = serviceWatchFacts(project, name);
  return facts.some((f) => f.rules) ? { watches: true, builds: facts.some((f) => f.builds) } : {};
}
