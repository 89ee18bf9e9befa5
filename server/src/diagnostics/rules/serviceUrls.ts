// Addresses of other services in `environment` values (URLs, `host:port`):
// - `host-port-in-url`: the port is the one published on the host, not the
//   one the service listens on inside the network (`postgres://db:8001` when
//   db maps `8001:5432`): from another container that connection fails.
// - `no-shared-network`: the two services share no network, so the name does
//   not resolve.
// - `unknown-host`: a URL host that is almost, but not quite, a service name.
//   Conservative on purpose: a host that is not close to a service name may
//   well live outside the project.
// Warnings: the file is valid, the application will just not connect.
import { isAlias, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { keyOfMap, mergedKeyOrigins, resolve } from '../specWalk';
import type { Diagnostic } from 'vscode-languageserver';
import { keyText } from '../../model/locate';
import { entries, getValue, rangeInScalar, scalarText, seqItems, type Range } from '../../model/nodes';
import { isInterpolated } from '../../spec/index';
import { replaceFix, type ReplaceData } from '../fix';
import { diagnostic, DiagnosticSeverity } from '../make';
import { portBindings, portVariables, type PortBinding, type PortVariables } from './portBindings';
import { serviceNetworks, type ServicePart } from './projectServices';
import type { Rule } from './rule';
import { serviceRule, type ServiceCheck } from '../serviceChecks';
import { nearestName } from '../nearestAnswers';
import { bodyCache } from '../bodyCache';
import { readable } from '../../model/chunkedDocument';

export interface Address {
  readonly host: string;
  readonly port: number;
  readonly hasScheme: boolean;
  /** Offsets of host and port inside the value text. */
  readonly hostAt: number;
  readonly portAt: number;
}

const URL_ADDRESS = /([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s]*@)?([A-Za-z0-9_.-]+)(?::(\d{1,5}))?(?![\d])/gi;
const BARE_ADDRESS = /^([A-Za-z][A-Za-z0-9_.-]*):(\d{1,5})$/;

/** host:port pairs in a value: inside URLs anywhere, or the whole value (or each comma-separated part) as `host:port`. */
export function findAddresses(value: string): Address[] {
  const found: Address[] = [];
  for (const m of value.matchAll(URL_ADDRESS)) {
    const host = m[2]!;
    const hostAt = m.index! + m[0].indexOf(host, m[1]!.length + 3);
    found.push({ host, port: m[3] ? Number(m[3]) : NaN, hasScheme: true, hostAt, portAt: m[3] ? hostAt + host.length + 1 : -1 });
  }
  // Copied to their length: kept per service body (addressesIn), and a list grown by pushing holds 17 slots.
  if (found.length > 0) return found.slice();
  let offset = 0;
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    const m = BARE_ADDRESS.exec(trimmed);
    if (m) {
      const hostAt = offset + part.indexOf(trimmed);
      found.push({ host: m[1]!, port: Number(m[2]), hasScheme: false, hostAt, portAt: hostAt + m[1]!.length + 1 });
    }
    offset += part.length + 1;
  }
  return found.length === 0 ? found : found.slice();
}

/** The other names one service body answers to, read once per body node while the checks need them again (bodyCache.ts). */
const hostCache = bodyCache<readonly string[]>();

