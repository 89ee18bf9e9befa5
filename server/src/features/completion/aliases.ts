// The anchors an alias may name, offered where one is being typed: `*` at the
// start of a value (`<<: *`, `logging: *`, `- *`, `[a, *`), where YAML reads
// it as an alias and nothing else. An alias names an anchor defined before it
// (the closest one of that name), so only those are offered; none defined yet,
// no list. Nor an anchor whose value the key cannot take (`volumes: *` with
// `&common` a mapping of settings, `<<: *` with `&ports` a list): Compose
// refuses it there, and Enter would take the first item offered.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { isMap, isSeq } from 'yaml';
import type { AnchorUse } from '../../model/fileModel';
import type { PathSegment } from '../../model/locate';
import { acceptsKind, anchoredNode } from '../../diagnostics/specWalk';
import { specAtPath } from '../../spec/index';
import type { FeatureRequest } from '../request';

/** `*name` typed at the start of a value: what is typed of the name (maybe nothing); undefined elsewhere. */
export function aliasTyped(lineBefore: string): string | undefined {
  return /(?:^[ \t]*(?:-[ \t]+)*-[ \t]+|:[ \t]+|[[,][ \t]*)\*([^\s,[\]{}]*)$/.exec(lineBefore)?.[1];
}

/**
 * Each anchor name defined before the cursor, once, with the line of the definition the alias would name; at
 * `path` (the value being typed), only those whose value it takes.
 */
export function aliasItems(req: FeatureRequest, typed: string, path: readonly PathSegment[]): CompletionItem[] {
  const closest = new Map<string, AnchorUse>();
  for (const use of req.file.anchors) {
    if (use.isDefinition && use.range[1] <= req.offset - typed.length - 1) closest.set(use.name, use);
  }
  const start = req.doc.text.positionAt(req.offset - typed.length);
  const end = req.doc.text.positionAt(req.offset);
  const fits = valueTaken(path);
  return [...closest.values()].filter((use) => fits(anchoredNode(req.doc, use.name, use.range[1]))).map((use) => {
    const line = req.doc.text.positionAt(use.range[0]).line + 1;
    return {
      label: use.name,
      kind: CompletionItemKind.Reference,
      detail: `&${use.name} (line ${line})`,
      documentation: `The value of the anchor \`&${use.name}\` on line ${line}.`,
      textEdit: { range: { start, end }, newText: use.name },
    };
  });
}

/** Whether the value at `path` may be a given anchor's node: a merge takes mappings (or a list of them), a key what its spec says; anything where neither is known. */
function valueTaken(path: readonly PathSegment[]): (node: unknown) => boolean {
  if (path[path.length - 1] === '<<') return (node) => node === undefined || isMap(node) || (isSeq(node) && node.items.every(isMap));
  const spec = specAtPath(path);
  if (!spec || spec.kinds.length === 0) return () => true;
  return (node) => node === undefined || acceptsKind(spec, node);
}
