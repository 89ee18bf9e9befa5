// A service, wherever its name appears: how others reach it, its networks
// (by the names Docker gives them), what it runs and what it publishes.
import type { ComposeProject } from '../../model/project';
import { bullets, code, list } from './markup';
import { networkNames, serviceFacts } from './facts';

/**
 * How Compose names a service's containers: v1 `shop_web_1`, v2 `shop-web-1`.
 * The client says which Compose it runs; until it has, both are given.
 */
function containerNames(project: string, service: string, composeMajor: number | undefined): string {
  const v1 = `${code(`${project}_${service}_1`)}, ${code('_2')}... (project_service_number, Compose v1)`;
  const v2 = `${code(`${project}-${service}-1`)}, ${code('-2')}... (project-service-number)`;
  if (composeMajor === 1) return `Containers: ${v1}.`;
  if (composeMajor !== undefined && composeMajor >= 2) return `Containers: ${v2}.`;
  return `Containers: ${code(`${project}-${service}-1`)} with Compose v2, ${code(`${project}_${service}_1`)} with v1.`;
}

export function serviceBlocks(project: ComposeProject, name: string, composeMajor?: number): string[] {
  const facts = serviceFacts(project, name);
  if (!facts.defined) return [`**Service** ${code(name)}`, `No service ${code(name)} is defined in this project.`];
  const lines: (string | undefined)[] = [];
  if (facts.networkMode === 'host') {
    lines.push('Network: the host\'s own (`network_mode: host`): no host name of its own; it listens on the host\'s ports.');
  } else if (facts.networkMode === 'none') {
    lines.push('Network: none (`network_mode: none`): no other container can reach it.');
  } else if (facts.networkMode) {
    lines.push(`Network: shares the network stack of ${code(facts.networkMode)}.`);
  } else {
    const names = networkNames(project, facts.networks);
    lines.push(`Host name: ${code(name)}${facts.hostname ? ` (its own \`hostname\` is ${code(facts.hostname)})` : ''}: other services connect to ${code(`${name}:PORT`)}.`);
    lines.push(`Networks: ${names.map((full, i) => (full === facts.networks[i] ? code(full) : `${code(full)} (${code(facts.networks[i])})`)).join(', ')}.`);
    for (const [network, aliases] of facts.aliases) {
      lines.push(`Also reachable as ${list(aliases)} on ${code(networkNames(project, [network])[0])}.`);
    }
  }
  if (facts.image) lines.push(`Image: ${code(facts.image)}${facts.build !== undefined ? ` (built from ${code(facts.build)})` : ''}.`);
  // The context is often `.`: a sentence ending right after it would read "Built from .." as plain text.
  else if (facts.build !== undefined) lines.push(`Built from ${code(facts.build)} (the build context).`);
  if (facts.containerName) lines.push(`Container name: ${code(facts.containerName)}.`);
  else lines.push(containerNames(project.name.name, name, composeMajor));
  lines.push(facts.ports.length > 0 ? `Ports: ${list(facts.ports)}.` : 'Ports: none published on the host.');
  return [`**Service** ${code(name)}`, bullets(lines)];
}
