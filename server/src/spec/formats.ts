/**
 * The small languages inside Compose strings (volume short syntax, durations,
 * sizes, addresses...; port mappings have portMappings.ts): parsers that hover
 * and diagnostics share, and `checkFormat`, which explains what is wrong in
 * words a user can act on.
 *
 * Text that Compose will interpolate (`${VAR}`, `$VAR`) is never judged: its
 * final value is unknown until Compose runs.
 */
import { parseImageReference } from './imageReference';
import { isIP } from 'node:net';
import { posix as posixPath } from 'node:path';
import { parsePortMappingDetailed, parsePortRange, PROTOCOLS } from './portMappings';
import type { Parsed, TextFormat } from './types';

/** Text whose value depends on interpolation: `$$` is a literal dollar, anything else may be a variable. */
export function isInterpolated(text: string): boolean {
  // Most text has no dollar at all: no copy, no pattern.
  if (!text.includes('$')) return false;
  return /\$(?!\$)/.test(text.replace(/\$\$/g, ''));
}

// ---------------------------------------------------------------- volumes

export interface VolumeShort {
  /** A host path (bind mount) or a volume name; absent for an anonymous volume. */
  readonly source?: string;
  /** The path in the container. */
  readonly target: string;
  /** The options after the second colon, as written (`ro`, `ro,z`...). */
  readonly mode?: string;
  /** The source is a host path (starts with `/`, `.`, `~`, `\\` or a Windows drive), not a named volume. */
  readonly isBind: boolean;
}

const VOLUME_OPTIONS = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate', 'consistent', 'cached', 'delegated']);
const VOLUME_SYNTAX = '[SOURCE:]TARGET[:MODE]';


/** Compose's own rule for telling a host path from a volume name. */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[a-zA-Z]:[\\/]/.test(source);
}

