// What a rule reads from one definition's own body, kept per definition. A
// rule that runs over every service of a file on every edit (the disk checks,
// fixed addresses, image or build) reads each body once: an unchanged block
// keeps its definitions across edits (incremental.ts), and a block whose
// text, or an anchor it merges, changed is read again with new ones. Keyed by
// the definition, not the body's nodes: a block keeps its tree only while
// something reads it (blockTrees.ts), and reading every body again on every
// edit would read every block again.
//
// What is kept may hold nodes of the body (a scalar, a `build` mapping): they
// stay right after the tree is dropped (their offsets move with the block).
import type { NameDefinition } from './fileModel';

/**
 * `read` of a definition's body (`def.value`), made once per definition. `context` is what the reading needs
 * besides the body that gives the same answer for every version the definition is kept in (the document,
 * where a merge finds its anchor: a block is kept only while its anchors come from the same blocks).
 */
export function perDefinition<T, C = undefined>(read: (body: unknown, context: C) => T): (def: NameDefinition, ...context: C extends undefined ? [] : [C]) => T {
  const memo = new WeakMap<NameDefinition, { readonly value: T }>();
  return (def, ...context) => {
    let found = memo.get(def);
    if (!found) memo.set(def, (found = { value: read(def.value, context[0] as C) }));
    return found.value;
  };
}
