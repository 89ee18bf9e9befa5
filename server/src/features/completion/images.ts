// `image:` values: the engine's local images (`repository:tag`), which the
// client reports with `dockhand/imagePorts`. Only suggestions: any image may
// be written, so the list never opens on a typed space (see triggers.ts) and
// starts with the name as typed (context.ts `withTypedFirst`), so the Enter
// after `image: redis` keeps `redis` when only `redis-stack:latest` is local,
// and the Enter after `image: python:3` keeps `python:3` (a tag of its own,
// not the start of `python:3.12`). Once a tag is begun (`nginx:`, opened by
// the colon), the list holds that repository's local tags.
import type { CompletionItem } from 'vscode-languageserver';
import { scalarText } from '../../model/nodes';
import { CompletionItemKind, item, matches, withTypedFirst, type CompletionContext } from './context';

export function imageItems(c: CompletionContext): CompletionItem[] {
  const names = c.req.images?.names() ?? [];
  if (names.length === 0) return [];
  // A value with `${...}` is the user's template: a name of ours would replace it whole.
  const written = (c.ctx.scalar && scalarText(c.ctx.scalar)) ?? c.prefix;
  if (written.includes('$') || c.prefix.includes('@')) return [];
  const typed = c.prefix.toLowerCase();
  // Past the repository (`nginx:1`), the tags of that repository: the rest of the name is written, the
  // letters of a tag are not a fuzzy pattern (`python:3` is not `python:3.12`'s `3…2`). A registry's port
  // (`localhost:5000/app`) reads as a tag until its `/` is typed; names that start so are offered too.
  const candidates = repository(c.prefix) !== c.prefix
    ? names.filter((name) => name.startsWith(typed))
    : names.filter((name) => matches(c.prefix, name));
  const items = candidates.map((name) => item(c, { label: name, kind: CompletionItemKind.Module, text: name, detail: 'local image', filterText: name, sortText: `0${name}` }));
  return withTypedFirst(c, items);
}

/** `nginx` of `nginx:1.25`, `localhost:5000/app` of `localhost:5000/app:dev`. */
function repository(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
