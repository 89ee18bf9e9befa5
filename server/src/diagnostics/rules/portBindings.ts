// The host ports a service publishes, from the short (`127.0.0.1:8080:80/tcp`)
// and long (`published`, `target`, `host_ip`, `protocol`) forms. Interpolated
// entries are left out: their value is unknown until Compose runs.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { getValue, scalarText, type Range } from '../../model/nodes';
import { isInterpolated, parsePortMapping, type PortRange } from '../../spec/index';
import { resolve } from '../specWalk';
import type { ServicePart } from './projectServices';

export interface PortBinding {
  readonly service: string;
  readonly hostIp?: string;
  readonly hostPorts?: PortRange;
  readonly containerPorts: PortRange;
  readonly protocol: string;
  readonly doc: ComposeDocument;
  readonly range: Range;
  readonly text: string;
}

function range(text: string): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

type ParsedPort = Omit<PortBinding, 'service' | 'doc'>;

/**
 * Each `ports` list read once while its nodes live: an unchanged block keeps
 * its nodes across edits, so the port-conflict and URL rules do not parse
 * thousands of mappings again per keystroke. The ranges are the nodes' own
 * arrays, which move with their block. Lists with aliases are not kept (what
 * an alias names depends on the rest of the document).
 */
const parsedPorts = new WeakMap<object, readonly ParsedPort[]>();

/**
 * The last list of bindings made for each `ports` list, with the service and document version they name:
 * asked again for the same ones (the port rules ask several times per service and run), it is the same list.
 */
const bindingsOf = new WeakMap<object, { readonly service: string; readonly doc: ComposeDocument; readonly list: readonly PortBinding[] }>();

const NO_BINDINGS: readonly PortBinding[] = [];

export function portBindings(part: ServicePart): readonly PortBinding[] {
  const ports = getValue(part.body, 'ports');
  if (!isSeq(ports)) return NO_BINDINGS;
  const made = bindingsOf.get(ports);
  if (made && made.service === part.name && made.doc === part.doc) return made.list;
  let parsed = parsedPorts.get(ports);
  const kept = parsed !== undefined || !ports.items.some((item) => isAlias(item));
  if (!parsed) {
    parsed = parsePorts(part.doc, ports.items);
    if (kept) parsedPorts.set(ports, parsed);
  }
  // Written out rather than spread: this runs for every service in several rules, and a spread copies slowly.
  const list: PortBinding[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    list.push({ hostIp: p.hostIp, hostPorts: p.hostPorts, containerPorts: p.containerPorts, protocol: p.protocol, range: p.range, text: p.text, service: part.name, doc: part.doc });
  }
  if (kept) bindingsOf.set(ports, { service: part.name, doc: part.doc, list });
  return list;
}

function parsePorts(doc: ComposeDocument, items: readonly unknown[]): ParsedPort[] {
  const result: ParsedPort[] = [];
  for (const raw of items) {
    const item = resolve(doc, raw) as Node | undefined;
    const at = (raw as Node | null)?.range as Range | undefined;
    if (!at) continue;
    if (isScalar(item)) {
      const text = scalarText(item);
      if (!text || isInterpolated(text)) continue;
      const mapping = parsePortMapping(text);
      if (!mapping) continue;
      result.push({ ...mapping, range: at, text });
    } else if (isMap(item)) {
      const values = ['published', 'target', 'host_ip', 'protocol'].map((k) => scalarText(getValue(item, k)));
      if (values.some((v) => v !== undefined && isInterpolated(v))) continue;
      const [published, target, hostIp, protocol] = values;
      const containerPorts = target ? range(target) : undefined;
      if (!containerPorts) continue;
      result.push({
        hostIp: hostIp || undefined,
        hostPorts: published ? range(published) : undefined,
        containerPorts,
        protocol: (protocol ?? 'tcp').toLowerCase(),
        range: at,
        text: `${published ?? ''}:${target}`,
      });
    }
  }
  return result;
}