function isAbsoluteContainerPath(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function splitVolume(text: string): string[] {
  // Colons split the parts, except the one after a Windows drive letter (`C:\data`)
  // and those inside `${VAR:-default}`, as in Compose's own parser.
  // Each part is sliced from `start` (no string built a character at a time).
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch !== ':' || depth !== 0) continue;
    // `C:` followed by a slash: a drive letter, not a separator.
    if (i - start === 1 && /[a-zA-Z]/.test(text[start]!) && /[\\/]/.test(text[i + 1] ?? '')) continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

function parseVolumeShortDetailed(text: string): Parsed<VolumeShort> {
  const fail = (why: string): Parsed<VolumeShort> => ({ error: `'${text}' is not a volume: ${why}` });
  if (text.trim() === '') return fail(`use ${VOLUME_SYNTAX}`);
  const parts = splitVolume(text);
  if (parts.some((p) => p === '')) return fail(`it has an empty part between colons; use ${VOLUME_SYNTAX}`);
  if (parts.length > 3) return fail(`it has too many colons; use ${VOLUME_SYNTAX}`);
  if (parts.length === 1) {
    const target = parts[0]!;
    if (!isAbsoluteContainerPath(target) && !isInterpolated(target)) return fail(`an anonymous volume needs an absolute container path, such as /data`);
    return { value: { target, isBind: false } };
  }
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (!isAbsoluteContainerPath(target) && !isInterpolated(target)) return fail(`the container path '${target}' must be absolute, such as /data`);
  const isBind = isHostPath(source);
  if (!isBind && !isInterpolated(source) && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) {
    return fail(`'${source}' is neither a host path (start it with ./ or /) nor a volume name (letters, digits, _ . -)`);
  }
  // An option Compose does not know is dropped when it loads the file (formatWarning says so).
  return { value: { source, target, mode, isBind } };
}

/** Options of a short volume that Compose does not know, which it drops: the file loads, the mount goes without them. */
function ignoredVolumeOptions(text: string): string | undefined {
  const mode = parseVolumeShort(text)?.mode;
  const unknown = mode?.split(',').filter((o) => !VOLUME_OPTIONS.has(o)) ?? [];
  if (unknown.length === 0) return undefined;
  return `'${unknown.join(',')}' is not a mount option: Compose drops it and mounts the volume without it. Use ro, rw, z, Z, nocopy or a propagation mode such as rshared`;
}

/**
 * What is off in text Compose still loads (an option it drops), for a warning; undefined when nothing is, or
 * when `checkFormat` has an error to report instead.
 */
export function formatWarning(format: TextFormat, text: string): string | undefined {
  if (isInterpolated(text)) return undefined;
  if (format === 'volume-short') return ignoredVolumeOptions(text);
  if (format === 'restart') {
    // Compose reads the count after `on-failure:` and drops text it cannot read: the engine then restarts without limit.
    const count = /^on-failure:(.*)$/s.exec(text)?.[1];
    // Nothing after the colon means no limit, as `on-failure` alone; a negative count is the pattern's error.
    if (count === undefined || count === '' || /^\+?\d+$/.test(count) || count.startsWith('-')) return undefined;
    return `'${count}' is not a count of retries: Compose drops it, and the container restarts after every failure without limit. Write on-failure:5 to stop after five, or on-failure for no limit`;
  }
  if (format === 'expose') {
    const problem = exposeProblem(text);
    return problem && `'${text}' is not a port to expose (${problem}): Compose and the engine take it as written, and no port is exposed. Write PORT[-PORT][/PROTOCOL], like 8080 or 8000-8010/udp`;
  }
  if (format === 'env-entry') {
    // Compose and the engine take a name with spaces; a shell cannot read such a variable.
    const eq = text.indexOf('=');
    const name = eq >= 0 ? text.slice(0, eq) : text;
    if (!/\s/.test(name)) return undefined;
    // `DEBUG = true`: spaces around `=` belong to the name and the value, not to the syntax.
    if (eq >= 0 && !/\s/.test(name.trim())) {
      return `'${text}' sets '${name}' (with its spaces) to '${text.slice(eq + 1)}': Compose keeps spaces around '='. Write ${name.trim()}=${text.slice(eq + 1).trim()}`;
    }
    return `'${name}' contains spaces: Compose passes it on, but no shell can read a variable by that name. Write the name without spaces (quote only the value)`;
  }
  return undefined;
}

/** A container path as the folder it names, as Compose cleans a short volume's target: `/data/` and `/data/./` are `/data`. */
export function containerFolder(target: string): string {
  return posixPath.normalize(target).replace(/(.)\/+$/, '$1');
}

/** The path of a `tmpfs` entry (`/run:size=64m`): what comes before its options. */
export function tmpfsPath(text: string): string {
  return text.split(':')[0]!;
}

/** The parts of a short volume (`./data:/data:ro`), or undefined when it is not one. */
export function parseVolumeShort(text: string): VolumeShort | undefined {
  return parseVolumeShortDetailed(text).value;
}

// ---------------------------------------------------------------- the rest

// Go's time.ParseDuration, which Compose uses: `1h30m`, `1.5s`, `300ms`, `0`.
// Microseconds are `us`, `µs` (U+00B5) or `μs` (U+03BC), written as escapes: see esbuild.mjs's oneByteSource.
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;
// docker/go-units RAMInBytes: `512m`, `1.5GB`, `1024`, `2 g`.
const BYTES = /^\d+(\.\d+)* ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;

/** Why `text` is not a port to expose (PORT[-PORT][/PROTOCOL]); undefined when it is one. */
function exposeProblem(text: string): string | undefined {
  // Everything after the first slash is the protocol, line breaks too (`.` would stop at one and match nothing).
  const m = /^([^/]*)(?:\/([\s\S]*))?$/.exec(text)!;
  if (m[2] !== undefined && !(PROTOCOLS as readonly string[]).includes(m[2].toLowerCase())) return `protocol '${m[2]}' is not tcp, udp or sctp`;
  return parsePortRange(m[1]!, 'port', false).error;
}

function checkExtraHost(text: string): string | undefined {
  // `HOST=IP` is the newer form and allows IPv6 without ambiguity; `HOST:IP` splits at the first colon.
  const eq = text.indexOf('=');
  const sep = eq >= 0 ? eq : text.indexOf(':');
  if (sep <= 0) return `'${text}' is not a host entry: use HOST=IP or HOST:IP`;
  const host = text.slice(0, sep);
  if (/\s/.test(host)) return `'${host}' is not a host name: it contains spaces`;
  // Several addresses for one host are separated by commas.
  for (let ip of text.slice(sep + 1).split(',')) {
    if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (ip !== 'host-gateway' && isIP(ip) === 0) {
      return `'${ip}' is not an IP address (nor host-gateway): use HOST=IP, e.g. db.local=10.0.0.5`;
    }
  }
  return undefined;
}

/**
 * Checks `text` against a format. Returns undefined when it is fine (or
 * cannot be judged because of interpolation), else a message saying what is
 * wrong and what to write instead.
 */
export function checkFormat(format: TextFormat, text: string): string | undefined {
  // The same few values recur across services (30s, 512M, a shared volume): each is judged once.
  let known = verdicts.get(format);
  if (!known) verdicts.set(format, (known = new Map()));
  const found = known.get(text);
  if (found !== undefined) return found === OK ? undefined : found;
  if (known.size >= VERDICTS_PER_FORMAT) known.clear();
  const verdict = judge(format, text);
  known.set(text, verdict ?? OK);
  return verdict;
}

/** Verdicts of checkFormat by format and text (bounded: a file of unique values starts it over). */
const verdicts = new Map<TextFormat, Map<string, string>>();
const VERDICTS_PER_FORMAT = 1024;
/** Stands for "no problem" in `verdicts` (no message is empty). */
const OK = '';

/** The formats of sizes, which Compose reads with one parser. */
const SIZE_FORMATS: ReadonlySet<TextFormat> = new Set(['bytes', 'memory', 'reservation', 'swap']);

/**
 * What Compose and the engine make of a negative size: `undefined` when the format is no size or the text is not
 * negative (`checkFormat` judges it), `''` when it is taken, else why not. Compose's size parser refuses any
 * negative text ("invalid size"), while a number goes to the engine as it is: a negative swap limit is unlimited
 * swap and a negative reservation none, but a memory limit under 6 MB or a negative shm_size is refused when it
 * creates the container (each held to the engine in test/docker/compose-verdicts.test.ts).
 */
export function negativeSize(format: TextFormat, text: string, asNumber: boolean): string | undefined {
  if (!SIZE_FORMATS.has(format) || !text.trim().startsWith('-')) return undefined;
  if (!asNumber) {
    const instead = format === 'swap' || format === 'reservation' ? ` Write ${format === 'swap' ? '-1 for unlimited swap' : '-1 for none'} as a number, unquoted.` : ' Write 0 or more.';
    return `'${text}' is not a size Compose reads: it refuses a negative size written as text ("invalid size: '${text}'").${instead}`;
  }
  switch (format) {
    case 'swap':
    case 'reservation':
      return '';
    case 'memory':
      return `${text} is less than the 6 MB the engine allows: it refuses the container ("Minimum memory limit allowed is 6MB"). Write 0 for no limit, or 6m or more, such as 512m`;
    default:
      return `${text} is a negative size: the engine refuses it when it creates the container (for shm_size, "SHM size can not be less than 0"). Write 0 or more`;
  }
}

function judge(format: TextFormat, text: string): string | undefined {
  if (isInterpolated(text)) return undefined;
  switch (format) {
    case 'duration':
      return DURATION.test(text) || text === '0' ? undefined : `'${text}' is not a duration: write it like 30s, 1m30s, 500ms or 2h`;
    case 'bytes':
    case 'swap':
      return BYTES.test(text) ? undefined : `'${text}' is not a size: write bytes, or a number with a unit such as 512m, 1.5g or 100k`;
    case 'port-mapping':
      if (/^\d+$/.test(text)) return parsePortRange(text, 'container port', false).error;
      return parsePortMappingDetailed(text).error;
    case 'expose':
      // Compose 2.26 passes any text on and the engine records it as written: `formatWarning` says when it exposes nothing.
      return undefined;
    case 'volume-short':
      return parseVolumeShortDetailed(text).error;
    case 'service-dependency': {
      const [name, alias, extra] = text.split(':');
      if (extra !== undefined || !SERVICE_NAME.test(name ?? '') || (alias !== undefined && !SERVICE_NAME.test(alias))) {
        return `'${text}' is not a service reference: use SERVICE or SERVICE:ALIAS (letters, digits, _ . -)`;
      }
      return undefined;
    }
    case 'env-entry': {
      const eq = text.indexOf('=');
      const name = eq >= 0 ? text.slice(0, eq) : text;
      // The engine refuses a variable with no name when it creates the container ("invalid environment variable").
      if (name === '') return `'${text}' has no name before '=': use KEY=value`;
      return undefined;
    }
    case 'extra-host':
      return checkExtraHost(text);
    case 'cpus':
      if (/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
      // Compose loads a negative number; the engine refuses it when the container is created.
      if (/^-(\d+(\.\d*)?|\.\d+)$/.test(text)) return `${text} CPUs: Compose loads it, but the engine refuses a negative number when it creates the container ("Range of CPUs is from 0.01 to ..."). Write 0.5 for half a CPU, 2 for two`;
      return `'${text}' is not a number of CPUs: write it like 0.5 or 2`;
    case 'ulimit':
      return /^-?\d+$/.test(text) ? undefined : `'${text}' is not a limit: write a whole number (-1 for unlimited)`;
    case 'capability':
      return checkCapability(text);
    case 'signal':
      return checkSignal(text);
    case 'absolute-path':
      return isAbsolutePath(text) ? undefined : `'${text}' is not an absolute path: the engine refuses a relative one when it creates the container. Write it from the root, like /app`;
    case 'tmpfs-mount': {
      const path = tmpfsPath(text);
      return isAbsolutePath(path) ? undefined : `'${path}' is not an absolute path: the engine refuses to mount a tmpfs there ("mount path must be absolute"). Write it from the root, like /run`;
    }
    case 'security-opt':
      return checkSecurityOpt(text);
    case 'memory':
    case 'reservation': {
      if (!BYTES.test(text)) return `'${text}' is not a size: write bytes, or a number with a unit such as 512m, 1.5g or 100k`;
      const bytes = bytesOf(text);
      // The engine refuses less than 6 MiB when it creates the container ("Minimum memory limit allowed is 6MB"); 0 is no limit.
      return bytes === undefined || bytes === 0 || bytes >= MIN_MEMORY ? undefined : `${text} is less than the 6 MB the engine allows: it refuses the container ("Minimum memory ... allowed is 6MB"). Write 6m or more, such as 512m`;
    }
    case 'image-reference': {
      if (text === '' || (!/\s/.test(text) && parseImageReference(text))) return undefined;
      if (/\s/.test(text)) return `'${text}' is not an image reference: it contains a space or line break, which the engine refuses ("invalid reference format")`;
      // The engine's API reads a name in its URL path, cleaned as a path (`a//b/`, `/a/./b` are `a/b`): not judged.
      if (text.includes('/') && parseImageReference(posixPath.normalize(text).replace(/^\/+|\/+$/g, ''))) return undefined;
      // The engine's words at `up` (and the build's when it tags the image): "invalid reference format".
      // The name in lower case, the tag and digest as written (`Latest` is a tag of its own).
      const at = text.indexOf('@');
      const named = at >= 0 ? text.slice(0, at) : text;
      const colon = named.lastIndexOf(':');
      const nameEnd = colon > named.lastIndexOf('/') ? colon : named.length;
      const lower = text.slice(0, nameEnd).toLowerCase() + text.slice(nameEnd);
      if (lower !== text && parseImageReference(lower)) {
        return `'${text}' is not an image name the engine takes: a repository name must be in lower case ("invalid reference format"). Write ${lower}`;
      }
      return `'${text}' is not an image reference ("invalid reference format"): write NAME[:TAG] or NAME@DIGEST, the name in lower case letters, digits and . _ - (a tag also takes capitals), like postgres:16 or ghcr.io/org/app:1.2`;
    }
    case 'probe-duration': {
      const nanos = DURATION.test(text) || text === '0' ? durationNanos(text) : undefined;
      if (nanos === undefined) return judge('duration', text);
      // The engine refuses a healthcheck timing under a millisecond when it creates the container; 0 is the default.
      return nanos === 0 || nanos >= 1e6 ? undefined : `${text} is less than 1ms: the engine refuses the container ("... in Healthcheck cannot be less than 1ms"). Write 0s for the default, or 1ms or more, such as 10s`;
    }
    case 'restart':
      return undefined; // the spec's pattern judges the words; formatWarning the count
    case 'namespace-mode':
      // Compose refuses a service with no name ("depends on undefined service"); the engine a container with none.
      if (text === 'service:') return `'service:' names no service: Compose refuses the file ("depends on undefined service"). Write service:NAME`;
      if (text === 'container:') return `'container:' names no container: the engine refuses it when it creates the container. Write container:NAME`;
      return undefined;
    case 'cidr':
      return parseCidr(text) ? undefined : `'${text}' is not a subnet: the engine refuses it when it creates the network. Write an address and a prefix length, like 172.28.0.0/16 or fd00:1::/64`;
    case 'ip-address':
      return isIP(text) !== 0 ? undefined : `'${text}' is not an IP address: the engine refuses it. Write one like 172.28.0.1 or fd00::1`;
    case 'ipv4-address':
      return isIP(text) === 4 ? undefined : `'${text}' is not an IPv4 address: the engine refuses it when it starts the container. Write one like 172.28.0.10${isIP(text) === 6 ? ' (an IPv6 address goes in ipv6_address)' : ''}`;
    case 'ipv6-address':
      return isIP(text) === 6 ? undefined : `'${text}' is not an IPv6 address: the engine refuses it when it starts the container. Write one like fd00::10${isIP(text) === 4 ? ' (an IPv4 address goes in ipv4_address)' : ''}`;
    case 'hostname':
      return text.length <= 64 ? undefined : `this host name is ${text.length} characters long: the kernel takes at most 64, so the container does not start. Shorten it`;
    case 'cpuset':
      return /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text) ? undefined : `'${text}' is not a list of CPUs: the engine refuses it when it creates the container. Write CPU numbers and ranges, like 0-3 or 0,2`;
    case 'device-cgroup-rule':
      return /^[acb] (\d+|\*):(\d+|\*) [rwm]{1,3}$/.test(text) ? undefined : `'${text}' is not a device cgroup rule: the engine refuses it when it creates the container. Write TYPE MAJOR:MINOR ACCESS, like 'c 1:3 mr' (type a, b or c; * for any number; access r, w, m)`;
    case 'mac-address':
      return isMacAddress(text) ? undefined : `'${text}' is not a MAC address: the engine refuses it when it starts the container. Write six pairs of hex digits, like 02:42:ac:11:00:02`;
    case 'uri':
      try {
        new URL(text);
        return undefined;
      } catch {
        return `'${text}' is not a URL: write it with its scheme, such as https://example.com/repo.git`;
      }
  }
}

// ---------------------------------------------------------------- what the engine checks when it creates or starts a container

/** The least memory limit or reservation the engine takes (other than 0, no limit). */
const MIN_MEMORY = 6 * 1024 * 1024;

const NANOS_PER_UNIT: Record<string, number> = { ns: 1, us: 1e3, '\u00b5s': 1e3, '\u03bcs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** The nanoseconds of a duration as Go's time.ParseDuration reads it (`1m30s`, `-1s`, `.5ms`); undefined when it is not one. */
export function durationNanos(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!DURATION.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) total += Number(m[1]) * NANOS_PER_UNIT[m[2]!]!;
  return sign * total;
}

const BYTE_UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** A size as Compose reads it (binary units, `512m`, `1.5g`, `100k`, plain bytes); undefined when it is not one. */
export function bytesOf(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? BYTE_UNITS[m[2].toLowerCase()]! : 1);
}

