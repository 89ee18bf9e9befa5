// Whether the names of a document can still be judged while a key is being
// typed (names here: every verdict that reads another entry than its own,
// index.ts NAME_CODES: undefined names, cycles, service addresses, port
// conflicts). Every new key is, until its colon, a word the parser cannot place
// (`    hostn`): a syntax error. Past a syntax error names are not judged
// (index.ts), because the error may hide a definition and a reference to it
// would read as undefined. But this one error changes exactly one key of the
// mapping that holds the word, and the tree says which:
// - a word last in its mapping swallows nothing: the mapping gains the word
//   as a key with no value;
// - a word before the mapping's next key is read with that key as one key
//   (`hostn image`): the mapping loses that key (its value stays, under the
//   joined key no rule reads).
// A verdict on a name outside the word's own entry (whose findings are
// dropped anyway: outsideDamage) can only be wrong where that change makes a
// name or a fact another verdict reads go away. So names are judged unless,
// for some half-typed key, the key that changes is:
// - lost, and is a definition (an entry of `services`, `networks`...), a
//   whole top-level key other than `version`, `name` or an `x-` block (a
//   section of definitions, or `include`, whose files define names), or
//   anything under `include`;
// - lost, and is what the checks of *other* services read of a service
//   (SHARED_SERVICE_KEYS: the networks it is on, the other names it answers
//   to, the ports it listens on, the profiles it runs in), or anything
//   inside such a key (all of `ports` lost only takes findings away; part
//   of it widens the rest);
// - gained with no value where that says more than its absence: a service's
//   `networks` (on no network) or `<<`. Anything else gained with no value
//   reads as absent, or adds (a definition with no body, a network, a host
//   name): it can only take findings away.
// Losing a reference (`depends_on`, `volumes`, `secrets`, `configs`,
// `volumes_from`, `extends`, `ipc`, `pid`, or an entry of them) only takes
// findings away: an undefined name in the word's entry, an edge of a cycle. A
// missing warning is fine for a keystroke; a wrong one is what must not flash.
// Two losses are judged more finely: a service entry lost into a new
// service's name typed above it (`newsv` before `db:` reads as the key `newsv
// db` until the colon), and a section of networks, volumes, configs or
// secrets lost into a new top-level key typed above it (`x-new` before
// `networks:`). Every verdict that could read what was lost names it (a
// reference to `db` or to one of the networks reading as undefined, an
// address of `db` as an unknown host) or the joined key (a port conflict with
// `newsv db`): names are judged, and those verdicts alone are dropped
// (`namesAfterTyping`), so the file's other name warnings stay while a service
// or a section is named; a lost `services` is not judged, as every service
// goes with it. (A warning that stays
// because it is right either way, an unknown host whose nearest name was the
// lost service, may suggest another name for those keystrokes.)
// An alias being typed starts as `*` alone, a syntax error too, but one that
// changes nothing a verdict reads: it is judged as the alias to an anchor not
// defined yet that the next key makes of it (no syntax error at all).
// (No rule reports a name as unused; one that did would make every reference
// holder a key whose loss misleads.) Where an alias copies the word's
// mapping (a `<<: *common` in every service), the change is judged at each
// place the alias puts it, too.
import { isAlias, isMap, isNode, isScalar, isSeq, type Node, type Pair, type YAMLError } from 'yaml';
import { startOf } from '../model/blockNodes';
import type { ComposeDocument } from '../model/document';
import type { AnchorUse } from '../model/fileModel';
import { kindOfSection } from '../model/fileModel';
import { halfTypedKey } from '../model/typedEntry';
import { keyText } from '../model/locate';
import { readable, type TextLike } from '../model/chunkedDocument';

/**
 * What a service's entry holds that the checks of other services read (serviceUrls.ts through
 * projectServices.ts: networks and `network_mode`, the names a container answers to, the ports it
 * listens on and exposes; portConflicts.ts: the ports it publishes, and the profiles that may keep it
 * from running beside another), and the merge key that may bring any of them.
 */
const SHARED_SERVICE_KEYS: ReadonlySet<string> = new Set(['networks', 'network_mode', 'hostname', 'container_name', 'links', 'external_links', 'extra_hosts', 'ports', 'expose', 'profiles', '<<']);

/**
 * Of those, the keys whose loss as a whole only takes findings away: with no published ports a service
 * conflicts with none and no address reads as its host port. Part of them lost (a long form's `host_ip`
 * or `protocol` swallowed) widens what is left, and misleads.
 */
const LOST_WHOLE_ONLY_TAKES: ReadonlySet<string> = new Set(['ports']);

/**
 * Of those, the keys whose presence with no value says more than their absence: `networks:` puts the
 * service on no network (absent, it is on `default`); a `<<` merges nothing. A `hostname` or `ports`
 * with no value is read as no hostname, no ports.
 */
