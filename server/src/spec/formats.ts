/**
 * What is wrong with a string in one of the small languages inside Compose
 * files (volume short syntax, durations, sizes, addresses...), in words a user
 * can act on: `checkFormat` for what Compose or the engine refuses,
 * `formatWarning` for what Compose loads but drops. The languages themselves
 * are read in mountPaths.ts, engineValues.ts and portMappings.ts.
 *
 * Text that Compose will interpolate (`${VAR}`, `$VAR`) is never judged: its
 * final value is unknown until Compose runs.
 */
import { parseImageReference } from './imageReference';
import { isIP } from 'node:net';
import { posix as posixPath } from 'node:path';
import { bytesOf, checkCapability, checkSecurityOpt, checkSignal, durationNanos, isDuration, isMacAddress, isSize, MIN_MEMORY, parseCidr } from './engineValues';
import { isInterpolated } from './interpolated';
import { ignoredVolumeOptions, isAbsolutePath, parseVolumeShortDetailed, tmpfsOptionsProblem, tmpfsPath } from './mountPaths';
import { parsePortMappingDetailed, parsePortRange, PROTOCOLS } from './portMappings';
import type { TextFormat } from './types';
import { boundedMemo } from './boundedMemo';
import { normalizeProjectName } from '../../../common/src/projectName';

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
  let judged = verdicts.get(format);
  if (!judged) verdicts.set(format, (judged = boundedMemo(VERDICTS_PER_FORMAT, (value: string) => judge(format, value))));
  return judged(text);
}

/** Verdicts of checkFormat by format, then by text. */
const verdicts = new Map<TextFormat, (text: string) => string | undefined>();
const VERDICTS_PER_FORMAT = 1024;

/** The formats of sizes, which Compose reads with one parser. */
const SIZE_FORMATS: ReadonlySet<TextFormat> = new Set(['bytes', 'memory', 'reservation', 'swap', 'io-rate']);

/**
 * What Compose and the engine make of a negative size: `undefined` when the format is no size or the text is not
 * negative (`checkFormat` judges it), `''` when it is taken, else why not. Compose's size parser refuses any
 * negative text ("invalid size"), while a number goes to the engine as it is: a negative swap limit is unlimited
 * swap and a negative reservation none, but a memory limit under 6 MB or a negative shm_size is refused when it
 * creates the container (each held to the engine in test/docker/engine-verdicts.test.ts).
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
      return isDuration(text) || text === '0' ? undefined : `'${text}' is not a duration: write it like 30s, 1m30s, 500ms or 2h`;
    case 'bytes':
    case 'swap':
      return isSize(text) ? undefined : `'${text}' is not a size: write bytes, or a number with a unit such as 512m, 1.5g or 100k`;
    // Compose reads an IO rate with its size parser too ("invalid size"): a unit multiplies it as it would bytes.
    case 'io-rate':
      return isSize(text) ? undefined : `'${text}' is not a rate Compose reads: it reads IO operations per second as it reads a size ("invalid size: '${text}'"). Write a whole number, such as 120`;
    // Compose lowers a project name and drops all but letters, digits, `_` and `-` (and those two first); nothing left it refuses.
    // Written empty it is none given (the folder names the project).
    case 'project-name':
      return text === '' || normalizeProjectName(text) !== '' ? undefined : `'${text}' leaves no project name: Compose keeps lowercase letters, digits, '_' and '-' (not first) and refuses a name with none ("project name must not be empty"). Write one like myapp`;
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
    // Compose reads the text with Go's float parser, which takes a sign and an exponent (`+1`, `1e3`).
    case 'cpus':
      if (/^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
      // Compose loads a negative number; the engine refuses it when the container is created.
      if (/^-(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `${text} CPUs: Compose loads it, but the engine refuses a negative number when it creates the container ("Range of CPUs is from 0.01 to ..."). Write 0.5 for half a CPU, 2 for two`;
      return `'${text}' is not a number of CPUs: write it like 0.5 or 2`;
    case 'ulimit':
      return /^[+-]?\d+$/.test(text) ? undefined : `'${text}' is not a limit: write a whole number (-1 for unlimited)`;
    case 'capability':
      return checkCapability(text);
    case 'signal':
      return checkSignal(text);
    // An empty folder or address (`working_dir: ${WORKDIR:-}`) is none given: the engine keeps the image's (held to it in the docker tier).
    case 'absolute-path':
      return text === '' || isAbsolutePath(text) ? undefined : `'${text}' is not an absolute path: the engine refuses a relative one when it creates the container. Write it from the root, like /app`;
    case 'tmpfs-mount': {
      const path = tmpfsPath(text);
      if (!isAbsolutePath(path)) return `'${path}' is not an absolute path: the engine refuses to mount a tmpfs there ("mount path must be absolute"). Write it from the root, like /run`;
      return tmpfsOptionsProblem(text);
    }
    case 'security-opt':
      return checkSecurityOpt(text);
    case 'memory':
    case 'reservation': {
      if (!isSize(text)) return `'${text}' is not a size: write bytes, or a number with a unit such as 512m, 1.5g or 100k`;
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
      const nanos = isDuration(text) || text === '0' ? durationNanos(text) : undefined;
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
    // An empty set is none given: the engine lets the container run on every CPU (held to it in the docker tier).
    case 'cpuset':
      return text === '' || /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text) ? undefined : `'${text}' is not a list of CPUs: the engine refuses it when it creates the container. Write CPU numbers and ranges, like 0-3 or 0,2`;
    case 'device-cgroup-rule':
      return /^[acb] (\d+|\*):(\d+|\*) [rwm]{1,3}$/.test(text) ? undefined : `'${text}' is not a device cgroup rule: the engine refuses it when it creates the container. Write TYPE MAJOR:MINOR ACCESS, like 'c 1:3 mr' (type a, b or c; * for any number; access r, w, m)`;
    case 'mac-address':
      return text === '' || isMacAddress(text) ? undefined : `'${text}' is not a MAC address: the engine refuses it when it starts the container. Write six pairs of hex digits, like 02:42:ac:11:00:02`;
    // The engine's parser of platforms: one to three parts of letters, digits, _ and - ("cannot parse platform specifier").
    case 'platform': {
      if (text === '') return undefined;
      const parts = text.split('/');
      if (parts.length <= 3 && parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return undefined;
      return `'${text}' is not a platform: the engine refuses it when it pulls or builds the image ("${parts.length > 3 ? 'cannot parse platform specifier' : 'is an invalid component of'}"). Write OS/ARCH[/VARIANT], like linux/amd64 or linux/arm/v7`;
    }
    // A device the engine looks for on the host by its path: a relative one is looked for where the engine runs.
    case 'device': {
      const host = text.split(':')[0]!;
      // A CDI device name (vendor.com/class=name), which newer engines resolve themselves.
      if (host === '' || host.includes('=') || isAbsolutePath(host)) return undefined;
      return judge('device-path', host);
    }
    case 'device-path': {
      if (text === '' || isAbsolutePath(text)) return undefined;
      const bare = text.replace(/^(\.\/)+/, '');
      const like = bare === '' ? '/dev/sda' : bare.startsWith('dev/') ? `/${bare}` : `/dev/${bare}`;
      return `'${text}' is not a device path: the engine looks for it on the host, from where the engine runs, and refuses the container ("error gathering device information", or "stat ${text}: no such file or directory"). Write it from the root, like ${like}`;
    }
    case 'uri':
      try {
        new URL(text);
        return undefined;
      } catch {
        return `'${text}' is not a URL: write it with its scheme, such as https://example.com/repo.git`;
      }
  }
}

