// Hover texts are written once, in Markdown; clients that render none get the
// same words without the markup.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Range } from '../../model/nodes';
import type { FeatureRequest } from '../request';
import { stripMarkdown } from '../completion/context';

/** `text` as inline code, safe for any content. */
export function code(text: string | number): string {
  const s = String(text);
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s}${fence}`;
}

export function fenced(language: string, text: string): string {
  return '```' + language + '\n' + text.trimEnd() + '\n```';
}

/** Joins paragraphs and lists (strings; empty ones are dropped) into one hover. */
export function toHover(req: FeatureRequest, blocks: readonly (string | undefined | false)[], range: Range | undefined): Hover {
  const markdown = blocks.filter((b): b is string => !!b).join('\n\n');
  const hover: Hover = {
    contents: req.client.markdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: stripMarkdown(markdown) },
  };
  if (range) hover.range = { start: req.doc.text.positionAt(range[0]), end: req.doc.text.positionAt(range[1]) };
  return hover;
}

export function bullets(lines: readonly (string | undefined | false)[]): string {
  return lines.filter((l): l is string => !!l).map((l) => `- ${l}`).join('\n');
}

export function list(items: readonly string[], quote = true): string {
  return items.map((i) => (quote ? code(i) : i)).join(', ');
}
