// The host ports a service publishes, from the short (`127.0.0.1:8080:80/tcp`)
// and long (`published`, `target`, `host_ip`, `protocol`) forms. Interpolated
// entries are left out: their value is unknown until Compose runs.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { getValue, scalarText, type Range } from '../../model/nodes';
import { isInterpolated, parsePortMapping, type PortRange } from '../../spec/index';
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
  ) {}

  get range(): Range {
    return this.entry.range as readonly number[] as Range; // its first two offsets are the entry's text
  }
}

export function portBindings(part: ServicePart): readonly PortBinding[] {
  const ports = getValue(part.body, 'ports');
  if (!isSeq(ports)) return NO_BINDINGS;
  const made = bindingsOf.get(ports);
  if (made) {
    if (made.length === 0 || (made[0]!.service === part.name && made[0]!.doc === part.doc)) return made;
    // Written out rather than mapped with a spread: this runs for every service in several rules.
    const list: Binding[] = new Array(made.length);
    for (let i = 0; i < made.length; i++) {
      const p = made[i]!;
      list[i] = new Binding(part.name, part.doc, p.hostIp, p.hostPorts, p.containerPorts, p.protocol, p.entry, p.text);
    }
    bindingsOf.set(ports, list);
    return list;
  }
  const list = parsePorts(part, ports.items);
  if (!ports.items.some((item) => isAlias(item))) bindingsOf.set(ports, list);
  return list;
}

function parsePorts(part: ServicePart, items: readonly unknown[]): readonly Binding[] {
  const { name, doc } = part;
  const result: Binding[] = [];
  for (const raw of items) {
    const item = resolve(doc, raw) as Node | undefined;
    const at = raw as Node | null;
    if (!at || startOf(at) === undefined) continue;
    if (isScalar(item)) {
      const text = scalarText(item);
      if (!text || isInterpolated(text)) continue;
      const mapping = parsePortMapping(text);
      if (!mapping) continue;
      result.push(new Binding(name, doc, mapping.hostIp, mapping.hostPorts, mapping.containerPorts, mapping.protocol, at, text));
    } else if (isMap(item)) {
      const values = ['published', 'target', 'host_ip', 'protocol'].map((k) => scalarText(getValue(item, k)));
      if (values.some((v) => v !== undefined && isInterpolated(v))) continue;
      const [published, target, hostIp, protocol] = values;
      const containerPorts = target ? range(target) : undefined;
      if (!containerPorts) continue;
      result.push(new Binding(name, doc, hostIp || undefined, published ? range(published) : undefined, containerPorts, (protocol ?? 'tcp').toLowerCase(), at, `${published ?? ''}:${target}`));
    }
  }
  // Kept while the block lives: a list grown by pushing holds 17 slots for one or two bindings.
  return result.length === 0 ? NO_BINDINGS : result.slice();
}
