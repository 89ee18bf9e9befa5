// `port-not-exposed`: a published port whose CONTAINER_PORT the image does not
// EXPOSE, when the image exposes at least one port and everything it exposes
// is known (its Dockerfile, or the engine's image). A warning, not an error:
// EXPOSE is documentation and a process may listen elsewhere, but a mapping to
// a port nothing listens on is the most common reason a published port
// "does not answer". Silent when nothing is known.
import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { describePorts, exposes } from '../../images/exposedPorts';
import { entries, getValue, rangeInScalar, scalarText, seqItems, type Range } from '../../model/nodes';
import { isInterpolated, parsePortMapping } from '../../spec/index';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';
import { readable, type TextLike } from '../../model/chunkedDocument';

/** What the quick fix reads back: the single ports the image exposes on the mapping's protocol. */
export interface PortNotExposedData {
  readonly exposedPorts: readonly number[];
}

interface ContainerPort {
  readonly port: number;
  readonly protocol: string;
  /** Where the container port is written. */
  readonly range: Range;
}

/** A short-form entry whose host part is written with variables and whose container part is not: `${WEB_PORT:-8080}:80/udp`. */
const VARIABLE_HOST = /^\$.*:(\d+)(?:\/(tcp|udp|sctp))?$/i;

/** The container port of a `ports` entry (short or long form), when it is one literal port. */
export function containerPortOf(item: unknown, source: TextLike): ContainerPort | undefined {
  if (isScalar(item)) {
    const text = scalarText(item);
    if (!text) return undefined;
    const slash = text.lastIndexOf('/');
    const end = slash > text.lastIndexOf('}') ? slash : text.length;
    const start = text.lastIndexOf(':', end - 1) + 1;
    // The host port may come from a variable (`${WEB_PORT:-8080}:80`): the container port written after it is judged alone.
    if (isInterpolated(text)) {
      const written = VARIABLE_HOST.exec(text);
      if (!written || isInterpolated(text.slice(start))) return undefined;
      return { port: Number(written[1]), protocol: (written[2] ?? 'tcp').toLowerCase(), range: rangeInScalar(item as Scalar, source, start, end - start) };
    }
    const mapping = parsePortMapping(text);
    if (!mapping || mapping.containerPorts[0] !== mapping.containerPorts[1]) return undefined;
    return { port: mapping.containerPorts[0], protocol: mapping.protocol, range: rangeInScalar(item as Scalar, source, start, end - start) };
  }
  if (isMap(item)) {
    const target = getValue(item, 'target');
    const text = scalarText(target);
    if (!isScalar(target) || !text || !/^\d+$/.test(text)) return undefined;
    const protocol = (scalarText(getValue(item, 'protocol')) ?? 'tcp').toLowerCase();
    return { port: Number(text), protocol, range: rangeInScalar(target as Scalar, source, 0, text.length) };
  }
  return undefined;
}

/**
 * A service's `ports` items (none with the host's network), looked up once per entry's pair: an unchanged
 * block keeps its pair across edits, and its body is read again only when asked (model/blockTrees.ts), which
 * a lookup for every service on every run would do.
 */
const portsOfEntry = new WeakMap<Pair, readonly unknown[]>();

function publishedPorts(entry: Pair): readonly unknown[] {
  let ports = portsOfEntry.get(entry);
  if (!ports) {
    const body = entry.value;
    ports = !body || typeof body !== 'object' || scalarText(getValue(body, 'network_mode')) === 'host' ? [] : seqItems(getValue(body, 'ports'));
    portsOfEntry.set(entry, ports);
  }
  return ports;
}

export const portNotExposed: Rule<PortNotExposedData> = {
  codes: ['port-not-exposed'],
  run({ doc, project, workspace, images }) {
    if (!images) return [];
    const source = readable(doc.text);
    const out: Diagnostic[] = [];
    for (const [service, pair] of entries(getValue(doc.yaml.contents, 'services'))) {
      const ports = publishedPorts(pair);
      if (ports.length === 0) continue;
      const exposure = images.forService(project, workspace, service);
      if (!exposure || !exposure.complete || exposure.ports.length === 0) continue;
      for (const item of ports) {
        const container = containerPortOf(item, source);
        if (!container || exposes(exposure.ports, container.port, container.protocol)) continue;
        const candidates = [...new Set(exposure.ports.filter((p) => p.protocol === container.protocol && p.from === p.to).map((p) => p.from))];
        out.push(diagnostic(
          doc,
          container.range,
          DiagnosticSeverity.Warning,
          'port-not-exposed',
          `CONTAINER_PORT ${container.port}/${container.protocol} is not exposed by the image of \`${service}\`: ${exposure.source} exposes ${describePorts(exposure.ports)}. ` +
            'The right-hand port must be the one the process listens on in the container; unless it really listens there, connections to this mapping will fail.',
          { data: { exposedPorts: candidates } satisfies PortNotExposedData },
        ));
      }
    }
    return out;
  },
  /** One fix per exposed port, preferred when the image exposes just one; only while the port is still written there. */
  fix({ doc, diagnostic: d, data }) {
    const ports = Array.isArray(data.exposedPorts) ? data.exposedPorts.filter((p) => typeof p === 'number') : [];
    if (!/^\d+$/.test(doc.text.getText(d.range))) return [];
    return ports.map((port) => ({
      title: `Use container port ${port} (exposed by the image)`,
      edits: [{ range: d.range, newText: String(port) }],
      preferred: ports.length === 1,
    }));
  },
};
