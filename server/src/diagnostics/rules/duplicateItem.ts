// `duplicate-item`: the same entry twice in a list whose entries should be
// distinct. Compose 2.26 refuses the file for a few lists (depends_on,
// networks, extra_hosts, volumes_from...: `uniqueItems: 'refused'` in the
// spec): an error there. Elsewhere (ports, environment, profiles, dns...) it
// keeps one entry and loads the file: a warning that says so. Two different
// mounts at one container path are a warning too: Compose keeps one of them
// and drops the other without a word. A repeat written out in a list (not
// brought by an alias) has a quick fix: it goes, and the first stays.
import { isMap, isScalar, isSeq } from 'yaml';
import { DiagnosticSeverity, firstLine, quoted } from '../make';
import { getValue, nodeRange, scalarText, type Range } from '../../model/nodes';
import { isInterpolated } from '../../spec/interpolated';
import { containerFolder, parseVolumeShort } from '../../spec/mountPaths';
import { isMergeKey, mergedKeys, pathText, resolve, type SpecVisit } from '../specWalk';
import { keyText } from '../../model/locate';
import type { ComposeDocument } from '../../model/document';
import type { FormatRule } from './formatRule';
import { removeEntryAt } from '../edits';

/** For the fix: the repeated entry, as the message shows it; set only where removing it changes nothing but the repeat. */
export interface DuplicateItemData {
  readonly repeat?: string;
}

export const duplicateItem: FormatRule<DuplicateItemData> = {
  code: 'duplicate-item',
  severity: DiagnosticSeverity.Error,
  check: {
    applies: (spec) => !!spec.uniqueItems,
    accepted(v, report) {
      // One item cannot repeat.
      if (!v.spec.uniqueItems || !isSeq(v.node) || v.node.items.length < 2) return;
      const seen = new Map<string, number>();
      const mounts = v.spec.items?.format === 'volume-short' ? new Map<string, number>() : undefined;
      const items = v.node.items;
      items.forEach((raw, index) => {
        const item = resolve(v.doc, raw);
        let identity: string;
        if (isScalar(item)) {
          if (item.value === null) return;
          identity = `${typeof item.value}:${String(item.value)}`;
          // `KEY=value` lists (environment, labels, args...): Compose keeps one value per KEY, the last.
          const name = v.spec.items?.format === 'env-entry' && typeof item.value === 'string' ? /^([^=]+)=/.exec(item.value)?.[1] : undefined;
          if (name !== undefined) {
            identity = `key:${name}`;
            const earlier = seen.get(identity);
            const earlierItem = earlier === undefined ? undefined : resolve(v.doc, items[earlier]);
            if (earlier !== undefined && isScalar(earlierItem) && earlierItem.value !== item.value) {
              report(nodeRange(raw) ?? v.range, `${pathText(v.path)} sets ${name} twice (items ${earlier} and ${index}): Compose uses the last value, ${quoted(item.value)}; remove one.`, {
                severity: DiagnosticSeverity.Warning,
              });
              return;
            }
          }
        } else if (isMap(item)) {
          // Long-syntax entries (ports, volumes...) are equal when their keys and values are.
          identity = `map:${stableJson(plainOf(v.doc, item))}`;
        } else return;
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, index);
          const target = mounts && mountTarget(item);
          if (target === undefined) return;
          const other = mounts!.get(target);
          if (other === undefined) mounts!.set(target, index);
          else {
            report(entryRange(v, raw, item), `${pathText(v.path)} mounts two things at ${target} (items ${other} and ${index}): Compose keeps one of them and drops the other without a word. Remove one, or give it a target of its own.`, {
              severity: DiagnosticSeverity.Warning,
            });
          }
          return;
        }
        const shown = isScalar(item) ? quoted(item.value) : 'the same entry';
        const range = entryRange(v, raw, item);
        // A scalar written in this list is removed as a whole entry; a long-form entry, or one an alias brings, is left to the user.
        const data = isScalar(raw) && !v.alias ? { data: { repeat: shown } satisfies DuplicateItemData } : {};
        if (v.spec.uniqueItems === 'refused') {
          report(range, `${pathText(v.path)} lists ${shown} twice (items ${first} and ${index}): each entry must be unique.`, data);
        } else {
          report(range, `${pathText(v.path)} lists ${shown} twice (items ${first} and ${index}): Compose keeps one and drops the repeat; remove it.`, {
            severity: DiagnosticSeverity.Warning,
            ...data,
          });
        }
      });
    },
  },
  fix({ doc, diagnostic, data }) {
    if (typeof data.repeat !== 'string') return [];
    const edit = removeEntryAt(doc, doc.text.offsetAt(diagnostic.range.start));
    return edit ? [{ title: `Remove the repeated ${data.repeat}`, edits: [edit], preferred: true }] : [];
  },
};

/** Where a repeat is shown: the entry (a long-form one by its first line), or the alias that brought it. */
function entryRange(v: SpecVisit, raw: unknown, item: unknown): Range {
  if (v.alias) return v.range;
  const range = nodeRange(raw) ?? v.range;
  return isMap(item) ? firstLine(v.doc, range) : range;
}

/**
 * Where a mount goes in the container, as Compose compares targets to keep one per path: the short
 * syntax's target cleaned (`./x:/data/` goes to `/data`), the long syntax's as written (a `target: /data/`
 * is kept beside `/data`); undefined when not known here.
 */
function mountTarget(item: unknown): string | undefined {
  if (isScalar(item)) {
    const text = parseVolumeShort(scalarText(item) ?? '')?.target;
    return text && !isInterpolated(text) && text.startsWith('/') ? containerFolder(text) : undefined;
  }
  const text = isMap(item) ? scalarText(getValue(item, 'target')) : undefined;
  return text && !isInterpolated(text) && text.startsWith('/') ? text : undefined;
}

/**
 * A value as plain data, aliases and `<<` merges resolved through the document's anchors: the library's
 * `toJSON` cannot resolve an alias without its whole document, and threw on an entry that merges an anchor
 * (`- <<: *opts`), which stopped every format check of that block. Deeper than any real entry: cut short.
 */
function plainOf(doc: ComposeDocument, node: unknown, depth = 0): unknown {
  const value = resolve(doc, node);
  if (depth > 32) return null;
  if (isScalar(value)) return value.value;
  if (isSeq(value)) return value.items.map((item) => plainOf(doc, item, depth + 1));
  if (!isMap(value)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, merged] of mergedKeys(doc, value)) out[key] = plainOf(doc, merged, depth + 1);
  for (const pair of value.items) if (!isMergeKey(pair.key)) out[keyText(pair.key)] = plainOf(doc, pair.value, depth + 1);
  return out;
}

/** JSON with object keys sorted, so key order does not make two entries differ. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
