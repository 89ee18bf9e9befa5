// `outside-subnet`: an address of a network's `ipam` config that is not in
// the subnet it belongs to (a gateway, an auxiliary address). Compose loads
// the file; the engine refuses to create the network ("Requested address is
// out of range", "must belong to the master pool"), so: an error.
import { BlockList, isIP } from 'node:net';
import { isMap, isScalar } from 'yaml';
import { nodeRange, scalarText } from '../../model/nodes';
import { ipamConfig } from '../../spec/networks';
import { parseCidr } from '../../spec/engineValues';
import { isInterpolated } from '../../spec/interpolated';
import { DiagnosticSeverity } from '../make';
import { resolve } from '../specWalk';
import { lookupKey, throughAlias, type FormatRule } from './formatRule';

/** The text of a plain scalar, unless it is interpolated (its value is known only at run time). */
function plainText(node: unknown): string | undefined {
  const text = isScalar(node) ? scalarText(node) : undefined;
  return text === undefined || isInterpolated(text) ? undefined : text;
}

export const outsideSubnet: FormatRule = {
  code: 'outside-subnet',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === ipamConfig,
    map(v, report) {
      const subnetText = plainText(lookupKey(v, 'subnet').value);
      const subnet = subnetText === undefined ? undefined : parseCidr(subnetText);
      if (!subnet) return; // no subnet, or one the format check reports
      const pool = new BlockList();
      pool.addSubnet(subnet.address, subnet.prefix, subnet.family === 4 ? 'ipv4' : 'ipv6');
      const inside = (address: string) => pool.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
      const where = (found: { range?: readonly [number, number]; leafRange?: readonly [number, number] }) => (v.alias ? v.range : found.leafRange ?? found.range ?? v.range);

      const gateway = lookupKey(v, 'gateway');
      const gatewayText = plainText(gateway.value);
      if (gateway.own && gatewayText !== undefined && isIP(gatewayText) !== 0 && !inside(gatewayText)) {
        report(where(gateway), `The gateway ${gatewayText} is not in the subnet ${subnetText}: the engine refuses to create the network ("Requested address is out of range"). Use an address of the subnet, like its first one${throughAlias(v)}.`);
      }
      const aux = lookupKey(v, 'aux_addresses');
      const addresses = resolve(v.doc, aux.value);
      if (!aux.own || !isMap(addresses)) return;
      for (const pair of addresses.items) {
        const address = plainText(resolve(v.doc, pair.value));
        if (address === undefined || isIP(address) === 0 || inside(address)) continue;
        report(v.alias ? v.range : nodeRange(pair.value) ?? where(aux), `The address ${address} of ${scalarText(pair.key) ?? 'this host'} is not in the subnet ${subnetText}: the engine refuses to create the network ("must belong to the master pool"). Reserve an address of the subnet${throughAlias(v)}.`);
      }
    },
  },
};
