// What a service's Dockerfile declares, where the Compose file names it: the
// stages for `build.target` (spec `namesStage`) and the `ARG`s for
// `build.args` keys or `KEY=value` items (spec `namesBuildArgs`). Read from the
// Dockerfile the build names, as the `unknown-build-target` rule reads it
// (images/buildFiles.ts; an editor's unsaved text first), so what completion
// offers is what the build accepts. A build whose paths hold unknown variables,
// a remote context or a Dockerfile not there offers nothing.
import type { CompletionItem } from 'vscode-languageserver';
import type { Node } from 'yaml';
import { buildBase, buildFiles, dockerfileText } from '../../images/buildFiles';
import { dockerfileNames, type DockerfileNames } from '../../images/dockerfile';
import { getValue, scalarText } from '../../model/nodes';
import { enclosingService } from './names';
import { CompletionItemKind, item, matches, type CompletionContext } from './context';

/** The stages of the service's Dockerfile, as `build.target` values. */
export function stageItems(c: CompletionContext): CompletionItem[] {
  const names = serviceDockerfile(c);
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
  const names = serviceDockerfile(c);
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

/** The names of the `build.args` list items written (`NAME=value`, `NAME`). */
export function listedArgNames(items: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  for (const entry of items) {
    const text = scalarText(entry as Node);
    if (text) names.add(text.split('=')[0]!);
  }
  return names;
}

/** What the Dockerfile of the service at the cursor declares; undefined when its build names none this server can read. */
function serviceDockerfile(c: CompletionContext): DockerfileNames | undefined {
  const { req } = c;
  // An unsaved document has no folder: relative paths in it mean nothing yet.
  if (!req.doc.uri.startsWith('file:')) return undefined;
  const service = enclosingService(c.ctx.path);
  const def = service === undefined ? undefined : req.file.definitions.find((d) => d.kind === 'service' && d.name === service);
  const build = def && getValue(def.value, 'build');
  if (!build) return undefined;
  const files = buildFiles(req.project, build as Node, buildBase(req.project, req.doc.uri));
  const text = files && dockerfileText(req.workspace, files);
  return text === undefined ? undefined : dockerfileNames(text);
}
