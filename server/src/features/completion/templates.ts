// `x-defaults: &defaults {...}` merged with `<<: *defaults` into services:
// keys written in such a template are service keys. Maps a path inside an
// `x-` block to the path of the mapping it is merged into, so completion and
// hover answer from the right part of the spec.
import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { keyText, type PathSegment } from '../../model/locate';

const mergeTargets = new WeakMap<ComposeDocument, Map<string, PathSegment[]>>();

/** Anchor name -> the path of the first mapping that merges it; one walk per document version. */
function targets(doc: ComposeDocument): Map<string, PathSegment[]> {
  let found = mergeTargets.get(doc);
  if (found) return found;
  found = new Map();
  const walk = (node: unknown, path: PathSegment[], depth: number) => {
    if (depth > 12) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key === '<<') {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) if (isAlias(source) && !found!.has(source.source)) found!.set(source.source, path);
        } else if (!key.startsWith('x-') || path.length > 0) walk(pair.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
  };
  walk(doc.yaml.contents, [], 0);
  mergeTargets.set(doc, found);
  return found;
}

/** For a path inside an `x-` template that is merged somewhere, the path it stands for there; else the path itself. */
export function effectivePath(doc: ComposeDocument, path: readonly PathSegment[]): readonly PathSegment[] {
  if (typeof path[0] !== 'string' || !path[0].startsWith('x-')) return path;
  const merged = targets(doc);
  if (merged.size === 0) return path;
  // The deepest anchored mapping on the way down decides.
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const node = doc.yaml.getIn(path.slice(0, depth), true) as Node | undefined;
    const anchor = (node as { anchor?: string } | undefined)?.anchor;
    const target = anchor ? merged.get(anchor) : undefined;
    if (target) return [...target, ...path.slice(depth)];
  }
  return path;
}
