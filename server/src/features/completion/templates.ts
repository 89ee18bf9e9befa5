// `x-defaults: &defaults {...}` merged with `<<: *defaults` into services:
// keys written in such a template are service keys. Maps a path inside an
// `x-` block to the path of the mapping it is merged into, so completion and
// hover answer from the right part of the spec.
import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import { keyText, type PathSegment } from '../../model/locate';

const mergeTargets = new WeakMap<ComposeDocument, Map<string, PathSegment[]>>();

/**
 * Anchor name -> the path of the first mapping that merges it; once per document version. In a
 * document spliced from blocks only the blocks that hold an alias are walked, in order, until every
 * anchor has its target: typing in `x-common` asks this on every keystroke, and a walk of the whole
 * tree took ~25 ms at 5,000 services.
 */
function targets(doc: ComposeDocument): Map<string, PathSegment[]> {
  let found = mergeTargets.get(doc);
  if (found) return found;
  const merges = new Map<string, PathSegment[]>();
  found = merges;
  const walk = (node: unknown, path: PathSegment[], depth: number) => {
    if (depth > 12) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key === '<<') {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) if (isAlias(source) && !merges.has(source.source)) merges.set(source.source, path);
        } else if (!key.startsWith('x-') || path.length > 0) walk(pair.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
  };
  const blocks = doc.blocks;
  if (!blocks) walk(doc.yaml.contents, [], 0);
  else {
    const names = new Set<string>();
    for (const block of blocks) for (const use of block.pieces.anchors) if (use.isDefinition) names.add(use.name);
    for (let b = 0; b < blocks.length && merges.size < names.size; b++) {
      const block = blocks[b]!;
      if (!block.pieces.anchors.some((use) => !use.isDefinition && !merges.has(use.name))) continue;
      const key = keyText(block.pair.key);
      // The block's pair where a walk of the whole tree would meet it (a section's header holds no entry of its own).
      if (block.role === 'item') walk(block.pair.value, [block.section!, key], 2);
      else if (block.role === 'section' && !key.startsWith('x-')) walk(block.pair.value, [key], 1);
    }
  }
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
