// `port-conflict`: two services publish the same host port (same protocol,
// overlapping addresses). The second container cannot start ("port is already
// allocated"), so: an error. Services that never run together (disjoint
// profiles) are left alone. One service publishing a host port twice for
// different mappings (`"8080:80"` and `"8080:81"`) cannot start either (the
// engine binds it once: "port is already allocated", "address already in
// use"): reported on the later mapping. The same mapping written twice is
// kept once by Compose, and starts. A port written with variables
// (`"${API_PORT:-8080}:8080"`) is read with the project's (.env, defaults), and
// a clash it makes is a warning: the environment Compose runs in may set them
// otherwise (two services whose ports both default to 8080 clash until one is set).
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { isIP } from 'node:net';
import { diagnostic, DiagnosticSeverity, fileName } from '../make';
import { portBindings, portVariables, type PortBinding } from './portBindings';
import { PROTOCOLS } from '../../spec/portMappings';
import { bodyProfiles, profiles, runTogether, servicePart } from './projectServices';
import type { Fix } from '../fix';
import type { Rule } from './rule';
import type { FactIndex } from '../factIndex';
import { ALWAYS_RECHECK, serviceRule, type ServiceCheck } from '../serviceChecks';

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

function addressesOverlap(a?: string, b?: string): boolean {
  const x = a ?? '';
  const y = b ?? '';
  if (x === y) return true;
  if (x === '' || y === '') return true;
  if (WILDCARD.has(x)) return x === '0.0.0.0' ? isIP(y) === 4 : isIP(y) === 6 || WILDCARD.has(y);
  if (WILDCARD.has(y)) return y === '0.0.0.0' ? isIP(x) === 4 : isIP(x) === 6;
  return false;
}

function overlap(a: PortBinding, b: PortBinding): number | undefined {
  if (!a.hostPorts || !b.hostPorts || a.protocol !== b.protocol) return undefined;
  // A host range with a single container port lets Docker pick a free port from the range.
  if (a.hostPorts[0] !== a.hostPorts[1] && a.containerPorts[0] === a.containerPorts[1]) return undefined;
  if (b.hostPorts[0] !== b.hostPorts[1] && b.containerPorts[0] === b.containerPorts[1]) return undefined;
  const start = Math.max(a.hostPorts[0], b.hostPorts[0]);
  if (start > Math.min(a.hostPorts[1], b.hostPorts[1]) || start === 0) return undefined;
  return addressesOverlap(a.hostIp, b.hostIp) ? start : undefined;
}

/** Host ranges wider than this are compared with everything rather than indexed port by port. */
const INDEX_LIMIT = 256;

/** What the fix needs: the clashing host port and one no service of the project publishes. */
export interface PortConflictData {
  readonly hostPort?: { readonly from: number; readonly to: number };
  /** The clashing port is the default of this variable, unset here (`${API_PORT:-8080}`): the fix changes the default. */
  readonly variable?: string;
}

/** A host port written as a variable's default (`${API_PORT:-8080}`, long form `published: ${API_PORT:-8080}`), the default in effect. */
const DEFAULT_PORT = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)-(\d+)\}(?::|$)/;

/** The variable whose default gives the entry its host port `port` (it is unset, or empty where `:-` says so), if that is where it comes from. */
function defaultedVariable(written: string, port: number, lookup: (name: string) => string | undefined): string | undefined {
  const m = DEFAULT_PORT.exec(written);
  if (!m || Number(m[3]) !== port) return undefined;
  const value = lookup(m[1]!);
  return value === undefined || (m[2] === ':' && value === '') ? m[1] : undefined;
}

/**
 * The first port above `port` that no binding of the project publishes for `protocol`. Every clash is
 * checked again on each run (its message names the port), and ports are often published in a row
 * (the bench's 5,000 services publish 10000-14999): the walk reads the index's ports as a bitset
 * (`takenPorts`), not a key looked up per port passed (~3.7 ms of each edit there).
 */
