// Every mapping pair of a document with its path, aliases not followed
// (each pair is visited where it is written, once).
import { isMap, isSeq, type Pair, type YAMLMap } from 'yaml';
import { keyText, type PathSegment } from '../../model/locate';

export function forEachPair(root: unknown, visit: (pair: Pair<unknown, unknown>, map: YAMLMap, path: readonly PathSegment[]) => void): void {
  const walk = (node: unknown, path: PathSegment[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        visit(pair, node, path);
        walk(pair.value, [...path, keyText(pair.key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(root, []);
}
