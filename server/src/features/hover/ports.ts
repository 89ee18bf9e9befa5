// Ports in words: which number is opened on the host (HOST_PORT), which one
// the process listens on (CONTAINER_PORT), and the addresses that reach it
// from this machine and from the other services.
import { isIP } from 'node:net';
import { isMap, type Node } from 'yaml';
import { interpolateText } from '../../model/interpolation';
import { getValue, scalarText } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { checkFormat, isInterpolated, parsePortMapping, type PortMapping, type PortRange } from '../../spec/index';
import { describePorts, exposes, type ServiceExposure } from '../../images/exposedPorts';
import { bullets, code, list } from './markup';
import { networkNames, serviceFacts } from './facts';
import { serviceParts } from '../../diagnostics/rules/projectServices';
import { containerCount, replicaFit } from '../../diagnostics/rules/hostPortReplicas';

interface Published {
  readonly hostIp?: string;
  readonly hostPorts?: PortRange;
  readonly containerPorts: PortRange;
  readonly protocol: string;
  /** Long syntax `mode:` (Swarm). */
  readonly mode?: string;
  readonly long?: boolean;
}

const show = (range: PortRange) => (range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`);

function parseRange(text: string | undefined): PortRange | undefined {
  const m = text === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** Blocks for a `ports` entry (short text or long mapping) of `service`. */
export function portBlocks(project: ComposeProject, service: string, item: Node | null | undefined, exposure?: ServiceExposure): string[] {
  let written: string;
  let published: Published | undefined;
  let problem: string | undefined;
  let substituted: string | undefined;
  if (isMap(item)) {
    const value = (k: string) => {
      const raw = scalarText(getValue(item, k));
      return raw === undefined ? undefined : interpolateText(raw, project.lookup).text;
    };
    const target = parseRange(value('target'));
    written = [value('host_ip'), value('published'), value('target')].filter((s) => s !== undefined).join(':') + (value('protocol') ? `/${value('protocol')}` : '');
    if (target) {
      published = { hostIp: value('host_ip'), hostPorts: parseRange(value('published')), containerPorts: target, protocol: value('protocol') ?? 'tcp', mode: value('mode'), long: true };
    } else problem = 'The long form needs `target`: the port the process listens on in the container.';
  } else {
    written = scalarText(item) ?? '';
    const text = isInterpolated(written) ? interpolateText(written, project.lookup).text : written;
    const mapping: PortMapping | undefined = parsePortMapping(text);
    if (mapping) published = mapping;
    else problem = checkFormat('port-mapping', text) ?? `${code(text)} is not a port mapping: write \`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]\`.`;
    if (text !== written) substituted = text;
  }
  const title = `**Published port** ${code(written)} of service ${code(service)}` + (substituted !== undefined ? ` (with variables: ${code(substituted)})` : '');
  if (!published) return [title, problem!];
  const lines = describe(project, service, published);
  if (exposure) lines.push(exposureLine(exposure, published));
  return [title, bullets(lines)];
}

/** What the image listens on (EXPOSE), and whether CONTAINER_PORT is among it. */
function exposureLine(exposure: ServiceExposure, p: Published): string {
  if (exposure.ports.length === 0) {
    return exposure.complete ? `${exposure.source} exposes no port (no \`EXPOSE\`): check which port the process listens on.` : `${exposure.source} exposes no port itself; its base image may.`;
  }
  const single = p.containerPorts[0] === p.containerPorts[1];
  const listed = single && exposes(exposure.ports, p.containerPorts[0], p.protocol);
  const verdict = !single ? '' : listed ? ` (CONTAINER_PORT ${p.containerPorts[0]} is one of them)` : exposure.complete ? ` (not CONTAINER_PORT ${p.containerPorts[0]})` : '';
  return `${exposure.source} exposes ${code(describePorts(exposure.ports))}${verdict}${exposure.complete ? '' : ', and whatever its base image exposes'}.`;
}

/** What a host port is to a service run as several containers (`deploy.replicas`, `scale`): each container needs one of its own, as the `host-port-replicas` warning says. */
function severalContainers(project: ComposeProject, service: string, hostPorts: PortRange, containerPorts: PortRange): string | undefined {
  const containers = serviceParts(project, service).map((part) => containerCount(part.body, project.lookup)).find((count) => count !== undefined);
  if (!containers || hostPorts[0] === 0) return undefined;
  const { count, by } = containers;
  const runs = `${code(service)} runs ${count} containers (${by})`;
  const fit = replicaFit(hostPorts, containerPorts, count);
  if (fit.kind === 'fits') return `${runs}: each takes a free port of ${code(show(hostPorts))} of its own.`;
  const swarm = 'a Swarm (`docker stack deploy`) shares a published port among its replicas.';
  if (fit.kind === 'short') return `${runs}, ${fit.width} host ports for them: \`docker compose up\` fails ${fit.failing} of them; ${swarm}`;
  return `${runs}, each publishing this: \`docker compose up\` starts the first and fails the others; ${swarm}`;
}

