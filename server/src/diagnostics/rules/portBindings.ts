// The host ports a service publishes, from the short (`127.0.0.1:8080:80/tcp`)
// and long (`published`, `target`, `host_ip`, `protocol`) forms. Interpolated
// entries (`"${API_PORT:-8080}:8080"`) are left out, their value being known
// only when Compose runs, unless the caller gives the project's variables:
// then they are read as Compose would read them with those (the port rules
// say what follows from them as a warning, since the environment Compose runs
// in may set them otherwise), and an entry with a variable nothing sets and no
// default is left out still.
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { getValue, scalarText, type Range } from '../../model/nodes';
import { isInterpolated, parsePortMapping, type PortRange } from '../../spec/index';
import { knownText } from '../../model/interpolation';
import type { ComposeProject } from '../../model/project';
import { resolve } from '../specWalk';
import type { ServicePart } from './projectServices';
import { bodyCache } from '../bodyCache';
import { startOf } from '../../model/blockNodes';

export interface PortBinding {
  readonly service: string;
  readonly hostIp?: string;
  readonly hostPorts?: PortRange;
  readonly containerPorts: PortRange;
  readonly protocol: string;
  readonly doc: ComposeDocument;
  readonly range: Range;
  readonly text: string;
  /** The list entry as written (an alias, where one is): what a rule reads beyond the mapping, such as a long form's `mode`. */
  readonly entry: Node;
  /** Where the ports come from variables: the entry's text as written (`${API_PORT:-8080}:8080`); `text` is it read. */
  readonly fromVariables: string | undefined;
}

/** The project's variables, for the entries written with them: how to read one, and a key that changes with their values. */
export interface PortVariables {
  readonly lookup: (name: string) => string | undefined;
  readonly key: string;
}

/** One object a project (its key is made once). */
const variablesOfProject = new WeakMap<ComposeProject, PortVariables>();

/** The project's variables as the bindings read them (`.env`, the environment, the defaults written). */
export function portVariables(project: ComposeProject): PortVariables {
  let found = variablesOfProject.get(project);
  if (!found) variablesOfProject.set(project, (found = { lookup: project.lookup, key: project.variablesKey }));
  return found;
}

function range(text: string): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/**
 * Each `ports` list read once per run of the service checks that needs it
 * again (an open asks for each service's bindings several times: facts,
 * checks, the settling after them; bodyCache.ts). A binding reads its
 * range from its node when asked, so it moves with its block. What is kept is the last list of
 * bindings made for the list, with the service and document version they
 * name: asked again for the same ones (the port rules ask several times per
 * service and run), it is the same list; asked for another service or
 * version, the bindings are copied from it, not parsed again. Lists with
 * aliases are not kept (what an alias names depends on the rest of the
 * document).
 */
const bindingsOf = bodyCache<readonly Binding[]>();

const NO_BINDINGS: readonly Binding[] = [];

/**
 * One binding, always with the same fields in the same order: every binding shares one hidden class
 * (objects spread from mappings of different shapes each got their own, ~250 bytes apiece at 10,000 ports).
 */
class Binding implements PortBinding {
  constructor(
    readonly service: string,
    readonly doc: ComposeDocument,
    readonly hostIp: string | undefined,
    readonly hostPorts: PortRange | undefined,
    readonly containerPorts: PortRange,
    readonly protocol: string,
    /** The entry's node: its range is read when asked, so a binding kept while its block moves (bodyCache.ts) is where the node now is. */
    readonly entry: Node,
    readonly text: string,
    readonly fromVariables: string | undefined,
  ) {}

  get range(): Range {
    return this.entry.range as readonly number[] as Range; // its first two offsets are the entry's text
  }
}

/** The lists that use variables, read with them: kept as `bindingsOf` keeps those read without, under the variables' key. */
const withVariablesOf = bodyCache<{ readonly key: string; readonly service: string; readonly doc: ComposeDocument; readonly list: readonly Binding[] }>();