function freePort(port: number, protocol: string, index: FactIndex, wide: readonly PortBinding[]): number | undefined {
  const taken = KEPT_PROTOCOLS.has(protocol) ? takenPorts(index, protocol) : undefined;
  for (let candidate = port + 1; candidate <= MAX_PORT; candidate++) {
    if (taken ? isSet(taken, candidate) : index.has(portKey(protocol, candidate))) continue;
    if (wide.some((b) => b.protocol === protocol && b.hostPorts![0] <= candidate && candidate <= b.hostPorts![1])) continue;
    return candidate;
  }
  return undefined;
}

const MAX_PORT = 65535;
/** The protocols a port is published with, kept as bits (8 KB each); a port written with any other (a finding of its own) is looked up key by key. */
const KEPT_PROTOCOLS: ReadonlySet<string> = new Set(PROTOCOLS);
const PORT_KEY = /^port:([^/]+)\/(\d+)$/;

/**
 * The host ports each protocol's keys (`portKey`) hold in an index, one bit a port: made from the index's
 * keys when nothing is kept (a new index, a changed context), else brought up to date by the keys the
 * run's edit dirtied (a port key that appears or goes is always among them).
 */
const takenByIndex = new WeakMap<FactIndex, Map<string, Uint32Array>>();

function takenPorts(index: FactIndex, protocol: string): Uint32Array {
  let byProtocol = takenByIndex.get(index);
  if (!byProtocol) takenByIndex.set(index, (byProtocol = new Map()));
  let bits = byProtocol.get(protocol);
  if (!bits) byProtocol.set(protocol, (bits = new Uint32Array((MAX_PORT >> 5) + 1)));
  return bits;
}

function isSet(bits: Uint32Array, port: number): boolean {
  return (bits[port >> 5]! & (1 << (port & 31))) !== 0;
}

function notePortKey(index: FactIndex, key: string): void {
  const m = PORT_KEY.exec(key);
  if (!m) return;
  const port = Number(m[2]);
  if (port > MAX_PORT || !KEPT_PROTOCOLS.has(m[1]!)) return;
  const bits = takenPorts(index, m[1]!);
  if (index.has(key)) bits[port >> 5]! |= 1 << (port & 31);
  else bits[port >> 5]! &= ~(1 << (port & 31));
}

function updateTakenPorts(index: FactIndex, dirty: ReadonlySet<string> | undefined): void {
  if (!dirty || !takenByIndex.has(index)) {
    takenByIndex.set(index, new Map());
    for (const key of index.keysStartingWith('port:')) notePortKey(index, key);
    return;
  }
  for (const key of dirty) if (key.startsWith('port:')) notePortKey(index, key);
}

/** Changes the host port inside the mapping (`"8080:80"`, `127.0.0.1:8080:80`, or a long form's `published: 8080`). */
const useFreePort: Fix<PortConflictData> = ({ doc, diagnostic, data }) => {
  const port = data.hostPort;
  if (!port || !Number.isInteger(port.from) || !Number.isInteger(port.to)) return [];
  const text = doc.text.getText(diagnostic.range);
  if (data.variable !== undefined) {
    const inDefault = new RegExp(`(\\$\\{${data.variable}:?-)${port.from}(?=\\})`).exec(text);
    if (!inDefault) return [];
    const start = doc.text.offsetAt(diagnostic.range.start) + inDefault.index + inDefault[1]!.length;
    const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(start + String(port.from).length) };
    return [{ title: `Make ${port.to} the default of ${data.variable} instead (free in this project)`, edits: [{ range, newText: String(port.to) }], preferred: true }];
  }
  const short = new RegExp(`(?<![0-9])${port.from}(?=:[0-9])`).exec(text);
  const published = new RegExp(`(published:[ \\t]*["']?)${port.from}(?![0-9])`).exec(text);
  const bare = /^["']?([0-9]+)["']?$/.exec(text);
  const at = short ? short.index : published ? published.index + published[1]!.length : bare && Number(bare[1]) === port.from ? text.indexOf(bare[1]!) : -1;
  if (at < 0) return [];
  const start = doc.text.offsetAt(diagnostic.range.start) + at;
  const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(start + String(port.from).length) };
  return [{ title: `Publish on host port ${port.to} instead (free in this project)`, edits: [{ range, newText: String(port.to) }], preferred: true }];
};

