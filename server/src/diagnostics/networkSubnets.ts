// The subnets a network of the project configures, as the engine takes them: one home for what
// `address-not-in-network` (rules/staticAddresses.ts) and `subnet-overlap` (rules/subnetOverlaps.ts) read.
import { isMap, isScalar } from 'yaml';
import type { ComposeProject } from '../model/project';
import { getValue, isExternalValue, scalarText, seqItems } from '../model/nodes';
import { parseCidr } from '../spec/engineValues';
import { isInterpolated } from '../spec/interpolated';

export interface ConfiguredSubnet {
  readonly text: string;
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefix: number;
  /** The `subnet:` value as written, and the file that writes it. */
  readonly node: unknown;
  readonly uri: string;
  /** Whether the definition that writes it enables IPv6 (`enable_ipv6: true`): the engine leaves an IPv6 subnet aside otherwise. */
  readonly ipv6Enabled: boolean;
}

/**
 * The subnets a network configures, all its definitions together; undefined when they cannot be known here: an
 * external network or another address driver (the engine's or the driver's), a subnet written with a variable
 * or malformed (the format check says so), or a name no file defines but `default` (which Compose makes itself,
 * with no subnet of the file's).
 */
export function configuredSubnets(project: ComposeProject, network: string): ConfiguredSubnet[] | undefined {
  const defs = project.definitions('network', network);
  if (defs.length === 0) return network === 'default' ? [] : undefined;
  const subnets: ConfiguredSubnet[] = [];
  for (const def of defs) {
    if (!isMap(def.value)) continue;
    if (isExternalValue(getValue(def.value, 'external'))) return undefined;
    const ipam = getValue(def.value, 'ipam');
    if (!isMap(ipam)) continue;
    const driver = scalarText(getValue(ipam, 'driver'));
    if (driver !== undefined && driver !== 'default') return undefined;
    const ipv6Enabled = scalarText(getValue(def.value, 'enable_ipv6')) === 'true';
    for (const config of seqItems(getValue(ipam, 'config'))) {
      const node = getValue(config, 'subnet');
      const text = isScalar(node) ? scalarText(node) : undefined;
      if (text === undefined) continue;
      const subnet = isInterpolated(text) ? undefined : parseCidr(text);
      if (!subnet) return undefined;
      subnets.push({ text, ...subnet, node, uri: def.uri, ipv6Enabled });
    }
  }
  return subnets;
}
