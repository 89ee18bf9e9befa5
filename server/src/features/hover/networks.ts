// A network, where it is defined or used: the name Docker gives it, its
// driver, and which services are on it (they reach each other by name).
import type { ComposeProject } from '../../model/project';
import { bullets, code, list } from './markup';
import { networkMembers, resourceFacts } from './facts';

export function networkBlocks(project: ComposeProject, key: string): string[] {
  const facts = resourceFacts(project, 'networks', key);
  const members = networkMembers(project, key);
  const lines: string[] = [];
  if (!facts.defined && key !== 'default') {
    return [`**Network** ${code(key)}`, `${code(key)} is not defined under the top-level \`networks:\`: Compose refuses to start a service that uses it.`];
  }
  lines.push(`Full name: ${code(facts.fullName)}${facts.external ? ' (external: created outside this project; Compose never creates or removes it)' : ' (Compose creates it on `up` and removes it on `down`)'}.`);
  if (!facts.defined) lines.push('The project\'s default network: Compose creates it for services that name no network.');
  lines.push(`Driver: ${code(facts.driver ?? 'bridge')}${facts.driver ? '' : ' (the default)'}.`);
  lines.push(members.length > 0 ? `Services on it: ${list(members)}; they reach each other by service name.` : 'No service of this project is on it.');
  return [`**Network** ${code(key)}`, bullets(lines)];
}