/** Whether `a` comes before `b` in what Compose reads: an earlier file of the project, or earlier in the same file. */
function publishedBefore(a: PortBinding, b: PortBinding, files: readonly { readonly uri: string }[]): boolean {
  if (a.doc.uri === b.doc.uri) return a.range[0] < b.range[0];
  return files.findIndex((f) => f.uri === a.doc.uri) < files.findIndex((f) => f.uri === b.doc.uri);
}

/** The same mapping twice (address, ports, protocol): Compose keeps one of them, and the container starts. */
function sameMapping(a: PortBinding, b: PortBinding): boolean {
  return (a.hostIp ?? '') === (b.hostIp ?? '') && a.protocol === b.protocol && a.hostPorts![0] === b.hostPorts![0] && a.hostPorts![1] === b.hostPorts![1] && a.containerPorts[0] === b.containerPorts[0] && a.containerPorts[1] === b.containerPorts[1];
}

const isWide = (b: PortBinding) => b.hostPorts![1] - b.hostPorts![0] > INDEX_LIMIT;
/** Keys of the facts this check reads (serviceChecks.ts). */
const portKey = (protocol: string, port: number) => `port:${protocol}/${port}`;
const PROFILES = (service: string) => `profiles:${service}`;
const WIDE = 'wide';
/** Every service part, for a binding compared with all. */
const PARTS = 'parts';

/** The profiles of a service, all its parts together. */
function serviceProfiles(index: FactIndex, service: string): Set<string> {
  return profiles(index.parts(PROFILES(service)));
}

/**
 * What a clash through variables adds to its message: what the entries read as, and that the run's environment
 * may override it (not "will": two entries of one variable clash whatever it is set to).
 */
function variablesNote(bindings: readonly PortBinding[], port: number): string {
  const written = [...new Set(bindings.map((b) => b.fromVariables).filter((w): w is string => w !== undefined))];
  if (written.length === 0) return '';
  const which = written.map((w) => `\`${w}\``).join(' and ');
  return ` (${which} ${written.length === 1 ? 'gives' : 'give'} ${port} with this project's .env and defaults, which the environment Compose runs in may override)`;
}