/** Linux capabilities by name, as the engine knows them (without `CAP_`); PERFMON, BPF and CHECKPOINT_RESTORE only newer engines. */
const CAPABILITIES = new Set([
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
]);

/** The engine takes a capability in any case, with or without `CAP_`, and `ALL`. */
function checkCapability(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper === 'ALL') return undefined;
  // `CAP_ALL` is no capability: the engine knows ALL only as written without the prefix.
  if (upper === 'CAP_ALL') return `'${text}' is not a Linux capability: the engine refuses it when it creates the container ("unknown capability: CAP_ALL"). Write ALL for every capability`;
  if (CAPABILITIES.has(upper.replace(/^CAP_/, ''))) return undefined;
  return `'${text}' is not a Linux capability: the engine refuses it when it creates the container ("unknown capability"). Use a name such as NET_ADMIN or SYS_PTRACE`;
}

/** Signal names the engine knows (without `SIG`); RTMIN+n and RTMAX-n are checked apart. */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT',
  'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ',
  'RTMIN', 'RTMAX',
]);

/** A signal name in any case, with or without `SIG`, or its number (not 0). */
function checkSignal(text: string): string | undefined {
  if (/^-?\d+$/.test(text)) return Number(text) === 0 ? `0 is not a signal: the engine refuses it when it creates the container. Use a name such as SIGTERM or SIGINT` : undefined;
  const name = text.toUpperCase().replace(/^SIG/, '');
  const realtime = /^RTMIN\+(\d+)$|^RTMAX-(\d+)$/.exec(name);
  if (SIGNALS.has(name) || (realtime && Number(realtime[1] ?? realtime[2]) >= 1 && Number(realtime[1] ?? realtime[2]) <= 15)) return undefined;
  return `'${text}' is not a signal: the engine refuses it when it creates the container ("Invalid signal"). Use a name such as SIGTERM, SIGINT or SIGQUIT`;
}