const MISLEADING_WITH_NO_VALUE: ReadonlySet<string> = new Set(['networks', '<<']);

/** Top-level keys no name verdict reads (an `x-` block is read only where its aliases put it). */
const UNREAD_TOP_LEVEL: ReadonlySet<string> = new Set(['version', 'name']);

/** How a half-typed key changes its mapping: the word added with no value, or the next key lost into it. */
type Change = 'gains' | 'loses';

/** How deep aliases of aliases are followed before giving up (and not judging names). */
const MAX_ALIAS_DEPTH = 4;

/**
 * True when every one of `errors` (the document's syntax errors) is a key being typed whose change
 * cannot make a name verdict outside its own entry wrong; `anchors` are the file's (FileModel.anchors).
 */
export function namesSurviveTyping(doc: ComposeDocument, errors: readonly YAMLError[], anchors: readonly AnchorUse[]): boolean {
  return namesAfterTyping(doc, errors, anchors) === true;
}

/**
 * `namesSurviveTyping`, and two cases more: a new service being named above an existing one (`newsv`
 * typed before `db:`), which the parser reads as one key, `newsv db`, so that `db` is lost until the
 * colon; and a new top-level key typed above a section of definitions (`x-new` before `networks:`),
 * whose entries are lost alike. Names can then be judged, except the verdicts that name what was lost
 * or the joined key (a reference to `db` reading as undefined, a port conflict with `newsv db`): the
 * list of those names.
 * A missing warning is fine for a keystroke; every other name warning of the file stays, where it
 * used to go off at each key and come back at the colon. False when names cannot be judged.
 */
export function namesAfterTyping(doc: ComposeDocument, errors: readonly YAMLError[], anchors: readonly AnchorUse[]): boolean | readonly string[] {
  if (errors.length === 0) return false;
  let unread: string[] | undefined;
  for (const error of errors) {
    if (emptyAlias(error)) {
      if (!emptyAliasHarmless(doc, error)) return false;
      continue;
    }
    if (!halfTypedKey(error)) return false;
    const verdict = harmless(doc, error, anchors);
    if (verdict === false) return false;
    if (verdict !== true) (unread ??= []).push(...verdict);
  }
  return unread ?? true;
}

/** True when the word cannot mislead a name verdict; the names to leave unjudged when it loses a service entry or a section of definitions (namesAfterTyping). */
function harmless(doc: ComposeDocument, error: YAMLError, anchors: readonly AnchorUse[]): boolean | readonly string[] {
  const place = placeOf(doc, error.pos[0]);
  if (!place || place.at !== 'key') return false;
  const key = place.pair.key as Node;
  if (!isScalar(key) || key.type !== 'PLAIN' || !key.range) return false;
  const change = changeOf(readable(doc.text), key.range, place.pair);
  if (!change) return false;
  if (judgedEverywhere(doc, anchors, place.path, place.anchored, change.kind, change.key, 0)) return true;
  if (place.anchored.length > 0 || key.anchor || change.kind !== 'loses') return false;
  // A service entry lost into a new name typed above it, in the file's own `services` (no alias copies it).
  if (place.path.length === 1 && place.path[0] === 'services') return [change.key, String(key.value)];
  // A section of definitions other than the services lost into a new top-level key typed above it: its entries, now under the joined key.
  if (place.path.length === 0 && change.key !== 'services' && kindOfSection(change.key)) return [String(key.value), ...entryNames(place.pair.value)];
  return false;
}

/** A `*` with no name yet: every alias being typed starts as one. */
function emptyAlias(error: YAMLError): boolean {
  return error.code === 'BAD_ALIAS' && error.message.startsWith('Alias cannot be an empty string');
}

/**
 * An alias being typed, `*` alone: an alias that names nothing, in a tree otherwise as written. The next key
 * makes it an alias to an anchor not defined yet (`*c`), no syntax error at all, which every verdict reads
 * alike: judged the same, the file's warnings do not go off for one keystroke and come back at the next.
 */
function emptyAliasHarmless(doc: ComposeDocument, error: YAMLError): boolean {
  const place = placeOf(doc, error.pos[0]);
  return place !== undefined && place.at === 'value';
}

/** The keys of a mapping (a lost section's entries); none for anything else. */
function entryNames(node: unknown): string[] {
  return isMap(node) ? node.items.map((pair) => keyText(pair.key)) : [];
}

/**
 * Which key the typed word changes, read from its source: one line and no value, the word itself
 * (gained); several lines starting at the word's column, the last one's text (lost). Anything else
 * is no key being typed as the parser reads one, and is judged as any syntax error.
 */
