// Limits that Compose loads one by one but refuses, or the engine refuses,
// in combination:
// - `conflicting-limits`: a service's limit written twice with different
//   values (`mem_limit` and `deploy.resources.limits.memory`..., and its
//   number of containers, `scale` and `deploy.replicas`: Compose refuses the
//   file, "can't set distinct values"); memory limits that
//   contradict each other (swap under the limit, a reservation over it, swap
//   with no limit), `cpus` beside `cpu_period` or `cpu_quota` (two ways of
//   limiting CPU time the engine does not combine) and a ulimit whose soft
//   value is over its hard one (the engine refuses the container at `up`);
// - `unknown-ulimit`: a ulimit name the runtime does not know (`nofle`):
//   Compose takes any name, and the container fails to start.
// Values are compared as Compose reads them (`1g` is `1024m`, `0.5` is
// `0.50`); a value it cannot read (interpolated, malformed: other rules
// speak of those) is left alone.
import * as path from 'node:path';
import { isMap, isScalar } from 'yaml';
import { MAIN_COMPOSE_FILES } from '../../../../common/src/composeFiles';
import { nodeRange, scalarText, type Range } from '../../model/nodes';
import { uriToPath } from '../../model/workspace';
import { ULIMIT_NAMES, ulimits } from '../../spec/service-runtime';
import { serviceDefinition } from '../../spec/service';
import { bytesOf } from '../../spec/engineValues';
import { isInterpolated } from '../../spec/interpolated';
import { replaceFix, type ReplaceData } from '../fix';
import { DiagnosticSeverity } from '../make';
import { closest } from '../suggest';
import { pathText, type MapVisit, type Report } from '../specWalk';
import { lookupKey, quoteList, throughAlias, valuesData, type FormatRule, type KeyLookup } from './formatRule';

/** A setting Compose lets you write two ways, and the two keys it refuses to see with different values. */
interface TwoWays {
  readonly top: string;
  readonly deploy: string;
  readonly read: (text: string) => number | undefined;
  /** What the two set, for the message. */
  readonly what: string;
}

const cpusOf = (text: string): number | undefined => (/^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined);
const countOf = (text: string): number | undefined => (/^-?\d+$/.test(text) ? Number(text) : undefined);

const TWO_WAYS: readonly TwoWays[] = [
  { top: 'mem_limit', deploy: 'deploy.resources.limits.memory', read: bytesOf, what: 'limits' },
  { top: 'mem_reservation', deploy: 'deploy.resources.reservations.memory', read: bytesOf, what: 'limits' },
  { top: 'cpus', deploy: 'deploy.resources.limits.cpus', read: cpusOf, what: 'limits' },
  { top: 'pids_limit', deploy: 'deploy.resources.limits.pids', read: countOf, what: 'limits' },
  { top: 'scale', deploy: 'deploy.replicas', read: countOf, what: 'numbers of containers' },
];

/** A value as Compose reads it, with its text for messages; undefined when it is absent or unreadable here. */
interface Read {
  readonly text: string;
  readonly n: number;
  readonly found: KeyLookup;
  /** The entry read (`mem_limit`, `deploy.resources.limits.memory`). */
  readonly entry: string;
}

function read(v: MapVisit, entry: string, as: (text: string) => number | undefined): Read | undefined {
  const found = lookupKey(v, entry);
  if (!found.present || !isScalar(found.value)) return undefined;
  const text = scalarText(found.value);
  if (text === undefined || isInterpolated(text)) return undefined;
  const n = as(text);
  return n === undefined ? undefined : { text, n, found, entry };
}

/** Where to show a finding about `read`: its own key (the last one, for a dotted entry), else the merge that brings it, else the mapping. */
function placeOf(v: MapVisit, read: Read): Range {
  if (v.alias) return v.range;
  const merge = read.found.own ? undefined : v.mergedFrom.get(read.entry.split('.')[0]!)?.range;
  return read.found.leafRange ?? read.found.range ?? merge ?? v.keyRange ?? v.range;
}

/** Of two values, the one to report at: a value the mapping writes itself, the later one when both are (both merged: the second, at its merge). */
function laterOwn(a: Read, b: Read): Read | undefined {
  if (!a.found.own) return b;
  if (!b.found.own) return a;
  return (a.found.range?.[0] ?? 0) > (b.found.range?.[0] ?? 0) ? a : b;
}

