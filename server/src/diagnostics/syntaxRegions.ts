// Where a YAML syntax error leaves the recovered document a guess. The
// parser recovers around an error and the rest of the file usually reads as
// written: an indentation slip in one service must not hide the meaning
// diagnostics of every other service. A region is the entry that holds the
// error (a service, a network..., or a whole top-level key when the error is
// not inside one of its entries), as a span of lines.
import { isMap, isNode, isScalar, type Node, type Pair, type YAMLError } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { AnchorUse } from '../model/fileModel';
import { anchoredNode } from './specWalk';
import { endOf, startOf, valueEndOf } from '../model/blockNodes';

export interface LineSpan {
  readonly first: number;
  readonly last: number;
}

/** Line spans the errors make unreliable; undefined when an error cannot be placed (then nothing is reliable). */
export function damagedRegions(doc: ComposeDocument, errors: readonly YAMLError[]): LineSpan[] | undefined {
  const root = doc.yaml.contents;
  if (!isMap(root)) return undefined;
  const line = (offset: number) => doc.text.positionAt(offset).line;
  const spans: LineSpan[] = [];
  for (const error of errors) {
    const at = line(error.pos[0]);
    const top = pairOnLine(root.items, at, line);
    if (!top) return undefined;
    const inner = isMap(top.pair.value) ? pairOnLine(top.pair.value.items, at, line) : undefined;
    spans.push(inner?.span ?? top.span);
  }
  return spans;
}

/**
 * The damaged spans and the lines of the aliases to anchors defined in them: a value merged from a
 * damaged `x-common` (a key being typed there) is as unreliable at each `<<: *common` as where it is
 * written, and a thousand services must not each flash an error while one key is typed.
 */
export function withAliasesOf(doc: ComposeDocument, spans: readonly LineSpan[], anchors: readonly AnchorUse[]): LineSpan[] {
  const line = (offset: number) => doc.text.positionAt(offset).line;
  // The anchored node holds a damaged span (the typed key is one entry of it).
  const holdsDamage = (a: AnchorUse) => {
    const node = anchoredNode(doc, a.name, a.range[0]);
    const end = isNode(node) && node.range ? line(node.range[1]) : line(a.range[1]);
    const first = line(a.range[0]);
    return spans.some((s) => s.last >= first && s.first <= end);
  };
  const damaged = new Set(anchors.filter((a) => a.isDefinition && holdsDamage(a)).map((a) => a.name));
  if (damaged.size === 0) return [...spans];
  const more = anchors.filter((a) => !a.isDefinition && damaged.has(a.name)).map((a) => ({ first: line(a.range[0]), last: line(a.range[1]) }));
  return [...spans, ...more];
}

/** Keeps the diagnostics that lie wholly outside the damaged lines. */
export function outside(diagnostics: readonly Diagnostic[], spans: readonly LineSpan[]): Diagnostic[] {
  return diagnostics.filter((d) => spans.every((s) => d.range.end.line < s.first || d.range.start.line > s.last));
}

function pairOnLine(items: readonly Pair[], at: number, line: (offset: number) => number): { pair: Pair; span: LineSpan } | undefined {
  for (let i = 0; i < items.length; i++) {
    const pair = items[i];
    const key = pair.key as Node | null;
    const start = key && (isScalar(key) || 'range' in key) ? startOf(key) : undefined;
    if (start === undefined) continue;
    // The entry runs up to the next key (an error between entries belongs to the one above), or to its value's
    // end. Only the last entry reads its value: in a large file an entry's value is read again from its text
    // when asked (model/blockTrees.ts), and a key typed a third of the way down 5,000 services read ~1,700.
    const nextKey = items[i + 1]?.key as Node | null | undefined;
    const nextStart = nextKey ? startOf(nextKey) : undefined;
    const end = nextStart !== undefined ? nextStart - 1 : valueEnd(pair, key as Node);
    const span = { first: line(start), last: Math.max(line(start), line(Math.max(start, end))) };
    if (at >= span.first && at <= span.last) return { pair, span };
  }
  return undefined;
}

function valueEnd(pair: Pair, key: Node): number {
  const value = pair.value as Node | null;
  return (value ? endOf(value) : undefined) ?? valueEndOf(key)!;
}
