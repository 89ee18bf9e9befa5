// `subnet-overlap`: two networks of the project configure subnets that share
// addresses (`172.31.0.0/16` and `172.31.5.0/24`). Compose loads the file;
// at `up` it creates the networks its services join, and the engine refuses
// the second one ("Pool overlaps with other one on this address space"), so
// nothing starts: an error. Networks no service joins are not created (the
// file then starts), so a pair is judged only when both are joined; when
// every service joining one of them has `profiles`, the clash comes only with
// those profiles enabled: a warning. Networks Compose does not create
// (external ones), other address drivers, networks with a subnet written
// with a variable and IPv6 subnets of a network without `enable_ipv6: true`
// (measured: the engine leaves those aside) are not judged
// (../networkSubnets.ts); a subnet that is no CIDR has a finding of its own (invalid-format).
// Networks of other projects or the engine's own are run time's.
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeProject } from '../../model/project';
import { joinedAcross } from '../../model/serviceNetworks';
import { mergedNetworksOf } from './projectServices';
import { getValue, nodeRange, seqItems } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { configuredSubnets } from '../networkSubnets';
import type { Rule } from './rule';

interface Pool {
  readonly network: string;
  readonly text: string;
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly uri: string;
  readonly node: unknown;
}

export const subnetOverlaps: Rule = {
  codes: ['subnet-overlap'],
  run(req) {
    const { doc, project } = req;
    const pools = configuredPools(project);
    if (pools.length < 2) return [];
    pools.sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const out: Diagnostic[] = [];
    let joined: ReturnType<typeof joinedNetworks> | undefined;
    for (let i = 0; i < pools.length; i++) {
      const a = pools[i]!;
      for (let j = i + 1; j < pools.length; j++) {
        const b = pools[j]!;
        if (b.family !== a.family || b.first > a.last) break;
        if (b.network === a.network) continue;
        // Reported once, at the subnet written later (in load order, then in the file), where it is in this file.
        const [earlier, later] = writtenBefore(project, a, b) ? [a, b] : [b, a];
        const range = later.uri === doc.uri ? nodeRange(later.node) : undefined;
        if (!range) continue;
        joined ??= joinedNetworks(project);
        const users = [joined.get(earlier.network), joined.get(later.network)];
        if (users.some((u) => u === undefined)) continue; // a network no service joins is not created
        const onlyWithProfiles = users.some((u) => u === 'profiles');
        out.push(diagnostic(doc, range, onlyWithProfiles ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'subnet-overlap',
          `The subnet ${later.text} of network "${later.network}" overlaps ${earlier.text} of network "${earlier.network}": at up the engine refuses to create the second network ("Pool overlaps with other one on this address space"), and no container starts${onlyWithProfiles ? ' (with the profiles of the services that join them enabled)' : ''}. Give each network addresses of its own.`));
      }
    }
    return out;
  },
};

/** Every subnet of a network Compose creates with the default address driver, as a range of addresses. */
function configuredPools(project: ComposeProject): Pool[] {
  const pools: Pool[] = [];
  for (const network of project.names('network')) {
    for (const subnet of configuredSubnets(project, network) ?? []) {
      // An IPv6 subnet is given out only on a network with IPv6 enabled; the engine leaves it aside otherwise.
      if (subnet.family === 6 && !subnet.ipv6Enabled) continue;
      const range = addressRange(subnet);
      if (range) pools.push({ network, text: subnet.text, family: subnet.family, ...range, uri: subnet.uri, node: subnet.node });
    }
  }
  return pools;
}

/** The first and last address of a subnet, as numbers. */
function addressRange(cidr: { address: string; family: 4 | 6; prefix: number }): { first: bigint; last: bigint } | undefined {
  const value = addressValue(cidr.address, cidr.family);
  if (value === undefined) return undefined;
  const bits = BigInt(cidr.family === 4 ? 32 : 128);
  const host = bits - BigInt(cidr.prefix);
  const first = (value >> host) << host;
  return { first, last: first + (1n << host) - 1n };
}

/** An IPv4 or IPv6 address (already known to be one) as a number. */
function addressValue(address: string, family: 4 | 6): bigint | undefined {
  if (family === 4) return address.split('.').reduce((n, part) => (n << 8n) + BigInt(Number(part)), 0n);
  let text = address;
  // An IPv4 tail (`::ffff:10.0.0.1`) is two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (all.length !== 8) return undefined;
  return all.reduce((n, group) => (n << 16n) + BigInt(parseInt(group, 16)), 0n);
}

/** Whether `a` is written before `b`: in an earlier file of the project, else earlier in the same file. */
function writtenBefore(project: ComposeProject, a: Pool, b: Pool): boolean {
  if (a.uri !== b.uri) {
    const order = project.files.map((f) => f.uri);
    return order.indexOf(a.uri) < order.indexOf(b.uri);
  }
  return (nodeRange(a.node)?.[0] ?? 0) < (nodeRange(b.node)?.[0] ?? 0);
}

/**
 * The networks the project's services join: `all` where a service without profiles joins it, `profiles` where
 * only services with profiles do (Compose creates it only when one of those runs).
 */
function joinedNetworks(project: ComposeProject): Map<string, 'all' | 'profiles'> {
  const joined = new Map<string, 'all' | 'profiles'>();
  const throughMerges = mergedNetworksOf(project);
  for (const service of project.names('service')) {
    const defs = project.definitions('service', service);
    const networks = joinedAcross(defs, throughMerges);
    const profiled = defs.some((def) => seqItems(getValue(def.value, 'profiles')).length > 0);
    for (const network of networks) if (joined.get(network) !== 'all') joined.set(network, profiled ? 'profiles' : 'all');
  }
  return joined;
}
