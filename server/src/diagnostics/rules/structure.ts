// One walk of a document's tree as written (aliases not followed) for the
// rules that judge its structure: keys written twice in one mapping
// (`duplicate-key`), keys that are not text (`non-string-key`), keys too long
// for YAML to find their colon (`long-key`), values YAML
// reads as an infinite number or not a number (`non-finite-number`), the `<<`
// merges (`invalid-merge`), and the string values that may interpolate (for
// `unset-variable`). Made once per document version (for a document checked
// block by block: once per block), whichever of the rules asks first. Each
// list is in document order.
import { isMap, isNode, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { keyText, type PathSegment } from '../../model/locate';
import { nodeRange } from '../../model/nodes';
import { startOf } from '../../model/blockNodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { ReplaceData } from '../fix';
import { pathText } from '../specWalk';

export interface Structure {
  readonly duplicateKeys: readonly Diagnostic[];
  readonly nonStringKeys: readonly Diagnostic[];
  /** Keys whose `:` is more than 1024 characters from their start. */
  readonly longKeys: readonly Diagnostic[];
  /** Values read as an infinite number or as not a number (`.inf`, `-.Inf`, `.nan`), anywhere in the file. */
  readonly nonFinite: readonly Scalar[];
  /** The pairs of `<<` keys: each value must be a mapping or a list of mappings (invalidMerge.ts judges them, aliases resolved). */
  readonly merges: readonly Pair[];
  /** String values (not keys) that hold a `$`. */
  readonly withDollar: readonly Scalar[];
}

const structures = new WeakMap<ComposeDocument, Structure>();

/**
 * How YAML writes infinity and not-a-number. A decimal too large for a double (`1e400`) is infinite for the
 * `yaml` library too, but the parser Compose uses keeps it as text, and Compose loads it.
 */
const NON_FINITE = /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

export function structureOf(doc: ComposeDocument): Structure {
  let found = structures.get(doc);
  if (found) return found;
  const duplicates: Diagnostic[] = [];
  const nonString: Diagnostic[] = [];
  const longKeys: Diagnostic[] = [];
  const withDollar: Scalar[] = [];
  const nonFinite: Scalar[] = [];
  const merges: Pair[] = [];
  // The path of the collection being walked, read only when a key is reported.
  const path: PathSegment[] = [];
  // A value under `key` (a mapping's key node, or a list index): its segment of the path is made only for a
  // collection (this runs for every value of every block on open).
  const value = (node: unknown, key: unknown, index: number) => {
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string') {
        if (v.includes('$')) withDollar.push(node);
      } else if (typeof v === 'number' && !Number.isFinite(v) && NON_FINITE.test(node.source ?? '')) {
        nonFinite.push(node);
      }
    } else if (isMap(node) || isSeq(node)) {
      path.push(index >= 0 ? index : keyText(key));
      walk(node);
      path.pop();
    }
  };
  const walk = (node: YAMLMap | Node) => {
    if (isMap(node)) {
      const firsts = duplicateStarts(node);
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const key = items[i]!.key;
        if (firsts?.[i] !== undefined) duplicates.push(duplicateKey(doc, key, firsts[i]!));
        if (isScalar(key) && typeof key.value === 'symbol') merges.push(items[i]!);
        const problem = keyProblem(key);
        if (problem) {
          // A number, boolean or null written as a key is quoted by the fix; a list or mapping as a key has no such fix.
          const data = problem.written !== undefined ? { data: { replace: { from: problem.written, to: `"${problem.written}"` } } satisfies ReplaceData } : undefined;
          nonString.push(diagnostic(doc, nodeRange(key)!, DiagnosticSeverity.Error, 'non-string-key', `non-string key in ${pathText(path)}: ${problem.message}`, data));
        }
        const long = longKey(doc, key);
        if (long) longKeys.push(long);
        value(items[i]!.value, key, -1);
      }
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) value(items[i], undefined, i);
    }
  };
  const root = doc.yaml.contents;
  if (isScalar(root)) value(root, '', -1);
  else if (isMap(root) || isSeq(root)) walk(root);
  found = { duplicateKeys: duplicates, nonStringKeys: nonString, longKeys, nonFinite, merges, withDollar };
  structures.set(doc, found);
  return found;
}

