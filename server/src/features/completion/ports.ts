// After `HOST_PORT:` in a port mapping: the ports the service's image
// exposes, first in the list, as the CONTAINER_PORT. Any port may be written,
// so a port typed in part comes first as typed (`8080:8` + Enter stays `8080:8`
// and the user goes on to `8000`, not `80`).
import type { CompletionItem } from 'vscode-languageserver';
import { showPort } from '../../images/exposedPorts';
import { CompletionItemKind, item, withTypedFirst, type CompletionContext } from './context';
import { enclosingService } from './names';

export function exposedPortItems(c: CompletionContext): CompletionItem[] {
  const m = /:(\d*)$/.exec(c.prefix);
  const service = enclosingService(c.ctx.path);
  if (!m || !service || !c.req.images) return [];
  const exposure = c.req.images.forService(c.req.project, c.req.workspace, service);
  if (!exposure) return [];
  const start = c.replace[0] + c.prefix.length - m[1]!.length;
  const range: [number, number] = [start, c.replace[0] + c.prefix.length];
  const items = exposure.ports
    .filter((p) => p.from === p.to && String(p.from).startsWith(m[1]!))
    .map((p, index) => item(c, {
      label: String(p.from),
      kind: CompletionItemKind.Value,
      text: String(p.from) + (p.protocol === 'tcp' ? '' : `/${p.protocol}`),
      detail: `CONTAINER_PORT: ${showPort(p)}, exposed by ${exposure.source.replace(/`/g, '')}`,
      sortText: `00${String(index).padStart(3, '0')}`,
      filterText: String(p.from),
      range,
    }));
  return withTypedFirst(c, items, m[1], range);
}
