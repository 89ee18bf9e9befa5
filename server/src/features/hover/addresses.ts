// An address in an environment value that reaches a service of the project by
// its name (features/addressAt.ts): which service answers there, on which
// network, and what the port is to that service — where it listens inside the
// network (CONTAINER_PORT), or a port it publishes on the host (HOST_PORT),
// which other containers do not use (the `host-port-in-url` warning says so too).
import { isMap } from 'yaml';
import type { ComposeProject } from '../../model/project';
import { getValue, scalarText, seqItems } from '../../model/nodes';
import { portBindings } from '../../diagnostics/rules/portBindings';
import { serviceNetworks, type ServicePart } from '../../diagnostics/rules/projectServices';
import type { AddressAt } from '../addressAt';
import { networkNames } from './facts';
import { bullets, code } from './markup';

function parts(project: ComposeProject, name: string): ServicePart[] {
  const out: ServicePart[] = [];
  for (const def of project.definitions('service', name)) {
    const file = project.file(def.uri);
    if (file && isMap(def.value)) out.push({ name, def, doc: file.model.doc, body: def.value });
  }
  return out;
}

export function addressBlocks(project: ComposeProject, address: AddressAt): string[] {
  const { service, from, port } = address;
  const target = parts(project, service);
  const lines: string[] = [];
  const theirs = serviceNetworks(target);
  const mine = serviceNetworks(parts(project, from));
  if (!theirs) lines.push(`${code(service)} has a \`network_mode\` of its own: whether ${code(from)} reaches it by this name depends on it.`);
  else if (service === from) lines.push(`${code(service)} is this service itself.`);
  else {
    const shared = mine ? [...theirs].filter((n) => mine.has(n)) : [];
    if (shared.length > 0) lines.push(`From ${code(from)}, the name ${code(service)} resolves on ${networkNames(project, shared).map(code).join(', ')}.`);
    else if (mine) lines.push(`${code(from)} and ${code(service)} share no network, so the name does not resolve from ${code(from)}.`);
  }
  if (!Number.isNaN(port)) lines.push(portLine(target, service, port));
  return [`**Address** ${code(Number.isNaN(port) ? service : `${service}:${port}`)}: the service ${code(service)}`, bullets(lines)];
}

function portLine(target: readonly ServicePart[], service: string, port: number): string {
  const bindings = target.flatMap((part) => portBindings(part));
  const inside = bindings.find((b) => port >= b.containerPorts[0] && port <= b.containerPorts[1]);
  if (inside) {
    const onHost = inside.hostPorts ? `; it is also published on the host (${code(inside.text)}), for connections from outside Compose` : '';
    return `Port ${code(port)} is where ${code(service)} listens inside the network (its CONTAINER_PORT)${onHost}.`;
  }
  const exposed = target.some((part) => seqItems(getValue(part.body, 'expose')).some((e) => Number(String(scalarText(e) ?? '').split(/[-/]/)[0]) === port));
  if (exposed) return `Port ${code(port)} is one ${code(service)} exposes to the other services (\`expose\`).`;
  const published = bindings.find((b) => b.hostPorts && port >= b.hostPorts[0] && port <= b.hostPorts[1]);
  if (published && published.hostPorts) {
    const listens = published.containerPorts[0] + (published.containerPorts[1] > published.containerPorts[0] ? port - published.hostPorts[0] : 0);
    return `Port ${code(port)} is ${code(service)}'s port on the host (HOST_PORT of ${code(published.text)}): other containers connect to ${code(`${service}:${listens}`)}, the CONTAINER_PORT.`;
  }
  return `Port ${code(port)}: ${code(service)} neither publishes nor exposes it in this project; whether it listens there is up to its image.`;
}