/**
 * YAML's limit on a key written without `? `: its `:` at most 1024 characters from its start. The `yaml`
 * library reads longer ones (it checks only when strict); the parser Compose uses stops there ("could not
 * find expected ':'"), so Compose refuses the file.
 */
const KEY_LIMIT = 1024;

function longKey(doc: ComposeDocument, key: unknown): Diagnostic | undefined {
  const range = nodeRange(key);
  // Nearly every key is far shorter: the text is read only for one near the limit.
  if (!range || range[1] - range[0] < KEY_LIMIT) return undefined;
  const text = doc.text.getText();
  let colon = range[1];
  while (text[colon] === ' ' || text[colon] === '\t') colon++;
  if (colon - range[0] <= KEY_LIMIT) return undefined;
  // An explicit key (`? key` on its line) may be any length.
  if (/\?[ \t]*$/.test(text.slice(text.lastIndexOf('\n', range[0] - 1) + 1, range[0]))) return undefined;
  return diagnostic(doc, range, DiagnosticSeverity.Error, 'long-key',
    `This key runs ${(colon - range[0]).toLocaleString('en-US')} characters up to its colon, over the 1,024 YAML allows a key written without '? ': Compose's parser stops looking for the colon there and refuses the file. Shorten the key.`);
}

/** What is wrong with a key that is not plain text (with a range to show it at), or undefined. */
/** What is wrong with a key that is not text, and how a scalar key is written (for the fix that quotes it). */
function keyProblem(key: unknown): { message: string; written?: string } | undefined {
  if (!isNode(key) || startOf(key) === undefined) return undefined;
  if (isScalar(key)) {
    const v = key.value;
    // symbol: a merge key
    if (typeof v === 'string' || typeof v === 'symbol') return undefined;
    const written = key.source ?? String(v);
    return { message: `${written}. Compose needs text keys: quote it ("${written}").`, written };
  }
  if (key === null || key === undefined) return undefined;
  return { message: 'a key must be plain text, not a list or mapping.' };
}

/** The later of two equal keys, with the first (which starts at `first`) as its related place. */
export function duplicateKey(doc: ComposeDocument, key: unknown, first: number): Diagnostic {
  const text = keyText(key);
  return diagnostic(doc, nodeRange(key)!, DiagnosticSeverity.Error, 'duplicate-key', `Key '${text}' is already defined above in this mapping: Compose refuses duplicate keys. Remove one of them.`, {
    related: [{ doc, range: [first, first], message: `'${text}' first defined here` }],
  });
}

/** Mappings up to this many pairs compare their keys pair by pair (no allocation when nothing repeats, as is usual). */
const SMALL = 12;
const keys: string[] = [];

/**
 * For each pair whose key an earlier pair of the mapping already has, where that first one starts
 * (keys without a range neither repeat nor count as first; `<<` may repeat); undefined when no key repeats.
 */
export function duplicateStarts(map: YAMLMap): (number | undefined)[] | undefined {
  const items = map.items;
  if (items.length < 2) return undefined;
  let found: (number | undefined)[] | undefined;
  if (items.length <= SMALL) {
    for (let i = 0; i < items.length; i++) keys[i] = keyText(items[i]!.key);
    for (let i = 1; i < items.length; i++) {
      const key = keys[i]!;
      if (key === '<<' || keyStart(items[i]!.key) === undefined) continue;
      for (let j = 0; j < i; j++) {
        if (keys[j] !== key) continue;
        const start = keyStart(items[j]!.key);
        if (start === undefined) continue;
        (found ??= [])[i] = start;
        break;
      }
    }
    return found;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = keyText(items[i]!.key);
    const start = keyStart(items[i]!.key);
    if (key === '<<' || start === undefined) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, start);
    else (found ??= [])[i] = first;
  }
  return found;
}

function keyStart(key: unknown): number | undefined {
  return isNode(key) ? startOf(key) : undefined;
}