/**
 * The service's memory limit, from either key (they agree, or the file has a finding above): a value, `none`
 * (no key, or 0: no limit), or undefined when one is written but cannot be read here (`${LIMIT}`).
 */
function memoryLimit(v: MapVisit): Read | 'none' | undefined {
  for (const entry of ['mem_limit', 'deploy.resources.limits.memory']) {
    if (!lookupKey(v, entry).present) continue;
    const limit = read(v, entry, bytesOf);
    if (!limit) return undefined;
    return limit.n > 0 ? limit : 'none';
  }
  return 'none';
}

/**
 * Whether the engine sees this service's memory keys only as written here: in a file Compose reads by itself
 * (a variant or another name may be merged with files that set more). A service that extends another is not
 * judged at all: the limit is usually in the service it extends.
 */
function seenWhole(v: MapVisit): boolean {
  return MAIN_COMPOSE_FILES.includes(path.basename(uriToPath(v.doc.uri)));
}

/** The keys the checks below compare. */
const COMPARED = new Set(['deploy', 'memswap_limit', 'mem_reservation', 'cpu_period', 'cpu_quota', ...TWO_WAYS.map((w) => w.top)]);

/** Which of the compared keys the service sets, itself or through a merge: one pass over its keys (most set only `deploy`, or none). */
function comparedKeys(v: MapVisit): Set<string> | undefined {
  let found: Set<string> | undefined;
  for (let i = 0; i < v.own.length; i++) {
    const key = v.own[i]![0];
    if (COMPARED.has(key)) (found ??= new Set()).add(key);
  }
  if (v.merged.size > 0) for (const key of COMPARED) if (v.merged.has(key)) (found ??= new Set()).add(key);
  return found;
}

function checkService(v: MapVisit, report: Report): void {
  const keys = comparedKeys(v);
  if (!keys) return;
  const deploys = keys.has('deploy');
  const swaps = keys.has('memswap_limit');
  const reserves = deploys || keys.has('mem_reservation');
  for (const pair of TWO_WAYS) {
    if (!deploys || !keys.has(pair.top)) continue;
    const top = read(v, pair.top, pair.read);
    const deploy = read(v, pair.deploy, pair.read);
    if (!top || !deploy || top.n === deploy.n) continue;
    const at = laterOwn(top, deploy);
    if (!at) continue; // both from a merge: reported where they are written
    report(placeOf(v, at), `${pair.top} (${top.text}) and ${pair.deploy} (${deploy.text}) set different ${pair.what}: Compose refuses the file ("can't set distinct values"). Keep one of them, or make them equal${throughAlias(v)}.`);
  }

  if (keys.has('cpu_period') || keys.has('cpu_quota')) checkCpuTime(v, report);

  if (!swaps && !reserves) return;
  const limit = memoryLimit(v);
  const swap = read(v, 'memswap_limit', (text) => (text === '-1' ? -1 : bytesOf(text)));
  // 0 leaves swap unset and -1 makes it unlimited: the engine takes either with or without a limit.
  if (swap && swap.n > 0 && swap.found.own) {
    if (limit === 'none' && !lookupKey(v, 'extends').present) {
      const whole = seenWhole(v);
      const elsewhere = whole ? '' : ' (A warning only: another file combined with this one may set it.)';
      report(placeOf(v, swap), `memswap_limit needs a memory limit beside it: the engine refuses the container without one ("You should always set the Memory limit when using Memoryswap limit"). Add mem_limit, or remove memswap_limit.${elsewhere}`, whole ? undefined : { severity: DiagnosticSeverity.Warning });
    } else if (limit && limit !== 'none' && swap.n < limit.n) {
      report(placeOf(v, swap), `memswap_limit (${swap.text}) is less than the memory limit (${limit.text}): it counts memory and swap together, and the engine refuses the container ("Minimum memoryswap limit should be larger than memory limit"). Set it to ${limit.text} or more (equal forbids swap), or -1 for unlimited swap.`);
    }
  }

  const reservation = read(v, 'mem_reservation', bytesOf) ?? read(v, 'deploy.resources.reservations.memory', bytesOf);
  if (limit && limit !== 'none' && reservation && reservation.n > limit.n) {
    const at = laterOwn(limit, reservation);
    if (at) report(placeOf(v, at), `the memory reservation (${reservation.text}) is more than the memory limit (${limit.text}): the engine refuses the container ("Minimum memory limit can not be less than memory reservation limit"). Lower the reservation or raise the limit.`);
  }
}

