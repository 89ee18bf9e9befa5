// `address-not-in-network`: a service's own address on a network (`ipv4_address`,
// `ipv6_address`) that the network cannot give: the engine gives a container a fixed address only on a
// network whose subnets the file configures (`ipam.config`), and only one in
// such a subnet; otherwise it refuses to start the container ("user specified
// IP address is supported only when connecting to networks with user
// configured subnets", "does not belong to any of this network's subnets").
// Networks Compose does not create (external ones), custom address drivers
// and interpolated subnets are not judged, nor names no network defines
// (`undefined-network` speaks of those).
import { BlockList, isIP } from 'node:net';
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { getValue, nodeRange, scalarText } from '../../model/nodes';
import type { ComposeDocument } from '../../model/document';
import { bodyAsComposed } from './projectServices';
import { perDefinition } from '../../model/definitionMemo';
import { isInterpolated } from '../../spec/interpolated';
import { diagnostic, DiagnosticSeverity } from '../make';
import { configuredSubnets } from '../networkSubnets';
import { mayBePartial, PARTIAL_NOTE } from './partialFile';
import type { Rule } from './rule';

interface StaticAddress {
  readonly network: string;
  readonly key: 'ipv4_address' | 'ipv6_address';
  readonly text: string;
  readonly node: unknown;
}

/** A service's fixed addresses, looked up once per definition. */
const staticAddresses = perDefinition((written: unknown, doc: ComposeDocument): readonly StaticAddress[] => {
  // Also the addresses a `<<` merge brings.
  const body = bodyAsComposed(doc, written);
  if (!body || typeof body !== 'object') return [];
  const list: StaticAddress[] = [];
  const networks = getValue(body, 'networks');
  if (isMap(networks)) {
    for (const pair of networks.items) {
      const network = scalarText(pair.key);
      if (network === undefined || !isMap(pair.value)) continue;
      for (const key of ['ipv4_address', 'ipv6_address'] as const) {
        const node = getValue(pair.value, key);
        const text = scalarText(node);
        if (text !== undefined && !isInterpolated(text) && isIP(text) === (key === 'ipv4_address' ? 4 : 6)) list.push({ network, key, text, node });
      }
    }
  }
  return list;
});

export const staticAddressRule: Rule = {
  codes: ['address-not-in-network'],
  run(req) {
    const { doc, file, project } = req;
    const out: Diagnostic[] = [];
    // A file given with -f beside others we cannot see: one of them may configure the network's subnets.
    const partial = mayBePartial(req);
    const severity = partial ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    const note = partial ? PARTIAL_NOTE : '';
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const address of staticAddresses(def, doc)) {
        const subnets = configuredSubnets(project, address.network);
        const range = nodeRange(address.node);
        if (!subnets || !range) continue;
        const family = address.key === 'ipv4_address' ? 4 : 6;
        const own = subnets.filter((s) => s.family === family);
        if (own.length === 0) {
          out.push(diagnostic(doc, range, severity, 'address-not-in-network',
            `Network "${address.network}" has no IPv${family} subnet configured here: the engine gives a fixed address only on a network whose subnets the file sets, and refuses to start the container ("user specified IP address is supported only when connecting to networks with user configured subnets"). Add an ipam config with a subnet to "${address.network}", or remove ${address.key}.${note}`));
          continue;
        }
        const pool = new BlockList();
        for (const s of own) pool.addSubnet(s.address, s.prefix, family === 4 ? 'ipv4' : 'ipv6');
        if (pool.check(address.text, family === 4 ? 'ipv4' : 'ipv6')) continue;
        out.push(diagnostic(doc, range, severity, 'address-not-in-network',
          `${address.text} is not in a subnet of network "${address.network}" (${own.map((s) => s.text).join(', ')}): the engine refuses to start the container ("does not belong to any of this network's subnets"). Use an address of the subnet.${note}`));
      }
    }
    return out;
  },
};
