// `host-port-replicas`: a service run as several containers
// (`deploy.replicas` or `scale` above 1) that publishes a fixed host port.
// `docker compose up` starts every container with the same mappings, and the
// engine binds a host port once, so all but the first fail to start ("port is
// already allocated"; the docker tier runs it). A host range with one
// container port is Docker's to share out, one port per container, so it fits
// as many containers as it has ports. A warning, not an error: a Swarm
// publishes a port once for all replicas through its routing mesh, so
// `docker stack deploy` runs the same file whole, and which of the two runs
// it only run time knows (`permissions-ignored` is a warning for the same
// reason). A code of its own, so a Swarm user can turn it off and keep
// `port-conflict`; and a long form that says `mode: ingress`, the routing
// mesh, is written for a Swarm and not warned. Quick fix (preferred): a host
// range of one port per container.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { PortRange } from '../../spec/index';
import type { ComposeDocument } from '../../model/document';
import { getValue, scalarText } from '../../model/nodes';
import { resolve } from '../specWalk';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Fix } from '../fix';
import { portBindings, portVariables } from './portBindings';
import { servicePart, wholeNumber } from './projectServices';
import type { Rule } from './rule';

/** What the fix needs: the host ports written, and how many containers share them. */
export interface HostPortReplicasData {
  readonly hostPorts?: { readonly from: number; readonly to: number; readonly containers: number };
}

/**
 * How many containers Compose runs for a service body, and which key says so; undefined for one. A count written
 * with variables is what `lookup` (the project's variables) gives; without one, it is not known.
 */
export function containerCount(body: unknown, lookup?: (name: string) => string | undefined): { count: number; by: string } | undefined {
  const replicas = wholeNumber(getValue(getValue(body, 'deploy'), 'replicas'), lookup);
  const scale = wholeNumber(getValue(body, 'scale'), lookup);
  const count = Math.max(replicas ?? 1, scale ?? 1);
  if (count <= 1) return undefined;
  return { count, by: (replicas ?? 1) > 1 ? `deploy.replicas is ${replicas}` : `scale is ${scale}` };
}

/**
 * How `count` containers share a mapping's host ports: each gets one of a host range mapped to one container
 * port (`fits` while the range has enough, else `short` of them fail to start); a fixed host port, or a range
 * mapped to a range, is bound whole by every container (`all`: all but the first fail).
 */
export function replicaFit(hostPorts: PortRange, containerPorts: PortRange, count: number): { kind: 'fits' } | { kind: 'short'; failing: number; width: number } | { kind: 'all' } {
  const width = hostPorts[1] - hostPorts[0] + 1;
  if (containerPorts[0] !== containerPorts[1] || width === 1) return { kind: 'all' };
  return width >= count ? { kind: 'fits' } : { kind: 'short', failing: count - width, width };
}

/** A long-form port entry that asks for the Swarm's routing mesh (`mode: ingress`), one published port for all replicas. */
function meantForSwarm(doc: ComposeDocument, entry: unknown): boolean {
  const item = resolve(doc, entry);
  return isMap(item) && scalarText(getValue(item, 'mode')) === 'ingress';
}

const SWARM = ' A Swarm shares one published port among replicas: `docker stack deploy` runs this as written.';

export const hostPortReplicas: Rule<HostPortReplicasData> = {
  codes: ['host-port-replicas'],
  // A block rule that reads the project's variables (ports and counts written with them, as Compose reads them):
  // its findings are kept under the variables' key (blockRules.ts).
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      const part = def.kind === 'service' ? servicePart(def, doc) : undefined;
      if (!part) continue;
      const containers = containerCount(part.body, project.lookup);
      if (!containers) continue;
      const { count, by } = containers;
      for (const binding of portBindings(part, portVariables(project))) {
        const hosts = binding.hostPorts;
        if (!hosts || hosts[0] === 0 || meantForSwarm(doc, binding.entry)) continue;
        const fit = replicaFit(hosts, binding.containerPorts, count);
        if (fit.kind === 'fits') continue;
        const shared = binding.containerPorts[0] === binding.containerPorts[1];
        const ports = hosts[0] === hosts[1] ? `host port ${hosts[0]}/${binding.protocol}` : `host ports ${hosts[0]}-${hosts[1]}/${binding.protocol}`;
        const widened = `${hosts[0]}-${hosts[0] + count - 1}`;
        const message =
          fit.kind === 'short'
            ? `Service "${def.name}" runs ${count} containers (${by}) on ${ports}, ${fit.width} ports for ${count} containers: Docker gives each container one, so \`docker compose up\` fails ${fit.failing} of them ("port is already allocated"). Widen the range to ${count} ports (${widened}).${SWARM}`
            : shared
              ? `Service "${def.name}" runs ${count} containers (${by}), and each publishes ${ports}: the engine binds a host port once, so \`docker compose up\` starts the first and fails the others ("port is already allocated"). Publish a range of ${count} host ports (${widened}: Docker gives each container one), or leave the host port out.${SWARM}`
              : `Service "${def.name}" runs ${count} containers (${by}), and each publishes ${ports} (a range mapped to a range binds every port in each container), so \`docker compose up\` starts the first and fails the others ("port is already allocated"). Map one container port from a range of ${count} host ports, or leave the host ports out.${SWARM}`;
        out.push(diagnostic<HostPortReplicasData>(doc, binding.range, DiagnosticSeverity.Warning, 'host-port-replicas', message,
          shared ? { data: { hostPorts: { from: hosts[0], to: hosts[1], containers: count } } } : {}));
      }
    }
    return out;
  },
  fix: (({ doc, diagnostic, data }) => {
    const ports = data.hostPorts;
    if (!ports || ![ports.from, ports.to, ports.containers].every(Number.isInteger) || ports.containers < 2) return [];
    const text = doc.text.getText(diagnostic.range);
    const written = ports.from === ports.to ? `${ports.from}` : `${ports.from}-${ports.to}`;
    // The host part of `[ip:]HOST:CONTAINER`, or a long form's `published:`; never a digit of an address before it.
    const short = new RegExp(`(?<![0-9.-])${written}(?=:[0-9])`).exec(text);
    const published = new RegExp(`(published:[ \\t]*["']?)${written}(?![0-9-])`).exec(text);
    const at = short ? short.index : published ? published.index + published[1]!.length : -1;
    if (at < 0) return [];
    const start = doc.text.offsetAt(diagnostic.range.start) + at;
    const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(start + written.length) };
    // A range is text to YAML, quoted or not, and Compose reads `published` as text.
    const widened = `${ports.from}-${ports.from + ports.containers - 1}`;
    return [{ title: `Publish host ports ${widened}: one for each of the ${ports.containers} containers`, edits: [{ range, newText: widened }], preferred: true }];
  }) as Fix<HostPortReplicasData>,
};
