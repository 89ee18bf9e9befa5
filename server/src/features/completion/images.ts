// `image:` values: the engine's local images (`repository:tag`), which the
// client reports with `dockhand/imagePorts`. Only suggestions: any image may
// be written, so the list never opens on a typed space (see triggers.ts) and
// closes once the typed text is a whole name of a local repository or has a
// tag begun, so the Enter after `image: nginx` or `image: python:3` keeps what
// was typed (`python:3` is a tag of its own, not the start of `python:3.12`).
import type { CompletionItem } from 'vscode-languageserver';
import { scalarText } from '../../model/nodes';
import { CompletionItemKind, item, matches, type CompletionContext } from './context';

export function imageItems(c: CompletionContext): CompletionItem[] {
  const names = c.req.images?.names() ?? [];
  if (names.length === 0) return [];
  // A value with `${...}` is the user's template: a name of ours would replace it whole.
  const written = (c.ctx.scalar && scalarText(c.ctx.scalar)) ?? c.prefix;
  if (written.includes('$')) return [];
  if (repository(c.prefix) !== c.prefix || c.prefix.includes('@')) return [];
  if (names.some((name) => repository(name) === c.prefix)) return [];
  return names
    .filter((name) => matches(c.prefix, name))
    .map((name) => item(c, { label: name, kind: CompletionItemKind.Module, text: name, detail: 'local image', filterText: name, sortText: `0${name}` }));
}

/** `nginx` of `nginx:1.25`, `localhost:5000/app` of `localhost:5000/app:dev`. */
function repository(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
