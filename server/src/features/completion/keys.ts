// Completion of mapping keys: the keys the spec knows at this level, less the
// ones already written; names where the keys are names (`depends_on:` and a
// service's `networks:` in mapping form); service snippets under `services:`.
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver';
import type { Pair, YAMLMap } from 'yaml';
import { keyText, type PathSegment } from '../../model/locate';
import { scalarText } from '../../model/nodes';
import { castBoolean } from '../../model/composeScalars';
import { offeredKeys, specAtPath, type KeySpec } from '../../spec/index';
import { isInterpolated } from '../../spec/interpolated';
import { keysUselessBesideMode, sharedNetworkMode } from '../../spec/networkModes';
import { serviceDefinition } from '../../spec/service';
import { KEY_BODY_SNIPPETS, SERVICE_SNIPPETS, escapeSnippet, snippetToPlain } from '../snippets';
import { alreadyListed, enclosingService, projectNames } from './names';
import { buildArgItems } from './dockerfile';
import { CompletionItemKind, item, kindsDetail, matches, specDocumentation, type CompletionContext } from './context';

export interface KeySlot {
  /** The mapping's path. */
  readonly parent: readonly PathSegment[];
  readonly map?: YAMLMap;
  /** The pair whose key the cursor is on, if the parser made one. */
  readonly pair?: Pair;
}

export function keyItems(c: CompletionContext, slot: KeySlot): CompletionItem[] {
  const { parent } = slot;
  if (parent.length === 1 && parent[0] === 'services') return [...mergedServiceItems(c, slot), ...serviceSnippetItems(c)];
  const spec = specAtPath(parent);
  if (!spec) return [];
  const present = new Set<string>();
  for (const pair of slot.map?.items ?? []) if (pair !== slot.pair) present.add(keyText(pair.key));
  const inapplicable = keysNotApplying(spec, slot);
  // Text already follows the key (`re|: always`): replace the word only.
  const lineEnd = c.source.indexOf('\n', c.replace[1]);
  const keyOnly = /^[ \t]*:/.test(c.source.slice(c.replace[1], lineEnd < 0 ? c.source.length : lineEnd));

  const items: CompletionItem[] = [];
  if (spec.refersTo && spec.additional && spec.additional !== true) items.push(...nameKeyItems(c, spec, slot, present, keyOnly));
  if (spec.namesBuildArgs) items.push(...buildArgItems(c, present, keyOnly ? 'name' : 'key'));
  for (const [name, child] of offeredKeys(spec)) {
    if (present.has(name) || inapplicable?.has(name) || !matches(c.prefix, name)) continue;
    // In a flow mapping (`{a: 1, |}`) a block cannot start: `key: ` only.
    const insert = keyOnly ? { text: name, snippet: false } : slot.map?.flow ? { text: `${name}: `, snippet: false } : keyInsertText(name, child, c.req.client.snippets);
    items.push(item(c, {
      label: name,
      kind: child.kinds.includes('mapping') || child.kinds.includes('list') ? CompletionItemKind.Module : CompletionItemKind.Property,
      text: insert.text,
      snippet: insert.snippet,
      detail: kindsDetail(child),
      documentation: specDocumentation(child),
      deprecated: !!child.deprecated,
      filterText: name,
      sortText: keySortText(spec, name, child),
    }));
  }
  return items;
}

/** Required keys first, then the mapping's common keys in their order, then the rest by name; deprecated keys last. */
function keySortText(spec: KeySpec, name: string, child: KeySpec): string {
  if (child.deprecated) return `9${name}`;
  if (spec.required?.includes(name)) return `0${name}`;
  const common = spec.commonKeys?.indexOf(name) ?? -1;
  return common >= 0 ? `1${String(common).padStart(2, '0')}` : `5${name}`;
}

/**
 * The keys not to offer, from what is written in the mapping (not on the cursor's line): keys that apply only
 * beside another value (`spec.onlyWhen`), keys Compose or the engine refuses beside one written (`exclusive`,
 * `refusedWhen`), and a service's keys its `network_mode` rules out (`spec/networkModes.ts`). A value with a
 * variable, or a key not written yet, rules out nothing.
 */
function keysNotApplying(spec: KeySpec, slot: KeySlot): Set<string> | undefined {
  const map = slot.map;
  if (!map) return undefined;
  const written = (key: string): Pair | undefined => map.items.find((p) => p !== slot.pair && keyText(p.key) === key);
  const plainValue = (key: string): string | undefined => {
    const value = scalarText(written(key)?.value);
    return value === undefined || isInterpolated(value) ? undefined : value;
  };
  const out = new Set<string>();
  for (const when of spec.onlyWhen ?? []) {
    const value = plainValue(when.key);
    if (value !== undefined && value !== when.value) for (const key of when.keys) out.add(key);
  }
  for (const when of spec.refusedWhen ?? []) if (plainValue(when.key) === when.value) for (const key of when.keys) out.add(key);
  for (const pair of spec.exclusive ?? []) {
    for (const [one, other] of [pair, [pair[1], pair[0]]] as const) {
      // `external=true` rules out its other key only when on; a dotted key (`external.name`) is not this mapping's.
      const [key, on] = one.split('=');
      if (key!.includes('.') || other.includes('.') || other.includes('=')) continue;
      const value = on === undefined ? undefined : plainValue(key!);
      if (on === undefined ? written(key!) !== undefined : value !== undefined && castBoolean(value) === true) out.add(other);
    }
  }
  if (spec === serviceDefinition) {
    const mode = sharedNetworkMode(plainValue('network_mode'));
    if (mode) for (const key of keysUselessBesideMode(mode)) out.add(key);
  }
  return out.size > 0 ? out : undefined;
}