function describe(project: ComposeProject, service: string, p: Published): string[] {
  const facts = serviceFacts(project, service);
  const container = show(p.containerPorts);
  if (facts.networkMode === 'host') {
    // Docker discards published ports on the host's network: what the mapping says about the host is not true.
    const hostPorts = p.hostPorts ? `: HOST_PORT ${code(show(p.hostPorts))} is not opened` : '';
    return [
      `${code(service)} uses the host's network (\`network_mode: host\`), so Docker ignores this mapping${hostPorts}.`,
      `The process in ${code(service)} listens on the host's port ${code(container)} itself (CONTAINER_PORT, ${p.long ? '`target`' : 'the right part'}).`,
      `From this machine: ${code(`localhost:${container}`)}.`,
    ];
  }
  const lines: string[] = [];
  if (p.hostPorts) {
    lines.push(`HOST_PORT ${code(show(p.hostPorts))} (${p.long ? '`published`' : p.hostIp ? 'the middle part' : 'the left part'}) is opened on the host${hostScope(p.hostIp)}.`);
  } else {
    lines.push(`No HOST_PORT: Docker publishes the container port on a random free host port; \`docker compose port ${service} ${p.containerPorts[0]}\` tells which.`);
  }
  lines.push(`CONTAINER_PORT ${code(container)} (${p.long ? '`target`' : 'the right part'}) is where the process in ${code(service)} listens.`);
  const hostAddress = p.hostPorts ? `${hostFor(p.hostIp)}:${show(p.hostPorts)}` : undefined;
  if (hostAddress) lines.push(`From this machine: ${code(hostAddress)}.`);
  lines.push(fromServices(project, service, facts.networkMode, facts.networks, container));
  if (p.hostPorts && p.hostPorts[0] !== p.hostPorts[1]) {
    lines.push(p.containerPorts[0] === p.containerPorts[1]
      ? `A host range for one container port: Docker takes the first free port of ${code(show(p.hostPorts))}.`
      : `Ranges map one to one: host ${p.hostPorts[0]} → container ${p.containerPorts[0]}, host ${p.hostPorts[0] + 1} → container ${p.containerPorts[0] + 1}, and so on.`);
  }
  const replicas = p.hostPorts ? severalContainers(project, service, p.hostPorts, p.containerPorts) : undefined;
  if (replicas) lines.push(replicas);
  if (p.protocol !== 'tcp') lines.push(`Protocol ${p.protocol.toUpperCase()}: only ${p.protocol.toUpperCase()} traffic is forwarded (TCP clients cannot connect).`);
  if (p.mode === 'ingress') lines.push('`mode: ingress`: under Swarm, every node accepts the port and spreads connections over the replicas; `docker compose` publishes on this host.');
  if (p.mode === 'host') lines.push('`mode: host`: the port is opened on the node that runs each container (one container per node and port).');
  return lines;
}

function hostScope(ip: string | undefined): string {
  if (!ip || ip === '0.0.0.0' || ip === '::') {
    return ip === '::' ? ' on every IPv6 interface' : ', on every interface: other machines can connect too, unless a firewall stops them';
  }
  if (ip === '127.0.0.1' || ip === '::1' || ip.startsWith('127.')) return `, bound to ${code(ip)}: only reachable from this machine`;
  return `, bound to ${code(ip)}: reachable only through that address`;
}

function hostFor(ip: string | undefined): string {
  if (!ip || ip === '0.0.0.0') return 'localhost';
  if (ip === '::') return 'localhost';
  return isIP(ip) === 6 ? `[${ip}]` : ip;
}

function fromServices(project: ComposeProject, service: string, networkMode: string | undefined, networks: readonly string[], container: string): string {
  if (networkMode === 'none') return `${code(service)} has no network (\`network_mode: none\`): nothing can reach this port.`;
  if (networkMode?.startsWith('service:') || networkMode?.startsWith('container:')) {
    return `${code(service)} shares the network stack of ${code(networkMode)}: other containers reach it through that one's name, at port ${code(container)}.`;
  }
  const names = networkNames(project, networks);
  return `From another service: ${code(`${service}:${container}`)}, by the service name on ${names.length === 1 ? 'the network' : 'the networks'} ${list(names)}; the HOST_PORT plays no part there.`;
}

/** Blocks for an `expose` entry: a port for the other containers only. */
export function exposeBlocks(project: ComposeProject, service: string, item: Node | null | undefined): string[] {
  const written = scalarText(item) ?? '';
  const [port, protocol] = written.split('/');
  const facts = serviceFacts(project, service);
  return [
    `**Exposed port** ${code(written)} of service ${code(service)}`,
    bullets([
      `Not published: nothing is opened on the host. Only other services on ${list(networkNames(project, facts.networks))} reach it, at ${code(`${service}:${port}`)}${protocol ? ` (${protocol.toUpperCase()})` : ''}.`,
      'To reach it from this machine, list it under `ports` instead (e.g. `"8080:' + port + '"`).',
    ]),
  ];
}
