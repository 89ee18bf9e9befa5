// Node-by-node comparison of two `yaml` trees, for the tests that hold a
// faster way to a tree against the library's own (model/blockReader.ts,
// model/incremental.ts).
import { isPair, isNode, visit, type Document } from 'yaml';

/** What the block reader does not keep, and the server never reads (a lint rule keeps it so). */
const NOT_COMPARED = new Set(['comment', 'commentBefore', 'spaceBefore']);

/**
 * Where `actual` first differs from `expected` (a path and what differs), or
 * undefined when they are the same tree: the same classes, the same own
 * properties with the same values (ranges, types, formats, flow marks; not comments),
 * pairs and items in the same order.
 */
export function treeDifference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (actual === expected) return undefined;
  // The merge key's value is a symbol the library makes anew for each `<<` it reads.
  if (typeof actual === 'symbol' && typeof expected === 'symbol') return actual.description === expected.description ? undefined : `${path}: ${String(actual)} instead of ${String(expected)}`;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return Object.is(actual, expected) ? undefined : `${path}: ${show(actual)} instead of ${show(expected)}`;
  }
  if (actual.constructor !== expected.constructor) return `${path}: a ${actual.constructor.name} instead of a ${expected.constructor.name}`;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${path}: ${actual.length} entries instead of ${expected.length}`;
    for (let i = 0; i < actual.length; i++) {
      const d = treeDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (!isPair(actual) && !isNode(actual)) return `${path}: not a node (${show(actual)})`;
  const a = actual as unknown as Record<string, unknown>;
  const e = expected as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
  for (const key of keys) {
    if (NOT_COMPARED.has(key)) continue;
    const d = treeDifference(a[key], e[key], `${path}.${key}`);
    if (d) return d;
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'object' && value !== null ? value.constructor.name : JSON.stringify(value);
}

/** Every node's class, range and value, in document order: what "the same tree" means to the incremental parser's tests. */
export function treeShape(doc: Document.Parsed): string[] {
  const out: string[] = [];
  visit(doc, (_key, node) => {
    if (isPair(node) || !isNode(node)) return;
    out.push(`${node.constructor.name} ${node.range?.join(',')} ${'value' in node && typeof node.value !== 'object' ? String(node.value) : ''}`);
  });
  return out;
}
