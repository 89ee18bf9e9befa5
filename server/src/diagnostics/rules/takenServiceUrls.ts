// `host-port-in-url` for an address in an environment value that services
// take from an anchor (`environment: *env`, a `<<: *env` inside it, or a whole
// `environment` a `<<` of the service brings): `x-env: &env` with
// `DATABASE_URL: postgres://db:5433/app` where db publishes `5433:5432`.
// serviceUrls.ts judges the addresses written in each service's own entry,
// through the index an edit updates, whose findings belong to the service's
// block; a value taken from an anchor is written once, elsewhere, so it is
// judged here, on every run, for the services whose entries hold an alias
// (model/serviceEntries.ts: a search of the file's aliases, no body read),
// and shown once where it is written, naming the services that take it.
// What each service takes is read once per definition: an edit of the anchor
// makes the merging services new definitions (model/incremental.ts).
// Only the port: whether the name resolves from each service that takes it,
// and a near miss of a service's name, stay with the addresses written in a
// service (a finding at the anchor for one taker would be wrong for another).
import type { Diagnostic } from 'vscode-languageserver';
import { perDefinition } from '../../model/definitionMemo';
import type { ComposeDocument } from '../../model/document';
import { readable } from '../../model/chunkedDocument';
import { nodeRange, rangeInScalar } from '../../model/nodes';
import type { NameDefinition } from '../../model/fileModel';
import { entriesHolding, servicesByStart, servicesWithAliases } from '../../model/serviceEntries';
import { portVariables } from './portBindings';
import { serviceParts } from './projectServices';
import type { Rule } from './rule';
import { addressesIn, hostPortInUrl, portRole, takenAddressesIn, type EnvironmentAddresses } from './serviceUrls';

/** The addresses a service takes from elsewhere in its file, once per definition. */
const takenBy = perDefinition((body: unknown, doc: ComposeDocument): readonly EnvironmentAddresses[] => takenAddressesIn(doc, body));

/**
 * Whether a taken value is written in a service's own environment (an anchor defined there), where serviceUrls.ts
 * judges it: the one entry that holds its place is read, not every body. Compared by place: a large file's
 * trees are read again after a release, as new nodes.
 */
function writtenInService(byStart: readonly NameDefinition[], found: EnvironmentAddresses): boolean {
  const at = nodeRange(found.scalar)?.[0];
  if (at === undefined) return false;
  const [entry] = entriesHolding(byStart, [at]);
  return entry !== undefined && addressesIn(entry.value).some((own) => nodeRange(own.scalar)?.[0] === at);
}

export const takenServiceUrls: Rule = {
  codes: ['host-port-in-url'],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    // The file's services by where they start: sorted once a run, and only in a file that writes an alias.
    if (!file.anchors.some((use) => !use.isDefinition)) return out;
    const byStart = servicesByStart(file);
    const takers = servicesWithAliases(file, byStart);
    if (takers.length === 0) return out;
    // Each value once, with the services that take it, in the order they are written; undefined: judged in its service.
    const byValue = new Map<EnvironmentAddresses['scalar'], { readonly found: EnvironmentAddresses; readonly services: string[] } | undefined>();
    for (const def of takers) {
      for (const found of takenBy(def, doc)) {
        if (!byValue.has(found.scalar)) byValue.set(found.scalar, writtenInService(byStart, found) ? undefined : { found, services: [] });
        byValue.get(found.scalar)?.services.push(def.name);
      }
    }
    const source = readable(doc.text);
    const variables = portVariables(project);
    for (const value of byValue.values()) {
      if (!value) continue;
      const { found, services } = value;
      for (const address of found.addresses) {
        if (Number.isNaN(address.port)) continue;
        const target = serviceParts(project, address.host);
        if (target.length === 0) continue;
        const role = portRole(target, address.port, variables);
        if (role.kind !== 'host') continue;
        const range = rangeInScalar(found.scalar, source, found.eq + address.portAt, String(address.port).length);
        const who = services.length === 1 ? `service "${services[0]}"` : `services ${services.map((s) => `"${s}"`).join(', ')}`;
        out.push(hostPortInUrl(doc, range, address, role, ` (Taken from here by ${who}.)`));
      }
    }
    return out;
  },
};
