// A key of the format: our words, its type(s), allowed values, an example,
// and whether Compose ignores it (Swarm only) or has dropped it.
import type { KeySpec } from '../../spec/index';
import { fenced, list } from './markup';

export function keyBlocks(name: string, spec: KeySpec): string[] {
  const blocks = [`**${name}** · ${spec.kinds.join(' | ')}`, spec.doc];
  if (spec.acceptedForms) {
    blocks.push(`Accepted: ${list([...spec.acceptedForms])}, nothing else.`);
  } else if (spec.values && spec.values.length > 0) {
    blocks.push(`${spec.openValues ? 'Common values' : 'Allowed values'}: ${list(spec.values.map(String))}${spec.openValues ? ' (others are accepted too)' : ''}.`);
  }
  if (spec.swarmOnly) blocks.push('**Swarm only:** `docker compose` ignores this; `docker stack deploy` uses it.');
  if (spec.deprecated) blocks.push(`**Deprecated:** ${spec.deprecated}`);
  if (spec.example) blocks.push(fenced('yaml', spec.example));
  return blocks;
}
