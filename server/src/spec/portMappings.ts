/**
 * Compose's short port syntax (`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`):
 * the parser that hover, the port rules and the topology share, and the words
 * `checkFormat` (formats.ts) uses for a mapping that is not one.
 */
import { isIP } from 'node:net';
import type { Parsed } from './types';
import { boundedMemo } from './boundedMemo';

export type PortRange = readonly [start: number, end: number];

export interface PortMapping {
  /** The host address the port listens on (without IPv6 brackets); all interfaces when absent. */
  readonly hostIp?: string;
  /** The host port (or range); absent when Docker picks a free one. */
  readonly hostPorts?: PortRange;
  readonly containerPorts: PortRange;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
}

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
const PORT_SYNTAX = '[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]';

/** Whether the text is one or more ASCII digits (what `\d+` matches). */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A port or range: DIGITS or DIGITS-DIGITS. Read without a pattern: thousands of services each publish a few. */
export function parsePortRange(text: string, what: string, allowZero: boolean): Parsed<PortRange> {
  const dash = text.indexOf('-');
  const first = dash < 0 ? text : text.slice(0, dash);
  const second = dash < 0 ? undefined : text.slice(dash + 1);
  if (!isDigits(first) || (second !== undefined && !isDigits(second))) return { error: `${what} '${text}' is not a port number or range (e.g. 8080 or 8000-8010)` };
  const start = Number(first);
  const end = second === undefined ? start : Number(second);
  const outside = start > 65535 || (start === 0 && !allowZero) ? start : end > 65535 || (end === 0 && !allowZero) ? end : undefined;
  if (outside !== undefined) return { error: `${what} ${outside} is out of range: ports go from 1 to 65535` };
  if (end < start) return { error: `${what} range '${text}' ends before it starts: write the lower port first` };
  return { value: start === end ? singlePort(start) : [start, end] };
}

/**
 * One range per single port, shared (bounded: a file of thousands of distinct ports starts it over): the port
 * rules keep a service's mappings while its block lives, and thousands of services listen on the same 80 or 8080.
 */
const singlePort = boundedMemo(2048, (port: number): PortRange => [port, port]);

export function parsePortMappingDetailed(text: string): Parsed<PortMapping> {
  // Not trimmed: Compose refuses a space before or after a port ("Invalid containerPort:  80").
  let rest = text;
  if (rest.trim() === '') return notAPortMapping(text, `use ${PORT_SYNTAX}`);

  let protocol: PortMapping['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    // The constant itself, not the slice: kept with every parsed mapping of a large file.
    const known = PROTOCOLS.find((p) => p === proto);
    if (!known) return notAPortMapping(text, `protocol '${rest.slice(slash + 1)}' is not tcp, udp or sctp`);
    protocol = known;
    rest = rest.slice(0, slash);
  }

  let hostIp: string | undefined;
  // A bracketed IPv6 address may hold colons of its own: take it off first.
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return notAPortMapping(text, `an IPv6 host address goes in brackets followed by a colon, as in [::1]:8080:80`);
    hostIp = rest.slice(1, close);
    if (isIP(hostIp) !== 6) return notAPortMapping(text, `'${hostIp}' is not an IPv6 address`);
    rest = rest.slice(close + 2);
    if (!rest.includes(':')) return notAPortMapping(text, `after the host address give HOST_PORT:CONTAINER_PORT (HOST_PORT may be empty)`);
  }

  const parts = rest.split(':');
  let hostPortText: string | undefined;
  let containerText: string;
  if (hostIp !== undefined) {
    if (parts.length !== 2) return notAPortMapping(text, `use [IPV6]:HOST_PORT:CONTAINER_PORT`);
    [hostPortText, containerText] = parts as [string, string];
  } else if (parts.length === 1) {
    containerText = parts[0]!;
  } else if (parts.length === 2) {
    [hostPortText, containerText] = parts as [string, string];
  } else {
    // As Docker does: the last two parts are the ports, everything before them the address (so unbracketed IPv6 works too).
    containerText = parts[parts.length - 1]!;
    hostPortText = parts[parts.length - 2]!;
    hostIp = parts.slice(0, -2).join(':');
    if (isIP(hostIp) === 0) {
      return notAPortMapping(text, `'${hostIp}' is not an IP address: use ${PORT_SYNTAX}`);
    }
  }

  // Digits alone are never an address: most mappings skip the address patterns.
  if (hostPortText !== undefined && hostIp === undefined && !isDigits(hostPortText) && isIP(hostPortText) !== 0) {
    return notAPortMapping(text, `'${hostPortText}' is an address, not a host port: write ${hostPortText}:HOST_PORT:${containerText}, or ${hostPortText}::${containerText} for a random host port`);
  }
  const container = parsePortRange(containerText, 'container port', false);
  if (container.error !== undefined) return notAPortMapping(text, container.error);
  let hostPorts: PortRange | undefined;
  if (hostPortText !== undefined && hostPortText !== '') {
    const host = parsePortRange(hostPortText, 'host port', true);
    if (host.error !== undefined) return notAPortMapping(text, host.error);
    hostPorts = host.value;
  }
  const [cs, ce] = container.value!;
  if (hostPorts && ce !== cs && hostPorts[1] - hostPorts[0] !== ce - cs) {
    return notAPortMapping(text, `the host range ${hostPortText} and the container range ${containerText} must hold as many ports`);
  }
  return { value: { hostIp, hostPorts, containerPorts: container.value!, protocol } };
}

/** A port mapping's error (a function, not a closure made per mapping). */
function notAPortMapping(text: string, why: string): Parsed<PortMapping> {
  return { error: `'${text}' is not a port mapping: ${why}` };
}

/** The parts of a short port mapping (`127.0.0.1:8080:80/tcp`), or undefined when it is not one. */
export function parsePortMapping(text: string): PortMapping | undefined {
  return parsePortMappingDetailed(text).value;
}
