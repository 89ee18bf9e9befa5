// An address in an environment value that reaches a service of the project by
// its name (features/addressAt.ts): which service answers there, on which
// network, and what the port is to that service — where it listens inside the
// network (CONTAINER_PORT), or a port it publishes on the host (HOST_PORT),
// which other containers do not use (the `host-port-in-url` warning reads the
// port the same way, `portRole`).
import type { ComposeProject } from '../../model/project';
import { portRole } from '../../diagnostics/rules/serviceUrls';
import { portVariables } from '../../diagnostics/rules/portBindings';
import { serviceNetworks, serviceParts, type ServicePart } from '../../diagnostics/rules/projectServices';
import type { AddressAt } from '../addressAt';
import { networkNames } from './facts';
import { bullets, code } from './markup';

export function addressBlocks(project: ComposeProject, address: AddressAt): string[] {
  const { service, from, port } = address;
  const target = serviceParts(project, service);
  const lines: string[] = [];
  const theirs = serviceNetworks(target);
  const mine = serviceNetworks(serviceParts(project, from));
  if (!theirs) lines.push(`${code(service)} has a \`network_mode\` of its own: whether ${code(from)} reaches it by this name depends on it.`);
  else if (service === from) lines.push(`${code(service)} is this service itself.`);
  else {
    const shared = mine ? [...theirs].filter((n) => mine.has(n)) : [];
    if (shared.length > 0) lines.push(`From ${code(from)}, the name ${code(service)} resolves on ${networkNames(project, shared).map(code).join(', ')}.`);
    else if (mine) lines.push(`${code(from)} and ${code(service)} share no network, so the name does not resolve from ${code(from)}.`);
  }
  if (!Number.isNaN(port)) lines.push(portLine(project, target, service, port));
  return [`**Address** ${code(Number.isNaN(port) ? service : `${service}:${port}`)}: the service ${code(service)}`, bullets(lines)];
}

function portLine(project: ComposeProject, target: readonly ServicePart[], service: string, port: number): string {
  const role = portRole(target, port, portVariables(project));
  switch (role.kind) {
    case 'inside': {
      const onHost = role.binding.hostPorts ? `; it is also published on the host (${code(role.binding.text)}), for connections from outside Compose` : '';
      return `Port ${code(port)} is where ${code(service)} listens inside the network (its CONTAINER_PORT)${onHost}.`;
    }
    case 'exposed':
      return `Port ${code(port)} is one ${code(service)} exposes to the other services (\`expose\`).`;
    case 'host':
      return `Port ${code(port)} is ${code(service)}'s port on the host (HOST_PORT of ${code(role.binding.text)}): other containers connect to ${code(`${service}:${role.inside}`)}, the CONTAINER_PORT.`;
    case 'unknown':
      return `Port ${code(port)}: ${code(service)} neither publishes nor exposes it in this project; whether it listens there is up to its image.`;
  }
}
