// The anchors an alias may name, offered where one is being typed: `*` at the
// start of a value (`<<: *`, `logging: *`, `- *`, `[a, *`), where YAML reads
// it as an alias and nothing else. An alias names an anchor defined before it
// (the closest one of that name), so only those are offered; none defined yet,
// no list.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { AnchorUse } from '../../model/fileModel';
import type { FeatureRequest } from '../request';

/** `*name` typed at the start of a value: what is typed of the name (maybe nothing); undefined elsewhere. */
export function aliasTyped(lineBefore: string): string | undefined {
  return /(?:^[ \t]*(?:-[ \t]+)*-[ \t]+|:[ \t]+|[[,][ \t]*)\*([^\s,[\]{}]*)$/.exec(lineBefore)?.[1];
}

/** Each anchor name defined before the cursor, once, with the line of the definition the alias would name. */
export function aliasItems(req: FeatureRequest, typed: string): CompletionItem[] {
  const closest = new Map<string, AnchorUse>();
  for (const use of req.file.anchors) {
    if (use.isDefinition && use.range[1] <= req.offset - typed.length - 1) closest.set(use.name, use);
  }
  const start = req.doc.text.positionAt(req.offset - typed.length);
  const end = req.doc.text.positionAt(req.offset);
  return [...closest.values()].map((use) => {
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