function bodyHosts(body: YAMLMap): readonly string[] {
  const cached = hostCache.get(body);
  if (cached) return cached;
  const names: string[] = [];
  const addText = (node: unknown) => {
    const text = scalarText(node);
    if (text) names.push(text);
  };
  // One pass over the body's keys (this runs for every service on open), backwards so that each key ends with
  // its first value, as getValue finds it.
  let hostname: unknown, containerName: unknown, networks: unknown, links: unknown, externalLinks: unknown, extraHosts: unknown;
  const items = body.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i]!;
    switch (keyText(pair.key)) {
      case 'hostname': hostname = pair.value; break;
      case 'container_name': containerName = pair.value; break;
      case 'networks': networks = pair.value; break;
      case 'links': links = pair.value; break;
      case 'external_links': externalLinks = pair.value; break;
      case 'extra_hosts': extraHosts = pair.value; break;
    }
  }
  addText(hostname);
  addText(containerName);
  for (const [, pair] of entries(networks)) for (const alias of seqItems(getValue(pair.value, 'aliases'))) addText(alias);
  for (const list of [links, externalLinks]) {
    for (const item of seqItems(list)) {
      const text = scalarText(item);
      if (text) for (const part of text.split(':')) names.push(part);
    }
  }
  for (const item of seqItems(extraHosts)) {
    const text = scalarText(item);
    if (text) names.push(text.split(/[=:]/)[0]!);
  }
  for (const [name] of entries(extraHosts)) names.push(name);
  hostCache.set(body, names);
  return names;
}

export interface EnvironmentAddresses {
  readonly scalar: Scalar;
  /** Where the value starts in the scalar (after `NAME=` in the list form). */
  readonly eq: number;
  readonly addresses: readonly Address[];
}

const NO_ADDRESS: readonly Address[] = [];

/**
 * The addresses in one environment value, from `eq` on (after `NAME=` in the list form, `environmentValueStart`);
 * none in a value with a variable, which only run time knows.
 */
export function valueAddresses(scalar: Scalar, eq: number): readonly Address[] {
  const value = (scalar.value as string).slice(eq);
  return !value.includes(':') || isInterpolated(value) ? NO_ADDRESS : findAddresses(value);
}

/** Where an environment entry's value starts in its scalar: after `NAME=` in the list form, at once in the mapping form. */
export function environmentValueStart(scalar: Scalar, listForm: boolean): number {
  return listForm ? (scalar.value as string).indexOf('=') + 1 : 0;
}

/**
 * The addresses in a service's environment values, read once per body node
 * while the checks need them again (an open asks for each twice, its run and
 * its settling; see bodyCache.ts).
 */
const addressCache = bodyCache<readonly EnvironmentAddresses[]>();
const NO_ADDRESSES: readonly EnvironmentAddresses[] = [];

export function addressesIn(body: unknown): readonly EnvironmentAddresses[] {
  if (!body || typeof body !== 'object') return [];
  let found = addressCache.get(body);
  if (found) return found;
  const out: EnvironmentAddresses[] = [];
  const consider = (scalar: Scalar, eq: number) => {
    const addresses = valueAddresses(scalar, eq);
    if (addresses.length > 0) out.push({ scalar, eq, addresses });
  };
  // A loop over the nodes (this runs for every service on open): the mapping's values, or the list's items.
  const env = getValue(body, 'environment');
  if (isMap(env)) {
    for (const pair of env.items) if (isScalar(pair.value) && typeof pair.value.value === 'string') consider(pair.value, 0);
  } else if (isSeq(env)) {
    // In the list form only the value after `=` is an address.
    for (const item of env.items) if (isScalar(item) && typeof item.value === 'string') consider(item, environmentValueStart(item, true));
  }
  found = out.length === 0 ? NO_ADDRESSES : out.slice();
  addressCache.set(body, found);
  return found;
}

/**
 * The addresses in the environment values a service takes from elsewhere in its file, not written in its entry:
 * an `environment` that is an alias (`environment: *common-env`), the entries a `<<` inside it brings, or a
 * whole `environment` that a `<<` of the service brings (`<<: *defaults`). Their text is where the anchor is,
 * once for every service that takes it. What rename and references read; the service URL checks read only
 * `addressesIn` (a finding there would be placed outside its service's block), and takenServiceUrls.ts these.
 */
export function takenAddressesIn(doc: ComposeDocument, body: unknown): readonly EnvironmentAddresses[] {
  if (!isMap(body)) return NO_ADDRESSES;
  const kept = takenCache.get(body);
  if (kept) return kept;
  const found = readTakenAddresses(doc, body);
  takenCache.set(body, found);
  return found;
}