/** A path from the root: `/app`, or a Windows container's `C:\\app`. */
export function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text);
}

/**
 * A path of the project on this machine, read from the project's folder: not absolute, not `~` nor a
 * network share (the engine host's, which may not be this machine), no variable left to fill in.
 */
export function isProjectPath(text: string): boolean {
  return !isInterpolated(text) && !isAbsolutePath(text) && !text.startsWith('~') && !text.startsWith('\\\\');
}

/** The settings the engine takes in `security_opt`, written KEY=VALUE (or the older KEY:VALUE). */
const SECURITY_OPTIONS = new Set(['label', 'apparmor', 'seccomp', 'no-new-privileges', 'systempaths', 'writable-cgroups']);

function checkSecurityOpt(text: string): string | undefined {
  if (text === 'no-new-privileges' || text === 'disable') return undefined;
  const eq = text.indexOf('=');
  const at = eq >= 0 ? eq : text.indexOf(':');
  const name = at >= 0 ? text.slice(0, at) : text;
  const value = at >= 0 ? text.slice(at + 1) : undefined;
  if (value === undefined || !SECURITY_OPTIONS.has(name)) {
    return `'${text}' is not a security option: the engine refuses it. Use label=..., apparmor=..., seccomp=... or no-new-privileges:true`;
  }
  if (name === 'no-new-privileges' && !/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) {
    return `'${value}' is not true or false: the engine refuses no-new-privileges set to anything else`;
  }
  return undefined;
}

/** The forms Go's MAC parser reads: 6, 8 or 20 pairs of hex digits split by `:` or `-`, or 3, 4 or 10 groups of four split by `.`. */
export function isMacAddress(text: string): boolean {
  const pairs = /^[0-9a-fA-F]{2}(?:([:-])[0-9a-fA-F]{2})+$/.exec(text);
  if (pairs) {
    const groups = text.split(pairs[1]!);
    return [6, 8, 20].includes(groups.length) && groups.every((g) => g.length === 2);
  }
  const quads = text.split('.');
  return [3, 4, 10].includes(quads.length) && quads.every((g) => /^[0-9a-fA-F]{4}$/.test(g));
}

/** A subnet in CIDR notation (`172.28.0.0/16`, `fd00::/64`): its address, family and prefix length; undefined when it is not one. */
export function parseCidr(text: string): { address: string; family: 4 | 6; prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const family = isIP(address);
  const bits = text.slice(slash + 1);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  return prefix <= (family === 4 ? 32 : 128) ? { address, family: family as 4 | 6, prefix } : undefined;
}
