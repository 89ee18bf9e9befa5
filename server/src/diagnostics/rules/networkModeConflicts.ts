// `network-mode-conflict`: a key the engine refuses beside the service's
// `network_mode`, or one it quietly drops. Compose loads the file and hands
// both over; what happens then was measured on the engine here
// (test/docker/engine-verdicts.test.ts):
// - `service:NAME` or `container:NAME` runs the container in another one's
//   network namespace, and the engine refuses to create it with `ports`
//   ("conflicting options: port publishing and the container type network
//   mode"), `expose`, `hostname`, `dns`, `extra_hosts`, `mac_address` or
//   `links`: an error. The usual mistake is a VPN sidecar's client (`gluetun`,
//   `tailscale`) given the ports, which belong on the sidecar: a quick fix
//   moves them there when it is a service of the same file.
// - `host` runs it in the host's namespace: `links` and `mac_address` are
//   refused (errors), and `ports` are dropped without a word from Compose (the
//   container's ports are the host's own, so `8080:80` is reached on 80): a
//   warning, since the container still runs.
// `dns_search`, `dns_opt` and `domainname` are taken in every mode. Keys from
// a `<<` merge count; a `network_mode` with a variable is left to run time,
// and an empty value (`ports: []`, `hostname: ""`) is none given.
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { locate } from '../../model/locate';
import { getPair, nodeRange, scalarText, type Range } from '../../model/nodes';
import { REFUSED_BESIDE_MODE, refusedBesideMode, sharedNetworkMode, type SharedNetworkMode } from '../../spec/networkModes';
import { serviceDefinition } from '../../spec/service';
import { endOfLine, indentUnit, lastContentOffset, removeEntryAt, replaceRange } from '../edits';
import type { QuickFix } from '../fix';
import { DiagnosticSeverity } from '../make';
import { lookupKey, type FormatRule } from './formatRule';

type Mode = SharedNetworkMode;

/** Keys that belong on the service whose network this one shares: a fix moves them there. */
const MOVABLE: ReadonlySet<string> = new Set(['ports', 'expose']);

export const networkModeConflicts: FormatRule<NetworkModeData> = {
  code: 'network-mode-conflict',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => spec === serviceDefinition,
    map(v, report) {
      if (v.alias) return;
      const modeKey = lookupKey(v, 'network_mode');
      if (!modeKey.present) return;
      const mode = sharedNetworkMode(scalarText(modeKey.value));
      if (!mode) return;
      const written = `network_mode: ${mode.kind === 'host' ? 'host' : `${mode.kind}:${mode.name}`}`;
      for (const key of Object.keys(REFUSED_BESIDE_MODE)) {
        const found = lookupKey(v, key);
        if (!found.present || isEmpty(found.value)) continue;
        // Reported at the key where it is written here, else at network_mode (the key came from a merge), else, both
        // brought by merges, at the merge that brings the key.
        const at = found.own ? found.range : modeKey.own ? modeKey.range : v.mergedFrom.get(key)?.range;
        if (!at) continue;
        const said = refusedBesideMode(key, mode);
        const from = found.own ? '' : ' (from a merge)';
        if (said) {
          const there = mode.kind === 'host' ? '' : ` ${advice(key, mode)}`;
          const data: NetworkModeData | undefined = found.own
            ? { key, ...(mode.kind === 'service' && MOVABLE.has(key) ? { moveTo: mode.name } : {}) }
            : undefined;
          report(at, `${key}${from} cannot be set beside \`${written}\`, ${sharing(mode)}: the engine refuses to create it ("${said}").${there}`, data ? { data } : undefined);
        } else if (mode.kind === 'host' && key === 'ports') {
          report(at, `ports${from} are not published with \`${written}\`: the container uses the host's network itself, so the engine drops every mapping (${reachedOn(found.value)}), and Compose says nothing. Remove ports, or leave the host's network to publish them.`, {
            severity: DiagnosticSeverity.Warning,
            ...(found.own ? { data: { key } satisfies NetworkModeData } : {}),
          });
        }
      }
    },
  },
  fix({ doc, diagnostic, data }) {
    const key = data.key;
    if (typeof key !== 'string' || !(key in REFUSED_BESIDE_MODE)) return [];
    const at = doc.text.offsetAt(diagnostic.range.start);
    if (doc.text.getText(diagnostic.range) !== key) return [];
    const remove = removeEntryAt(doc, at);
    if (!remove) return [];
    const fixes: QuickFix[] = [];
    const to = data.moveTo;
    const from = locate(doc, at).map;
    const move = typeof to === 'string' && from ? moveEdits(doc, from, key, to) : undefined;
    if (move) fixes.push({ title: `Move ${key} to service "${to}"`, edits: [remove, ...move], preferred: true });
    fixes.push({ title: `Remove ${key}`, edits: [remove], ...(move ? {} : { preferred: true }) });
    return fixes;
  },
};

/** What the fix needs: the key reported, and the service to move it to (for ports and expose shared with a service). */
export interface NetworkModeData {
  readonly key: string;
  readonly moveTo?: string;
}