/**
 * Kept per body node: highlight asks on every cursor move over a service's name, and in a file whose services
 * all merge one anchor each is read (~4 ms on 1,000 services, against ~1 ms kept). A body whose alias names an
 * anchor in another block is a new node whenever that block changes (model/incremental.ts), and a whole parse
 * makes new nodes for every version, so what is kept is never older than the anchor it read.
 */
const takenCache = new WeakMap<YAMLMap, readonly EnvironmentAddresses[]>();

function readTakenAddresses(doc: ComposeDocument, body: YAMLMap): readonly EnvironmentAddresses[] {
  const out: EnvironmentAddresses[] = [];
  const consider = (node: unknown, listForm: boolean) => {
    const scalar = resolve(doc, node);
    if (!isScalar(scalar) || typeof scalar.value !== 'string') return;
    const eq = environmentValueStart(scalar, listForm);
    const addresses = valueAddresses(scalar, eq);
    if (addresses.length > 0) out.push({ scalar, eq, addresses });
  };
  const mergedInto = (map: YAMLMap) => {
    for (const merged of mergedKeyOrigins(doc, map).values()) consider(merged.value, false);
  };
  const whole = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) if (keyText(pair.key) !== '<<') consider(pair.value, false);
      mergedInto(node);
    } else if (isSeq(node)) {
      for (const item of node.items) consider(item, true);
    }
  };
  const own = getValue(body, 'environment');
  if (own === undefined) whole(keyOfMap(doc, body, 'environment'));
  else if (isAlias(own)) whole(resolve(doc, own));
  else if (isMap(own)) mergedInto(own);
  return out.length === 0 ? NO_ADDRESSES : out;
}

/**
 * What `port` is to a service (its parts, `target`) for a container that connects to it by name: a port it listens on
 * inside the network (`inside`: the CONTAINER_PORT of one of its `ports`, which may publish it on the host too), one it
 * `expose`s, a port it publishes on the host (`host`: the HOST_PORT of `binding`, with the CONTAINER_PORT that answers
 * it), or none the project says.
 */
export type PortRole =
  | { readonly kind: 'inside'; readonly binding: PortBinding }
  | { readonly kind: 'exposed' }
  | { readonly kind: 'host'; readonly binding: PortBinding; readonly inside: number }
  | { readonly kind: 'unknown' };

/** `variables`: the project's, for ports written with them (`${DB_PORT:-5433}:5432`). */
export function portRole(target: readonly ServicePart[], port: number, variables: PortVariables): PortRole {
  const bindings = target.flatMap((part) => portBindings(part, variables));
  const listening = bindings.find((b) => port >= b.containerPorts[0] && port <= b.containerPorts[1]);
  if (listening) return { kind: 'inside', binding: listening };
  const exposed = target.some((p) => seqItems(getValue(p.body, 'expose')).some((e) => Number(String(scalarText(e) ?? '').split(/[-/]/)[0]) === port));
  if (exposed) return { kind: 'exposed' };
  const published = bindings.find((b) => b.hostPorts && b.hostPorts[0] <= port && port <= b.hostPorts[1]);
  if (!published || !published.hostPorts) return { kind: 'unknown' };
  const inside = published.containerPorts[0] + (published.containerPorts[1] > published.containerPorts[0] ? port - published.hostPorts[0] : 0);
  return { kind: 'host', binding: published, inside };
}

/** `host-port-in-url` at `range`: `address` names a port `role` says its service publishes on the host; `after`, more words. */
export function hostPortInUrl(doc: ComposeDocument, range: Range, address: Address, role: Extract<PortRole, { kind: 'host' }>, after = ''): Diagnostic {
  const { inside, binding } = role;
  return diagnostic(doc, range, DiagnosticSeverity.Warning, 'host-port-in-url',
    `Inside the network, ${address.host} listens on ${inside}; ${address.port} is the port on the host (ports: "${binding.fromVariables ?? binding.text}"${binding.fromVariables ? `, ${binding.text} with this project's .env and defaults` : ''}). Other containers must use ${address.host}:${inside}.${after}`,
    { data: { replace: { from: String(address.port), to: String(inside) } } satisfies ReplaceData });
}

