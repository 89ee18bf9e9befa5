// `mac-address-conflict`: a service's `mac_address` and the one it gives its
// first network differ. Compose loads the file and refuses to create the
// container at `up` ("the service-level mac_address should have the same value
// as network front"), whatever the engine: an error. Its first network is the
// one it connects first, the highest `priority` and, between equals, the name
// that sorts first; the addresses it sets on other networks are not compared.
// The texts are compared as written, as Compose does (`02:42:AC:...` differs
// from `02:42:ac:...`). Only what the service writes itself is read: a key
// brought in by a merge, `extends` or another file is not, and a value with a
// variable or a priority that is not a number leaves the verdict to run time,
// and an address that is no MAC address has an error of its own (invalid-format).
import { isMap, isScalar, type Pair } from 'yaml';
import type { QuickFix } from '../fix';
import { DiagnosticSeverity } from '../make';
import { getValue, nodeRange, scalarText } from '../../model/nodes';
import { serviceDefinition } from '../../spec/service';
import { isMacAddress } from '../../spec/engineValues';
import { isInterpolated } from '../../spec/interpolated';
import { ownPair, ownText, type FormatRule } from './formatRule';

export const macAddressConflict: FormatRule<MacConflictData> = {
  code: 'mac-address-conflict',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const own = ownText(v, 'mac_address');
      if (own === undefined || !isMacAddress(own)) return;
      // With a network_mode Compose compares nothing (and refuses `networks` beside it: exclusive-keys).
      if (ownPair(v, 'network_mode')) return;
      const networks = ownPair(v, 'networks')?.value;
      if (!isMap(networks)) return;
      const first = firstNetwork(networks.items);
      if (!first || !isMap(first.entry)) return;
      const node = getValue(first.entry, 'mac_address');
      const there = scalarText(node);
      if (there === undefined || !isMacAddress(there) || there === own) return;
      const at = nodeRange(node);
      const serviceAt = nodeRange(ownPair(v, 'mac_address')?.value);
      const source = v.doc.text.getText();
      const data: MacConflictData | undefined = at && serviceAt
        ? { network: { name: first.name, mac: there }, service: { mac: own, delta: serviceAt[0] - at[0], written: source.slice(serviceAt[0], serviceAt[1]) } }
        : undefined;
      report(at ?? v.range, `The service's mac_address is ${own} and it gives its first network, "${first.name}", ${there}: Compose refuses to create the container ("the service-level mac_address should have the same value as network ${first.name}"). Keep one of them.`, { data });
    },
  },
  // Either address may be the one meant: one fix for each, neither preferred.
  fix({ doc, diagnostic, data }) {
    const { network, service } = data;
    if (!network || !service || typeof network.name !== 'string' || typeof network.mac !== 'string' || typeof service.mac !== 'string' || typeof service.delta !== 'number' || typeof service.written !== 'string') return [];
    const networkText = doc.text.getText(diagnostic.range);
    if (unquoted(networkText) !== network.mac) return [];
    const fixes: QuickFix[] = [{
      title: `Give network "${network.name}" the service's mac_address, ${service.mac}`,
      edits: [{ range: diagnostic.range, newText: quotedAs(networkText, service.mac) }],
    }];
    const start = doc.text.offsetAt(diagnostic.range.start) + service.delta;
    const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(start + service.written.length) };
    if (start >= 0 && doc.text.getText(range) === service.written && unquoted(service.written) === service.mac) {
      fixes.push({ title: `Give the service the mac_address of network "${network.name}", ${network.mac}`, edits: [{ range, newText: quotedAs(service.written, network.mac) }] });
    }
    return fixes;
  },
};

/** The addresses of both sides, as the fix needs them: the service's is found from the network's, in the same block. */
export interface MacConflictData {
  readonly network?: { readonly name: string; readonly mac: string };
  readonly service?: { readonly mac: string; readonly delta: number; readonly written: string };
}

function unquoted(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** `mac` written with the quotes `written` has. */
function quotedAs(written: string, mac: string): string {
  const quote = /^(["']).*\1$/.exec(written)?.[1] ?? '';
  return `${quote}${mac}${quote}`;
}

interface Network {
  readonly name: string;
  readonly entry: unknown;
}

/** The network Compose connects first (highest priority, then the name that sorts first), or undefined when that depends on what is not known here. */
function firstNetwork(items: readonly Pair[]): Network | undefined {
  let best: (Network & { readonly priority: number }) | undefined;
  for (const pair of items) {
    const name = scalarText(pair.key);
    if (name === undefined || isInterpolated(name)) return undefined;
    const written = isMap(pair.value) ? getValue(pair.value, 'priority') : undefined;
    let priority = 0;
    if (written !== undefined && written !== null) {
      if (!isScalar(written) || typeof written.value !== 'number' || !Number.isInteger(written.value)) return undefined;
      priority = written.value;
    }
    if (!best || priority > best.priority || (priority === best.priority && name < best.name)) best = { name, entry: pair.value, priority };
  }
  return best;
}