const conflictCheck: ServiceCheck = {
  id: 'port-conflict',
  // The ports written with variables are read with the project's: when they change, so may the facts.
  context: (req) => [req.project.variablesKey],
  factsReadContext: true,
  changedDerivedKeys(index, dirty) {
    // The ports taken, for the free port a finding names: its findings are checked again on every run (ALWAYS_RECHECK), so no key is returned.
    updateTakenPorts(index, dirty);
    return [];
  },
  facts(part, add, _model, detail, project) {
    add(PARTS, part.name);
    // The values only tell an edit what changed (the checks look the keys up): made for that comparison alone.
    add(PROFILES(part.name), detail ? [...bodyProfiles(part.body)].sort().join(',') : '');
    for (const b of portBindings(part, portVariables(project))) {
      if (!b.hostPorts) continue;
      // Everything `overlap` compares, and who publishes it.
      const fact = detail ? JSON.stringify([part.name, b.hostIp, b.hostPorts, b.containerPorts, b.protocol]) : '';
      if (isWide(b)) add(WIDE, fact);
      else for (let p = b.hostPorts[0]; p <= b.hostPorts[1]; p++) add(portKey(b.protocol, p), fact);
    }
  },
  check(req, index, def, read) {
    const { doc, project } = req;
    // Only a file Compose loads with the project publishes ports (not one reached only through `extends`).
    if (!isMap(def.value) || !project.files.some((f) => f.uri === doc.uri && f.role !== 'extends')) return [];
    const out: Diagnostic[] = [];
    const variables = portVariables(project);
    const bindingsOf = (part: Parameters<typeof portBindings>[0]) => portBindings(part, variables);
    const wide = () => index.parts(WIDE).flatMap(bindingsOf).filter((b) => b.hostPorts && isWide(b));
    for (const binding of bindingsOf(servicePart(def, doc)!)) {
      if (!binding.hostPorts) continue;
      read(WIDE);
      read(PROFILES(binding.service));
      const candidates = new Set<PortBinding>(wide());
      if (isWide(binding)) {
        read(ALWAYS_RECHECK); // compared with every binding of the project
        for (const part of index.parts(PARTS)) for (const b of bindingsOf(part)) if (b.hostPorts) candidates.add(b);
      } else {
        for (let p = binding.hostPorts[0]; p <= binding.hostPorts[1]; p++) {
          read(portKey(binding.protocol, p));
          for (const part of index.parts(portKey(binding.protocol, p))) {
            for (const b of bindingsOf(part)) if (b.protocol === binding.protocol && b.hostPorts && !isWide(b) && b.hostPorts[0] <= p && p <= b.hostPorts[1]) candidates.add(b);
          }
        }
      }
      // A repeat of an earlier mapping of its own is dropped by Compose: the one kept is judged.
      if ([...candidates].some((b) => b.service === binding.service && publishedBefore(b, binding, project.files) && sameMapping(b, binding))) continue;
      for (const b of candidates) {
        const own = b.service === binding.service;
        if (own) {
          // Itself, a mapping of its own written later (reported there), or the same mapping again (Compose keeps one).
          if (!publishedBefore(b, binding, project.files) || sameMapping(b, binding)) continue;
        } else {
          read(PROFILES(b.service));
          if (!runTogether(serviceProfiles(index, binding.service), serviceProfiles(index, b.service))) continue;
        }
        const port = overlap(binding, b);
        if (port === undefined) continue;
        // The other mapping is a related place, and the message names a free port: found again on every run.
        read(ALWAYS_RECHECK);
        const elsewhere = b.doc.uri === doc.uri ? '' : ` in ${fileName(b.doc.uri)}`;
        const free = binding.hostPorts[0] === binding.hostPorts[1] ? freePort(port, binding.protocol, index, wide()) : undefined;
        const instead = `Use another host port${free ? ` (${free} is free in this project)` : ''}.`;
        const related = [{ doc: b.doc, range: b.range, message: own ? `Host port ${port}/${binding.protocol} first published here` : `Service "${b.service}" publishes host port ${port}/${binding.protocol} here` }];
        // Through variables, a clash with what the run's environment may change: a warning.
        const note = variablesNote([binding, b], port);
        // The fix writes the port where it stands in the entry, or in the default that gives it (a variable unset).
        const variable = binding.fromVariables === undefined ? undefined : defaultedVariable(binding.fromVariables, port, variables.lookup);
        const fix = free && (!binding.fromVariables || variable) ? { data: { hostPort: { from: port, to: free }, variable } } : {};
        out.push(diagnostic<PortConflictData>(doc, binding.range, note ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'port-conflict',
          own
            ? `Host port ${port}/${binding.protocol} is already published by an earlier mapping of this service${elsewhere}${note}: the engine binds a host port once, so the container will not start. ${instead}`
            : `Host port ${port}/${binding.protocol} is also published by service "${b.service}"${elsewhere}${note}: only one container can listen on it, so one of them will fail to start. ${instead}`,
          { ...fix, related }));
        break;
      }
    }
    return out;
  },
};

export const portConflicts: Rule<PortConflictData> = serviceRule(conflictCheck, { codes: ['port-conflict'], fix: useFreePort });
