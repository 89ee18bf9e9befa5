// The address under the cursor in an environment value that reaches a
// service of the project by its name (`DATABASE_URL: postgres://db:5432/app`,
// `- CACHE=cache:6379`): the same addresses the service URL checks read
// (diagnostics/rules/serviceUrls.ts). Navigation treats its host as a use of
// the service (go to definition, highlight, rename from there) and hover
// explains where it leads. A host no service of the project is named is left
// alone: it may be a machine outside the project. An address written where
// an anchor is (`x-env: &env`), in values services take through an alias or a
// `<<` merge, is one too: it is read from the first service that takes it.
import { isScalar, type Scalar } from 'yaml';
import { readable, type TextLike } from '../model/chunkedDocument';
import { locate, type CursorContext } from '../model/locate';
import { rangeInScalar, type Range } from '../model/nodes';
import { startOf } from '../model/blockNodes';
import { environmentValueStart, takenAddressesIn, valueAddresses, type Address } from '../diagnostics/rules/serviceUrls';
import type { FeatureRequest } from './request';
import { servicesWithAliases } from '../model/serviceEntries';

export interface AddressAt {
  /** The service the host names. */
  readonly service: string;
  /** The service whose environment holds the address. */
  readonly from: string;
  readonly host: Range;
  /** The port as written (NaN when none is: a URL's scheme says which). */
  readonly port: number;
  /** `host` through the port, or the host alone. */
  readonly whole: Range;
}

/** `ctx`: where the cursor is, when the caller has found it already. */
export function addressAt(req: FeatureRequest, ctx: CursorContext = locate(req.doc, req.offset)): AddressAt | undefined {
  const path = ctx.path;
  const scalar = ctx.scalar;
  if (ctx.onKey || !isScalar(scalar) || typeof scalar.value !== 'string') return undefined;
  const inService = path.length === 4 && path[0] === 'services' && typeof path[1] === 'string' && path[2] === 'environment';
  // Elsewhere, a value an anchor holds: an item of a list is `NAME=value`, a mapping's value the value alone.
  const eq = environmentValueStart(scalar as Scalar, typeof path[path.length - 1] === 'number');
  const source = readable(req.doc.text);
  for (const address of valueAddresses(scalar as Scalar, eq)) {
    const host = hostRange(scalar as Scalar, source, eq, address);
    if (!host) continue;
    const portLength = Number.isNaN(address.port) ? 0 : String(address.port).length;
    const whole: Range = portLength > 0 ? [host[0], host[0] + (address.portAt - address.hostAt) + portLength] : host;
    if (req.offset < whole[0] || req.offset > whole[1]) continue;
    if (req.project.definitions('service', address.host).length === 0) return undefined;
    const from = inService ? (path[1] as string) : takerOf(req, scalar as Scalar);
    return from === undefined ? undefined : { service: address.host, from, host, port: address.port, whole };
  }
  return undefined;
}

/** The first service of this file whose environment takes `scalar` through an alias or a merge (named by an alias in its entry). */
function takerOf(req: FeatureRequest, scalar: Scalar): string | undefined {
  const at = startOf(scalar);
  for (const def of servicesWithAliases(req.file)) {
    // By place: a large file's trees may be read again from the text between two reads.
    if (takenAddressesIn(req.doc, def.value).some((taken) => startOf(taken.scalar) === at)) return def.name;
  }
  return undefined;
}

/**
 * Where an address's host is in the document (`eq`: where its value starts in `scalar`), when the scalar holds it
 * as written: with escapes or folding around it the host has no range of its own, and nothing may edit it.
 */
export function hostRange(scalar: Scalar, source: TextLike, eq: number, address: Address): Range | undefined {
  const range = rangeInScalar(scalar, source, eq + address.hostAt, address.host.length);
  return range[1] - range[0] === address.host.length ? range : undefined;
}
