// What a service's Dockerfile declares, where the Compose file names it
// (features/serviceDockerfile.ts): the stages for `build.target` and the
// `ARG`s for `build.args` keys or `KEY=value` items, so what completion offers
// is what the build accepts. A build whose paths hold unknown variables, a
// remote context or a Dockerfile not there offers nothing.
import type { CompletionItem } from 'vscode-languageserver';
import type { DockerfileNames } from '../../images/dockerfile';
import { serviceDockerfile } from '../serviceDockerfile';
import { enclosingService } from './names';
import { CompletionItemKind, item, matches, type CompletionContext } from './context';

/** The stages of the service's Dockerfile, as `build.target` values. */
export function stageItems(c: CompletionContext): CompletionItem[] {
  const names = serviceDockerfileNames(c);
  if (!names) return [];
  const items: CompletionItem[] = [];
  names.stages.forEach((stage, index) => {
    if (!matches(c.prefix, stage.name)) return;
    items.push(item(c, { label: stage.name, kind: CompletionItemKind.EnumMember, text: stage.name, filterText: stage.name, detail: `stage, FROM ${stage.base}`, sortText: `0${String(index).padStart(3, '0')}` }));
  });
  return items;
}

/**
 * The `ARG`s of the service's Dockerfile not yet given: as keys of `build.args` (`NAME: `; `name`, the name
 * alone, where the key's colon is written already), or as its list items (`NAME=`).
 */
export function buildArgItems(c: CompletionContext, given: ReadonlySet<string>, form: 'key' | 'name' | 'item'): CompletionItem[] {
  const names = serviceDockerfileNames(c);
  if (!names) return [];
  const items: CompletionItem[] = [];
  names.args.forEach((arg, index) => {
    if (given.has(arg.name) || !matches(c.prefix, arg.name)) return;
    items.push(item(c, {
      label: arg.name,
      kind: CompletionItemKind.Variable,
      text: form === 'key' ? `${arg.name}: ` : form === 'item' ? `${arg.name}=` : arg.name,
      filterText: arg.name,
      detail: arg.value === undefined ? 'ARG of the Dockerfile, no default' : `ARG of the Dockerfile, default ${arg.value === '' ? '""' : arg.value}`,
      sortText: `0${String(index).padStart(3, '0')}`,
    }));
  });
  return items;
}

/** What the Dockerfile of the service at the cursor declares; undefined when its build names none this server can read. */
function serviceDockerfileNames(c: CompletionContext): DockerfileNames | undefined {
  return serviceDockerfile(c.req, enclosingService(c.ctx.path))?.names;
}