export function portBindings(part: ServicePart, variables?: PortVariables): readonly PortBinding[] {
  const ports = getValue(part.body, 'ports');
  if (!isSeq(ports)) return NO_BINDINGS;
  // Most lists use no variable: they are the lists read without, and keep nothing more (5,000 services ask for theirs in several rules).
  if (!variables || !ports.items.some((raw) => usesVariables(resolve(part.doc, raw)))) return literalBindings(part, ports);
  const kept = withVariablesOf.get(ports);
  if (kept && kept.key === variables.key && kept.service === part.name && kept.doc === part.doc) return kept.list;
  const list = parsePorts(part, ports.items, variables.lookup);
  if (!ports.items.some((item) => isAlias(item))) withVariablesOf.set(ports, { key: variables.key, service: part.name, doc: part.doc, list });
  return list;
}

function usesVariables(item: unknown): boolean {
  if (isScalar(item)) return isInterpolated(scalarText(item) ?? '');
  if (!isMap(item)) return false;
  return PORT_KEYS.some((k) => isInterpolated(scalarText(getValue(item, k)) ?? ''));
}

const PORT_KEYS = ['published', 'target', 'host_ip', 'protocol'] as const;

function literalBindings(part: ServicePart, ports: YAMLSeq): readonly Binding[] {
  const items = ports.items;
  const made = bindingsOf.get(ports);
  if (made) {
    if (made.length === 0 || (made[0]!.service === part.name && made[0]!.doc === part.doc)) return made;
    // Written out rather than mapped with a spread: this runs for every service in several rules.
    const list: Binding[] = new Array(made.length);
    for (let i = 0; i < made.length; i++) {
      const p = made[i]!;
      list[i] = new Binding(part.name, part.doc, p.hostIp, p.hostPorts, p.containerPorts, p.protocol, p.entry, p.text, p.fromVariables);
    }
    bindingsOf.set(ports, list);
    return list;
  }
  const list = parsePorts(part, items);
  if (!items.some((item) => isAlias(item))) bindingsOf.set(ports, list);
  return list;
}

/** `lookup`: read interpolated entries with these variables (else they are left out). */
function parsePorts(part: ServicePart, items: readonly unknown[], lookup?: (name: string) => string | undefined): readonly Binding[] {
  const { name, doc } = part;
  const result: Binding[] = [];
  for (const raw of items) {
    const item = resolve(doc, raw) as Node | undefined;
    const at = raw as Node | null;
    if (!at || startOf(at) === undefined) continue;
    if (isScalar(item)) {
      const written = scalarText(item);
      if (!written) continue;
      const interpolated = isInterpolated(written);
      const text = interpolated ? lookup && knownText(written, lookup) : written;
      if (!text) continue;
      const mapping = parsePortMapping(text);
      if (!mapping) continue;
      result.push(new Binding(name, doc, mapping.hostIp, mapping.hostPorts, mapping.containerPorts, mapping.protocol, at, text, interpolated ? written : undefined));
    } else if (isMap(item)) {
      const written = PORT_KEYS.map((k) => scalarText(getValue(item, k)));
      const interpolated = written.some((v) => v !== undefined && isInterpolated(v));
      if (interpolated && !lookup) continue;
      const values = interpolated ? written.map((v) => (v === undefined ? undefined : knownText(v, lookup!))) : written;
      if (values.some((v, i) => v === undefined && written[i] !== undefined)) continue;
      const [published, target, hostIp, protocol] = values;
      const containerPorts = target ? range(target) : undefined;
      if (!containerPorts) continue;
      const text = `${published ?? ''}:${target}`;
      result.push(new Binding(name, doc, hostIp || undefined, published ? range(published) : undefined, containerPorts, (protocol ?? 'tcp').toLowerCase(), at, text, interpolated ? `${written[0] ?? ''}:${written[1]}` : undefined));
    }
  }
  // Kept while the block lives: a list grown by pushing holds 17 slots for one or two bindings.
  return result.length === 0 ? NO_BINDINGS : result.slice();
}