/** What to insert for a key: `key: `, or the start of its block. */
export function keyInsertText(name: string, spec: KeySpec, snippets: boolean): { text: string; snippet: boolean } {
  const kinds = spec.kinds;
  const scalar = kinds.some((k) => k === 'string' || k === 'number' || k === 'integer' || k === 'boolean');
  const body = spec.snippet !== undefined ? ` ${spec.snippet}` : KEY_BODY_SNIPPETS[name];
  const list = kinds[0] === 'list' || (kinds.includes('list') && !kinds.includes('mapping') && !kinds.includes('string'));
  const mapping = kinds[0] === 'mapping' || (kinds.includes('mapping') && !scalar && !list);
  // A block body only where the key takes a block (`environment` of a config is a plain string).
  const takesBlock = kinds.includes('mapping') || kinds.includes('list');
  if (body !== undefined && (body.startsWith('\n') ? takesBlock : snippets)) return { text: `${name}:${body}`, snippet: true };
  if (mapping) return { text: `${name}:\n  `, snippet: false };
  if (list) return { text: `${name}:\n  - `, snippet: false };
  if (snippets && spec.values && spec.values.length > 0) {
    return { text: `${name}: \${1|${spec.values.map((v) => escapeChoice(String(v))).join(',')}|}`, snippet: true };
  }
  if (snippets && kinds.includes('boolean')) return { text: `${name}: \${1|true,false|}`, snippet: true };
  return { text: `${name}: `, snippet: false };
}

function escapeChoice(value: string): string {
  return escapeSnippet(value).replace(/[,|]/g, '\\$&');
}

/** `depends_on:` / `networks:` in mapping form: their keys are names. */
function nameKeyItems(c: CompletionContext, spec: KeySpec, slot: KeySlot, present: Set<string>, keyOnly: boolean): CompletionItem[] {
  const kind = spec.refersTo!;
  const self = enclosingService(slot.parent);
  const names = projectNames(c.req, kind);
  if (kind === 'network' && !names.includes('default')) names.push('default');
  const listed = new Set([...present, ...alreadyListed(slot.map)]);
  const dependency = kind === 'service';
  const items: CompletionItem[] = [];
  for (const name of names) {
    if ((kind === 'service' && name === self) || listed.has(name) || !matches(c.prefix, name)) continue;
    const text = keyOnly
      ? name
      : slot.map?.flow
        ? dependency ? `${name}: {condition: service_started}` : `${name}: {}`
        : dependency
        ? `${name}:\n  condition: \${1|service_started,service_healthy,service_completed_successfully|}`
        : `${name}:`;
    items.push(item(c, {
      label: name,
      kind: CompletionItemKind.Reference,
      text,
      snippet: !keyOnly && dependency,
      detail: kind,
      sortText: `0${name}`,
    }));
  }
  return items;
}

/**
 * Under `services:` of a file Compose merges with others (an override, a `compose.prod.yaml`, the files of
 * `COMPOSE_FILE`): the services the others define and this file does not yet, first, since an override mostly
 * changes services the main file has. Not those of an included file: Compose refuses a service defined both there
 * and in the including project.
 */
function mergedServiceItems(c: CompletionContext, slot: KeySlot): CompletionItem[] {
  const merged = c.req.project.mergedFiles;
  if (merged.length < 2 || !merged.some((f) => f.uri === c.req.doc.uri)) return [];
  const here = new Set<string>();
  for (const pair of slot.map?.items ?? []) if (pair !== slot.pair) here.add(keyText(pair.key));
  const items: CompletionItem[] = [];
  const offered = new Set<string>();
  for (const file of merged) {
    if (file.uri === c.req.doc.uri) continue;
    for (const def of file.model.definitions) {
      if (def.kind !== 'service' || here.has(def.name) || offered.has(def.name) || !matches(c.prefix, def.name)) continue;
      offered.add(def.name);
      items.push(item(c, {
        label: def.name,
        kind: CompletionItemKind.Reference,
        text: `${def.name}:`,
        snippet: false,
        detail: `service in ${path.basename(file.path)}`,
        sortText: ` ${def.name}`,
      }));
    }
  }
  return items;
}

function serviceSnippetItems(c: CompletionContext): CompletionItem[] {
  const items: CompletionItem[] = [];
  let taken: ReadonlySet<string> | undefined;
  SERVICE_SNIPPETS.forEach((snippet, index) => {
    if (!matches(c.prefix, snippet.label)) return;
    const body = withFreeName(snippet.body, (taken ??= new Set(c.req.project.names('service'))));
    items.push(item(c, {
      label: snippet.label,
      kind: CompletionItemKind.Snippet,
      text: body,
      snippet: true,
      detail: snippet.description,
      documentation: '```yaml\n' + snippetToPlain(body).trimEnd() + '\n```',
      filterText: snippet.label,
      sortText: String(index).padStart(2, '0'),
    }));
  });
  return items;
}

/**
 * A service snippet with its name (the first placeholder's default) one no service of the project has: taken as it
 * is, `web:` beside a `web` is a key written twice, which Compose refuses, and a name another of the project's files
 * defines would merge into that service.
 */
function withFreeName(body: string, taken: ReadonlySet<string>): string {
  const name = /^\$\{1:([^}]*)\}:/.exec(body);
  if (!name || !taken.has(name[1]!)) return body;
  let n = 2;
  while (taken.has(`${name[1]}-${n}`)) n++;
  return body.replace(name[0], `\${1:${name[1]}-${n}}:`);
}