function changeOf(source: TextLike, range: readonly number[], pair: Pair): { kind: Change; key: string } | undefined {
  const text = source.slice(range[0], range[1]);
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length === 1) return pair.value === null || pair.value === undefined ? { kind: 'gains', key: text } : undefined;
  const column = range[0]! - (source.lastIndexOf('\n', range[0]! - 1) + 1);
  const last = lines[lines.length - 1]!;
  // Each continuation starts at the word's column (a line indented deeper would be a continued value, not a key).
  const aligned = lines.slice(1).every((line) => line.trim() === '' || (line.length - line.trimStart().length === column));
  return aligned ? { kind: 'loses', key: last.trim() } : undefined;
}

/** The change judged where it is written, and at every place an alias copies the mapping (or an ancestor) holding it. */
function judgedEverywhere(doc: ComposeDocument, anchors: readonly AnchorUse[], path: readonly string[], anchored: readonly Anchored[], change: Change, key: string, depth: number): boolean {
  if (misleads(path, change, key)) return false;
  for (const { name, depth: at } of anchored) {
    for (const use of anchors) {
      if (use.isDefinition || use.name !== name) continue;
      if (depth >= MAX_ALIAS_DEPTH) return false;
      const alias = placeOf(doc, use.range[0]);
      if (!alias || alias.at !== 'value') return false;
      // `<<: *x` (or `<<: [*x, ...]`) puts x's keys in the mapping holding the merge; any other alias puts x where it is.
      const merged = alias.path.at(-1) === '<<' ? 1 : alias.path.at(-1) === '-' && alias.path.at(-2) === '<<' ? 2 : 0;
      const host = alias.path.slice(0, alias.path.length - merged);
      const hostAnchors = alias.anchored.filter((a) => a.depth <= host.length);
      if (!judgedEverywhere(doc, anchors, [...host, ...path.slice(at)], hostAnchors, change, key, depth + 1)) return false;
    }
  }
  return true;
}

/** Whether gaining or losing `key` in the mapping at `path` can make a name verdict outside its entry wrong (see the top of this file). */
function misleads(path: readonly string[], change: Change, key: string): boolean {
  const [top, entry, serviceKey] = path;
  if (top === undefined) return change === 'loses' && !(UNREAD_TOP_LEVEL.has(key) || key.startsWith('x-'));
  if (top === 'include') return change === 'loses';
  if (top === 'services') {
    if (entry === undefined) return change === 'loses';
    if (serviceKey === undefined) return change === 'loses' ? SHARED_SERVICE_KEYS.has(key) && !LOST_WHOLE_ONLY_TAKES.has(key) : MISLEADING_WITH_NO_VALUE.has(key);
    return change === 'loses' && SHARED_SERVICE_KEYS.has(serviceKey);
  }
  // Entries of the other sections are definitions; their bodies feed no name verdict.
  if (kindOfSection(top)) return entry === undefined && change === 'loses';
  return false;
}

/** A collection on the way to a node that carries an anchor, and how many keys of the path lead to it. */
interface Anchored {
  readonly name: string;
  readonly depth: number;
}

/** Where a node starting at `offset` is: the keys from the root to the collection holding it (a list item as `-`). */
interface Place {
  readonly path: string[];
  readonly anchored: Anchored[];
  /** The node is the key of `pair`, or the value of the last step (a pair's value, a list's item). */
  readonly at: 'key' | 'value';
  readonly pair: Pair;
}

/**
 * Finds the node that starts at `offset` by descending from the root, halving each mapping's or
 * list's items by their start (a `services` of thousands, for each alias of an `x-` block).
 */
function placeOf(doc: ComposeDocument, offset: number): Place | undefined {
  const path: string[] = [];
  const anchored: Anchored[] = [];
  let node: unknown = doc.yaml.contents;
  let pair: Pair | undefined;
  for (;;) {
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchored.push({ name: anchor, depth: path.length });
    if (isMap(node)) {
      const found = itemAt(node.items, offset, (p) => (isNode(p.key) ? startOf(p.key) : undefined));
      if (!found) return undefined;
      pair = found;
      const key = found.key as Node | null;
      if (key?.range?.[0] === offset) return { path, anchored, at: 'key', pair: found };
      path.push(keyText(found.key));
      node = found.value;
    } else if (isSeq(node)) {
      const item = itemAt(node.items, offset, (n) => (isNode(n) ? startOf(n) : undefined));
      if (!item) return undefined;
      path.push('-');
      node = item;
    } else {
      // An alias's place is its name's, past the `*` (AnchorUse).
      const range = (node as Node | null)?.range;
      return pair && (isAlias(node) || isScalar(node)) && range && range[0] <= offset && offset <= range[1] ? { path, anchored, at: 'value', pair } : undefined;
    }
    const range = (node as Node | null)?.range;
    if (!range || range[0] > offset) return undefined;
  }
}

/** The last item that starts at or before `offset` (items are in document order); undefined when an item has no place. */
function itemAt<T>(items: readonly T[], offset: number, start: (item: T) => number | undefined): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = start(items[mid]!);
    if (at === undefined) return undefined;
    if (at <= offset) {
      found = items[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