/**
 * `cpus` (either key; the engine's "Nano CPUs") beside a period or a quota of CPU time: the engine takes one
 * way or the other, never both. 0 leaves any of them unset.
 */
function checkCpuTime(v: MapVisit, report: Report): void {
  const cpus = read(v, 'cpus', cpusOf) ?? read(v, 'deploy.resources.limits.cpus', cpusOf);
  if (!cpus || cpus.n <= 0) return;
  const name = lookupKey(v, 'cpus').present ? 'cpus' : 'deploy.resources.limits.cpus';
  for (const [entry, said] of [['cpu_period', 'CPU Period'], ['cpu_quota', 'CPU Quota']] as const) {
    const other = read(v, entry, countOf);
    if (!other || other.n <= 0) continue;
    const at = laterOwn(cpus, other);
    if (!at) continue; // both from a merge: reported where they are written
    report(placeOf(v, at), `${name} (${cpus.text}) and ${entry} (${other.text}) both limit the service's CPU time: the engine refuses the container ("Conflicting options: Nano CPUs and ${said} cannot both be set"). Keep one way: ${name} alone, or cpu_period with cpu_quota${throughAlias(v)}.`);
  }
}

/** A ulimit value as the runtime reads it: -1 is unlimited, above any number. */
function limitOf(node: unknown): number | undefined {
  const text = isScalar(node) ? scalarText(node) : undefined;
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n === -1 ? Infinity : n;
}

function checkUlimitOrder(v: MapVisit, report: Report): void {
  for (const [name, pair] of v.own) {
    if (!isMap(pair.value)) continue;
    const soft = pair.value.items.find((p) => scalarText(p.key) === 'soft');
    const hard = pair.value.items.find((p) => scalarText(p.key) === 'hard');
    const softN = limitOf(soft?.value);
    const hardN = limitOf(hard?.value);
    if (softN === undefined || hardN === undefined || softN <= hardN) continue;
    const shown = (n: number) => (n === Infinity ? '-1, unlimited' : String(n));
    report(nodeRange(soft!.key) ?? v.range, `the soft limit of ${name} (${shown(softN)}) is above its hard limit (${shown(hardN)}): the container does not start ("error setting rlimit ... invalid argument"). Lower soft or raise hard.`);
  }
}

export const conflictingLimits: FormatRule = {
  code: 'conflicting-limits',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === serviceDefinition || spec === ulimits,
    map(v, report) {
      if (v.spec === serviceDefinition) checkService(v, report);
      else if (v.path[0] === 'services') checkUlimitOrder(v, report);
    },
  },
};

export const unknownUlimit: FormatRule<ReplaceData> = {
  code: 'unknown-ulimit',
  severity: DiagnosticSeverity.Error,
  fix: replaceFix,
  check: {
    applies: (spec) => spec === ulimits,
    map(v, report) {
      // The build's ulimits go to the builder, not to a container: only a service's are judged.
      if (v.path[0] !== 'services') return;
      for (const [name, pair] of v.own) {
        if (name.startsWith('x-') || isInterpolated(name) || ULIMIT_NAMES.includes(name.toLowerCase())) continue;
        const range = nodeRange(pair.key) ?? v.range;
        const suggestion = closest(name.toLowerCase(), ULIMIT_NAMES);
        const hint = suggestion ? ` Did you mean '${suggestion}'?` : ` The limits are ${quoteList(ULIMIT_NAMES)}.`;
        report(v.alias ? v.range : range, `'${name}' is not a limit in ${pathText(v.path)}: Compose passes it on and the container does not start ("RLIMIT_${name.toUpperCase()}: unknown").${hint}${throughAlias(v)}`, {
          data: suggestion && !v.alias ? valuesData(v, range, name, suggestion, undefined) : undefined,
        });
      }
    },
  },
};
