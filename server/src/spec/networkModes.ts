/**
 * What a service's `network_mode` rules out. `service:NAME` and `container:NAME` run the container in another
 * one's network namespace, `host` in the host's; the engine then refuses some of the service's keys when it
 * creates the container, in the words kept here (measured on the engine, test/docker/engine-verdicts.test.ts),
 * and with `host` it drops `ports` without a word. The rule `network-mode-conflict` reports them and completion
 * does not offer them.
 */
import { isInterpolated } from './interpolated';

/** A mode that shares a namespace: another container's (by service or container name) or the host's. */
export type SharedNetworkMode = { readonly kind: 'service' | 'container'; readonly name: string } | { readonly kind: 'host' };

/** What the engine says when it refuses each key, beside a mode shared with another container and beside `host`. */
export const REFUSED_BESIDE_MODE: Readonly<Record<string, { readonly shared?: string; readonly host?: string }>> = {
  ports: { shared: 'conflicting options: port publishing and the container type network mode' },
  expose: { shared: 'conflicting options: port exposing and the container type network mode' },
  hostname: { shared: 'conflicting options: hostname and the network mode' },
  dns: { shared: 'conflicting options: dns and the network mode' },
  extra_hosts: { shared: 'conflicting options: custom host-to-IP mapping and the network mode' },
  mac_address: { shared: 'conflicting options: mac-address and the network mode', host: 'conflicting options: mac-address and the network mode' },
  links: { shared: "conflicting options: container type network can't be used with links", host: "conflicting options: host type networking can't be used with links" },
};

/** The mode `network_mode` names, when it shares a namespace (`bridge`, `none`, a network's name and variables do not). */
export function sharedNetworkMode(text: string | undefined): SharedNetworkMode | undefined {
  if (text === undefined || isInterpolated(text)) return undefined;
  const value = text.trim();
  if (value === 'host') return { kind: 'host' };
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const kind = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if ((kind !== 'service' && kind !== 'container') || name === '') return undefined;
  return { kind, name };
}

/** What the engine says refusing `key` beside `mode`; undefined where it takes the key. */
export function refusedBesideMode(key: string, mode: SharedNetworkMode): string | undefined {
  const said = REFUSED_BESIDE_MODE[key];
  return mode.kind === 'host' ? said?.host : said?.shared;
}

/** The keys that do nothing or stop the container beside `mode`: those refused, and `ports` beside `host` (dropped). */
export function keysUselessBesideMode(mode: SharedNetworkMode): string[] {
  const keys = Object.keys(REFUSED_BESIDE_MODE).filter((key) => refusedBesideMode(key, mode) !== undefined);
  if (mode.kind === 'host') keys.push('ports');
  return keys;
}
