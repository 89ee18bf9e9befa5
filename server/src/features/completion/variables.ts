// `${` inside a value: the variables Compose can substitute, from the .env
// file beside the project and from the environment.
import type { CompletionItem } from 'vscode-languageserver';
import { findVariables } from '../../model/interpolation';
import { CompletionItemKind, item, type CompletionContext } from './context';

/**
 * Items when the cursor is on the name of an open `${` in the scalar, else
 * undefined (so other completions answer).
 */
export function variableItems(c: CompletionContext): CompletionItem[] | undefined {
  const scalar = c.ctx.scalar;
  if (!scalar?.range) return undefined;
  const start = scalar.range[0];
  const offset = c.req.offset;
  if (offset < start || offset > scalar.range[1]) return undefined;
  // The source text of the scalar up to the cursor: offsets in it map one to one onto the document.
  const before = c.source.slice(start, offset);
  const uses = findVariables(before);
  const open = uses[uses.length - 1];
  if (!open || !open.unterminated || open.nameEnd !== before.length || open.operator !== '') return undefined;
  const nameStart = start + open.nameStart;
  // Replace the whole name, also the part after the cursor.
  let nameEnd = offset;
  while (nameEnd < scalar.range[1] && /[A-Za-z0-9_]/.test(c.source[nameEnd])) nameEnd++;
  const closed = c.source[nameEnd] === '}';
  const typed = c.source.slice(nameStart, offset).toLowerCase();
  const project = c.req.project;
  const items: CompletionItem[] = [];
  for (const name of project.variableNames()) {
    if (!name.toLowerCase().startsWith(typed)) continue;
    const variable = project.variable(name)!;
    const where = variable.source === '.env' ? `.env, line ${(variable.line ?? 0) + 1}` : 'environment';
    items.push(item(c, {
      label: name,
      kind: CompletionItemKind.Variable,
      text: closed ? name : `${name}}`,
      detail: `${where}: ${truncate(variable.value)}`,
      range: [nameStart, nameEnd],
      filterText: name,
      // The project's own .env first: the environment holds many unrelated names.
      sortText: `${variable.source === '.env' ? 0 : 1}${name}`,
    }));
  }
  return items;
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