/** Keys of the facts this check reads (serviceChecks.ts). */
const SERVICE = (name: string) => `service:${name}`;
const HOST = (name: string) => `host:${name}`;
const NAMES = 'names';

const urlCheck: ServiceCheck = {
  id: 'service-urls',
  // Ports written with variables are read with the project's: when they change, so may the facts.
  context: (req) => [req.project.variablesKey],
  factsReadContext: true,
  facts(part, add, _model, detail, project) {
    add(NAMES, part.name);
    for (const host of bodyHosts(part.body)) add(HOST(host), '');
    // Everything a URL to this service is judged by: its networks, what it listens on and publishes (only an
    // edit's comparison reads it: the checks look the key up).
    if (!detail) {
      add(SERVICE(part.name), '');
      return;
    }
    // The networks it joins, also those a `<<` merge brings (null where they cannot be told, or `network_mode` is set).
    const networks = serviceNetworks([part]);
    add(SERVICE(part.name), JSON.stringify({
      networks: networks ? [...networks] : null,
      ports: portBindings(part, portVariables(project)).map((b) => [b.hostPorts, b.containerPorts, b.text]),
      expose: seqItems(getValue(part.body, 'expose')).map((e) => scalarText(e) ?? null),
    }));
  },
  check({ doc, project }, index, def, read) {
    const out: Diagnostic[] = [];
    const source = readable(doc.text);
    for (const { scalar, eq, addresses } of addressesIn(def.value)) {
      for (const address of addresses) {
        const at = (offset: number, length: number): Range => rangeInScalar(scalar, source, eq + offset, length);
        read(SERVICE(address.host));
        const target = index.parts(SERVICE(address.host));
        if (target.length === 0) {
          // Not a service: another name a container answers to (hostname, alias, link...), or a near miss of a service name.
          read(HOST(address.host));
          if (!address.hasScheme || address.host.includes('.') || index.has(HOST(address.host)) || address.host === 'localhost') continue;
          // The same unknown host recurs across services: NearestNames looks for its near miss once.
          const suggestion = nearestName(index, NAMES, address.host, read);
          if (!suggestion) continue;
          out.push(diagnostic(doc, at(address.hostAt, address.host.length), DiagnosticSeverity.Warning, 'unknown-host',
            `No service "${address.host}" in this project, so this host name will not resolve. Did you mean "${suggestion}"?`,
            { data: { replace: { from: address.host, to: suggestion } } satisfies ReplaceData }));
          continue;
        }
        read(SERVICE(def.name));
        const myNetworks = serviceNetworks(index.parts(SERVICE(def.name)));
        const theirNetworks = serviceNetworks(target);
        if (myNetworks && theirNetworks && address.host !== def.name && ![...myNetworks].some((n) => theirNetworks.has(n))) {
          out.push(diagnostic(doc, at(address.hostAt, address.host.length), DiagnosticSeverity.Warning, 'no-shared-network',
            `"${def.name}" and "${address.host}" share no network (${def.name}: ${[...myNetworks].join(', ')}; ${address.host}: ${[...theirNetworks].join(', ')}), so "${address.host}" does not resolve from ${def.name}. Put both on a common network.`));
          continue;
        }
        if (Number.isNaN(address.port)) continue;
        const role = portRole(target, address.port, portVariables(project));
        if (role.kind !== 'host') continue;
        out.push(hostPortInUrl(doc, at(address.portAt, String(address.port).length), address, role));
      }
    }
    return out;
  },
};

export const serviceUrls: Rule<ReplaceData> = serviceRule(urlCheck, {
  codes: ['host-port-in-url', 'no-shared-network', 'unknown-host'],
  fix: replaceFix,
});
