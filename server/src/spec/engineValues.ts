// Values the engine reads when it creates or starts a container, as it reads
// them: durations (Go's), sizes (docker/go-units), capabilities, signals,
// security options, MAC addresses, subnets and local volume names. formats.ts words what is wrong
// with one; rules that compare values (limits, addresses) read them here.
import { isIP } from 'node:net';

// Go's time.ParseDuration, which Compose uses: `1h30m`, `1.5s`, `300ms`, `0`.
// Microseconds are `us`, `µs` (U+00B5) or `μs` (U+03BC), written as escapes: see esbuild.mjs's oneByteSource.
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;
// docker/go-units RAMInBytes: `512m`, `1.5GB`, `1024`, `2 g`.
const BYTES = /^\d+(\.\d+)* ?([kKmMgGtTpP])?[iI]?[bB]?$/;

/** Text Go's time.ParseDuration reads (`0` aside, which it reads too). */
export function isDuration(text: string): boolean {
  return DURATION.test(text);
}

/** Text docker/go-units reads as a size. */
export function isSize(text: string): boolean {
  return BYTES.test(text);
}

/** The least memory limit or reservation the engine takes (other than 0, no limit). */
export const MIN_MEMORY = 6 * 1024 * 1024;

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
export function checkCapability(text: string): string | undefined {
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

/** A signal name in any case, with or without `SIG`, or its number (not 0); or none (`""`: the engine's default, SIGTERM). */
export function checkSignal(text: string): string | undefined {
  if (text === '') return undefined;
  if (/^-?\d+$/.test(text)) return Number(text) === 0 ? `0 is not a signal: the engine refuses it when it creates the container. Use a name such as SIGTERM or SIGINT` : undefined;
  const name = text.toUpperCase().replace(/^SIG/, '');
  const realtime = /^RTMIN\+(\d+)$|^RTMAX-(\d+)$/.exec(name);
  if (SIGNALS.has(name) || (realtime && Number(realtime[1] ?? realtime[2]) >= 1 && Number(realtime[1] ?? realtime[2]) <= 15)) return undefined;
  return `'${text}' is not a signal: the engine refuses it when it creates the container ("Invalid signal"). Use a name such as SIGTERM, SIGINT or SIGQUIT`;
}

/** The settings the engine takes in `security_opt`, written KEY=VALUE (or the older KEY:VALUE). */
const SECURITY_OPTIONS = new Set(['label', 'apparmor', 'seccomp', 'no-new-privileges', 'systempaths', 'writable-cgroups']);

export function checkSecurityOpt(text: string): string | undefined {
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

/** The local volume driver's rule for a name (the engine's own pattern). */
const LOCAL_VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Why the engine's `local` volume driver refuses `name`, in the engine's words; undefined when it takes it.
 * Compose passes a volume's name as written, and `up` fails to create one the driver refuses ("includes
 * invalid characters for a local volume name", "volume name is too short"; test/docker/engine-verdicts.test.ts).
 */
export function localVolumeNameProblem(name: string): string | undefined {
  if (LOCAL_VOLUME_NAME.test(name)) return undefined;
  if (name.length < 2 && /^[a-zA-Z0-9]?$/.test(name)) return 'is too short: the local driver wants at least two characters ("volume name is too short")';
  return 'holds characters the local driver refuses: letters, digits, _ . and - only, starting with a letter or digit ("includes invalid characters for a local volume name")';
}

/** Text Go's strconv.ParseBool reads, which the engine uses for its drivers' on/off options (not YAML's or Compose's words: `yes` is refused). */
export function isGoBool(text: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text);
}

/**
 * Why Linux refuses `name` for a network interface, as the engine's bridge driver makes one; undefined when it takes it.
 * The kernel's rule: at most 15 bytes (IFNAMSIZ is 16 with the terminating zero), not `.` or `..`, no `/`, `:` or
 * white space (measured: "numerical result out of range", "invalid argument").
 */
export function interfaceNameProblem(name: string): string | undefined {
  if (Buffer.byteLength(name, 'utf8') > 15) return 'is longer than the 15 bytes Linux allows an interface name';
  if (name === '.' || name === '..' || /[/:\s]/.test(name)) return 'is no name Linux gives an interface: no `/`, `:` or spaces, and not `.` or `..`';
  return undefined;
}
