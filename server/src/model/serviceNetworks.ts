// Which networks a service body joins, read once when its block is read (a
// service definition keeps it: fileModel.ts). A hover on a network lists its
// members: every service's networks, after each edit, and a block keeps its
// tree only while something reads it (blockTrees.ts), so reading every body
// for that would read every block again.
import { isAlias, isMap } from 'yaml';
import { entries, getValue, scalarText, seqItems } from './nodes';
import { keyText } from './locate';

export interface ServiceNetworks {
  /** The keys under `networks`, in order (list or mapping form). */
  readonly declared: readonly string[];
  /** `networks` names at least one network: the service does not join `default` by itself (an empty list or mapping joins it, as Compose reads it). */
  readonly declares: boolean;
  /** `network_mode` is written (any value): the service joins no network by key. */
  readonly networkMode: boolean;
  /** What the service joins when this body is its only definition: `declared`, or `default` when it declares nothing. */
  readonly joins: readonly string[];
  /**
   * The body has a `<<` merge key, whose mapping may bring `networks` or `network_mode`, or writes either of them
   * as an alias (`networks: *nets`): read as written here (the block is read alone, without the anchor), so
   * `joinedAcross` asks such a body again with its document.
   */
  readonly merges: boolean;
}

/** Undefined for a body that is not a mapping. */
export function serviceNetworksOf(body: unknown): ServiceNetworks | undefined {
  if (!isMap(body)) return undefined;
  const merges = body.items.some((pair) => {
    const key = keyText(pair.key);
    return key === '<<' || ((key === 'networks' || key === 'network_mode') && isAlias(pair.value));
  });
  return networksFrom((key) => getValue(body, key), merges);
}

/**
 * The same read through `lookup`, which finds a body's keys (a caller that holds the document passes one that
 * follows `<<` merges: diagnostics/specWalk.ts `keyOfMap`).
 */
export function networksFrom(lookup: (key: string) => unknown, merges = false): ServiceNetworks {
  const nets = lookup('networks');
  const declared = new Set<string>();
  for (const item of seqItems(nets)) {
    const key = scalarText(item);
    if (key) declared.add(key);
  }
  for (const [key] of entries(nets)) declared.add(key);
  const declares = declared.size > 0;
  // Any `network_mode` written (its value interpolated is never undefined) leaves out `default`.
  const networkMode = scalarText(lookup('network_mode')) !== undefined;
  const list = [...declared];
  return { declared: list, declares, networkMode, joins: declares || networkMode ? list : [...list, 'default'], merges };
}

/**
 * The networks a service joins across its definitions (the project's files), as Compose merges them: every
 * network any of them names, or `default` when none names one and none sets `network_mode`. `throughMerges`
 * reads a definition whose body has a `<<` merge again with what the merge brings (the caller holds the documents).
 */
export function joinedAcross<D extends { readonly networks?: ServiceNetworks }>(definitions: readonly D[], throughMerges?: (def: D) => ServiceNetworks | undefined): string[] {
  const networks = new Set<string>();
  let declares = false;
  let networkMode = false;
  for (const def of definitions) {
    const own = def.networks?.merges && throughMerges ? throughMerges(def) ?? def.networks : def.networks;
    if (!own) continue;
    declares ||= own.declares;
    networkMode ||= own.networkMode;
    for (const network of own.declared) networks.add(network);
  }
  if (!declares && !networkMode) networks.add('default');
  return [...networks];
}