function sharing(mode: Mode): string {
  if (mode.kind === 'host') return "which runs the container in the host's network";
  return `which runs the container in the network of that ${mode.kind}`;
}

/** Where the setting belongs instead: on the container whose network this one shares. */
function advice(key: string, mode: Mode & { name: string }): string {
  const owner = mode.kind === 'service' ? `service "${mode.name}"` : 'that container';
  if (key === 'ports') return `Publish them on ${owner} instead: this container listens in its network.`;
  if (key === 'expose') return `Expose them on ${owner} instead: this container listens in its network.`;
  if (key === 'links') return `Remove links: this container reaches what ${owner} reaches.`;
  return `Set it on ${owner} instead: this container shares its network settings.`;
}

/** Where the first mapping written is reached instead, as an example for the message (`8080:80` when none reads plainly). */
function reachedOn(ports: unknown): string {
  const first = isSeq(ports) ? scalarText(ports.items[0]) : undefined;
  const mapping = first === undefined ? undefined : /^(?:\[?[\d.:a-fA-F]*\]?:)?(\d+):(\d+)(?:\/\w+)?$/.exec(first);
  if (mapping && mapping[1] !== mapping[2]) return `${first} is reached on the host's port ${mapping[2]}, not ${mapping[1]}`;
  return "a mapping such as 8080:80 is reached on the host's port 80, not 8080";
}

/** A value that gives nothing: null, an empty list, mapping or string. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (isSeq(value) || isMap(value)) return value.items.length === 0;
  if (isScalar(value)) return value.value === null || value.value === '';
  return false;
}

/**
 * The edits that add `key`'s list items from the `from` mapping to service `to` of the same file: as items of
 * its own list of that key (block or flow; none where it lists them all already), else as a new key after its
 * last one. Only lists of single-line items are moved; undefined otherwise, or where `to` is not another block
 * mapping of this file.
 */
function moveEdits(doc: ComposeDocument, from: YAMLMap, key: string, to: string): TextEdit[] | undefined {
  const source = doc.text.getText();
  const pair = getPair(from, key);
  const items = listItems(source, pair);
  const services = getPair(doc.yaml.contents, 'services')?.value;
  const target = isMap(services) ? getPair(services, to)?.value : undefined;
  if (!items || !isMap(target) || target === from || target.flow || target.items.length === 0) return undefined;
  const existing = getPair(target, key);
  if (existing) {
    const list = existing.value;
    if (!isSeq(list) || list.items.length === 0) return undefined;
    const already = new Set(list.items.map((item) => scalarText(item)));
    const adding = items.filter((item) => !already.has(item.value));
    if (adding.length === 0) return [];
    if (list.flow) {
      const close = source.lastIndexOf(']', nodeRange(list)![1]);
      return close < 0 ? undefined : [replaceRange(doc, close, close, `, ${adding.map((item) => item.text).join(', ')}`)];
    }
    const first = nodeRange(list.items[0])?.[0];
    const last = nodeRange(list.items[list.items.length - 1])?.[1];
    if (first === undefined || last === undefined) return undefined;
    const dashes = ' '.repeat(columnOf(doc, source.lastIndexOf('-', first)));
    const end = endOfLine(source, last);
    return [replaceRange(doc, end, end, adding.map((item) => `\n${dashes}- ${item.text}`).join(''))];
  }
  const firstKey = nodeRange(target.items[0]!.key)?.[0];
  if (firstKey === undefined) return undefined;
  const pad = ' '.repeat(columnOf(doc, firstKey));
  const dashPad = pad + dashIndent(doc, source, pair!);
  const end = endOfLine(source, lastContentOffset(target));
  return [replaceRange(doc, end, end, `\n${pad}${key}:${items.map((item) => `\n${dashPad}- ${item.text}`).join('')}`)];
}

/** How far the moved list's dashes sit right of its key (the file's indentation step for a flow list). */
function dashIndent(doc: ComposeDocument, source: string, pair: Pair): string {
  const list = pair.value;
  const keyAt = nodeRange(pair.key)?.[0];
  const itemAt = isSeq(list) && !list.flow ? nodeRange(list.items[0])?.[0] : undefined;
  if (keyAt === undefined || itemAt === undefined) return indentUnit(doc);
  return ' '.repeat(Math.max(0, columnOf(doc, source.lastIndexOf('-', itemAt)) - columnOf(doc, keyAt)));
}

function columnOf(doc: ComposeDocument, offset: number): number {
  return doc.text.positionAt(offset).character;
}

/** The items of a list value as written (each on one line) with their text as read; undefined for anything else. */
function listItems(source: string, pair: Pair | undefined): { text: string; value: string | undefined }[] | undefined {
  const list = pair?.value;
  if (!isSeq(list) || list.items.length === 0) return undefined;
  const items: { text: string; value: string | undefined }[] = [];
  for (const item of list.items) {
    const range: Range | undefined = isScalar(item) ? nodeRange(item) : undefined;
    if (!range) return undefined;
    const text = source.slice(range[0], range[1]);
    if (text.includes('\n')) return undefined;
    items.push({ text, value: scalarText(item) });
  }
  return items;
}

