// Completion of values: the spec's allowed words, booleans, names from the
// project where a value refers to one, a port mapping snippet; for free text
// (commands, environment values) only `${VAR}`.
import type { CompletionItem } from 'vscode-languageserver';
import { isScalar } from 'yaml';
import type { NameKind } from '../../model/fileModel';
import { getValue, rangeInScalar, scalarText } from '../../model/nodes';
import { specAtPath, type KeySpec } from '../../spec/index';
import { FIRST_WORD_SNIPPETS, PORT_SNIPPETS } from '../snippets';
import { variableReferenceItems } from './variables';
import { exposedPortItems } from './ports';
import { imageItems } from './images';
import { buildArgItems, stageItems } from './dockerfile';
import { buildArgNames } from '../../images/buildFiles';
import { alreadyListed, enclosingService, extendsTargetServices, projectNames } from './names';
import { hostPathItems } from './paths';
import { CompletionItemKind, item, matches, withTypedFirst, type CompletionContext } from './context';

const KIND_LABEL: Record<NameKind, string> = {
  service: 'service',
  network: 'network',
  volume: 'named volume',
  config: 'config',
  secret: 'secret',
};

/** YAML 1.1 readers (and people) take these words for booleans: quote them. */
const BOOLEAN_LOOKING = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false']);

export function valueItems(c: CompletionContext): CompletionItem[] {
  const path = c.ctx.path;
  const spec = specAtPath(path);
  if (!spec) return [];
  // The user's own text: no words of ours, only the project's variables when asked (and, for a healthcheck's test, its list forms).
  if (spec.freeText) return [...firstWordForms(c, spec), ...variableReferenceItems(c)];
  const items: CompletionItem[] = [];
  if (spec.refersTo) items.push(...nameItems(c, spec, spec.refersTo));
  if (spec.namesImage) items.push(...imageItems(c));
  if (spec.namesStage) items.push(...stageItems(c));
  if (spec.hostPath) items.push(...hostPathItems(c, spec));
  if (typeof path[path.length - 1] === 'number' && specAtPath(path.slice(0, -1))?.namesBuildArgs) {
    // A `KEY=value` item of `build.args`: the Dockerfile's ARGs not listed yet, until the `=` is typed.
    const listed = buildArgNames(c.ctx.seq, c.source).filter((a) => a.node !== c.ctx.scalar);
    if (!c.prefix.includes('=')) items.push(...buildArgItems(c, new Set(listed.map((a) => a.name)), 'item'));
  }
  if (spec.values) {
    spec.values.forEach((value, index) => {
      const label = String(value);
      if (!matches(c.prefix, label)) return;
      const quoted = typeof value === 'string' && BOOLEAN_LOOKING.has(value.toLowerCase()) && !insideQuotes(c);
      items.push(item(c, {
        label,
        kind: CompletionItemKind.EnumMember,
        text: quoted ? `"${label}"` : label,
        filterText: label,
        detail: spec.openValues ? 'suggested value' : 'allowed value',
        sortText: `1${String(index).padStart(3, '0')}`,
      }));
    });
  }
  if (spec.kinds.includes('boolean') && !spec.values) {
    for (const value of ['true', 'false']) {
      if (matches(c.prefix, value)) items.push(item(c, { label: value, kind: CompletionItemKind.Value, text: value, detail: 'boolean' }));
    }
  }
  if (spec.format === 'port-mapping') items.push(...exposedPortItems(c));
  if (spec.format === 'port-mapping' && c.prefix === '' && !insideQuotes(c)) {
    PORT_SNIPPETS.forEach((snippet, index) => {
      items.push(item(c, {
        label: snippet.label,
        filterText: snippet.filterText,
        kind: CompletionItemKind.Snippet,
        text: snippet.body,
        snippet: true,
        detail: snippet.description,
        sortText: `0${index}`,
      }));
    });
  }
  return items;
}

/** In an empty value of a key whose list starts with fixed words (`test: ["CMD-SHELL", ...]`): that list, one snippet per word. */
function firstWordForms(c: CompletionContext, spec: KeySpec): CompletionItem[] {
  if (!spec.kinds.includes('list') || !spec.firstItem?.values || c.prefix !== '' || insideQuotes(c)) return [];
  const items: CompletionItem[] = [];
  const words = new Set(spec.firstItem.values.map(String));
  // In the snippets' order (the shell form first: what most checks are), for the words the spec allows.
  for (const [word, snippet] of Object.entries(FIRST_WORD_SNIPPETS)) {
    if (!words.has(word)) continue;
    items.push(item(c, { label: snippet.label, filterText: snippet.filterText, kind: CompletionItemKind.Snippet, text: snippet.body, snippet: true, detail: snippet.description, sortText: `0${items.length}` }));
  }
  return items;
}

function insideQuotes(c: CompletionContext): boolean {
  return c.replace[0] > 0 && (c.source.charAt(c.replace[0] - 1) === '"' || c.source.charAt(c.replace[0] - 1) === "'") && !!c.ctx.scalar && c.ctx.scalar.type !== 'PLAIN';
}

function nameItems(c: CompletionContext, spec: KeySpec, kind: NameKind): CompletionItem[] {
  const path = c.ctx.path;
  const self = enclosingService(path);
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];

  if (spec.refersToPrefix !== undefined) return prefixedServiceItems(c, spec.refersToPrefix, self);

  let names: string[];
  let exclude = new Set<string>();
  if (kind === 'service' && (last === 'extends' || (parentKey === 'extends' && last === 'service'))) {
    const file = last === 'service' ? scalarText(getValue(c.ctx.map, 'file')) : undefined;
    names = extendsTargetServices(c.req, file);
    if (!file && self) exclude.add(self);
  } else {
    names = projectNames(c.req, kind);
    if (kind === 'network' && !names.includes('default')) names.push('default');
    if (kind === 'service' && self) exclude.add(self);
    if (typeof last === 'number' && c.ctx.seq) exclude = new Set([...exclude, ...alreadyListed(c.ctx.seq, c.ctx.node)]);
  }

  // A long-form mount's `source` names a volume only for `type: volume`.
  if (kind === 'volume' && last === 'source') {
    const type = scalarText(getValue(c.ctx.map, 'type')) ?? 'volume';
    if (type !== 'volume') return [];
  }
  if (kind === 'volume' && spec.format === 'volume-short') return shortVolumeItems(c, names);

  const result: CompletionItem[] = [];
  for (const name of names) {
    if (exclude.has(name) || !matches(c.prefix, name)) continue;
    result.push(item(c, { label: name, kind: CompletionItemKind.Reference, text: name, detail: KIND_LABEL[kind], sortText: `0${name}` }));
  }
  // A name not defined yet is still the user's to write (the network or volume comes later).
  return withTypedFirst(c, result);
}

/** `network_mode`, `ipc`, `pid`: `service:NAME` for the other services, and `container:`. */
function prefixedServiceItems(c: CompletionContext, prefix: string, self: string | undefined): CompletionItem[] {
  const result: CompletionItem[] = [];
  for (const name of projectNames(c.req, 'service')) {
    const label = `${prefix}${name}`;
    if (name === self || !matches(c.prefix, label)) continue;
    result.push(item(c, { label, kind: CompletionItemKind.Reference, text: label, detail: 'share this service\'s namespace', sortText: `2${name}` }));
  }
  if (matches(c.prefix, 'container:')) {
    result.push(item(c, {
      label: 'container:',
      kind: CompletionItemKind.Value,
      text: 'container:${1:name}',
      snippet: true,
      detail: 'share a running container\'s namespace',
      sortText: '3',
    }));
  }
  return result;
}

/** The source part of `SOURCE:TARGET[:MODE]`: replace only what comes before the first colon. */
function shortVolumeItems(c: CompletionContext, names: string[]): CompletionItem[] {
  const scalar = c.ctx.scalar;
  const text = (scalar && scalarText(scalar)) ?? '';
  const colon = text.indexOf(':');
  let range = c.replace;
  let typed = c.prefix;
  if (scalar && isScalar(scalar) && colon >= 0) {
    const [start, end] = rangeInScalar(scalar, c.source, 0, colon);
    // Past the colon the user types the container path: no volume names there.
    if (c.req.offset > end) return [];
    range = [start, end];
    typed = c.source.slice(start, c.req.offset);
  }
  // A bind mount's source (`./data`, `../shared`, `/srv`): the host's files, not volume names.
  if (/^\.{0,2}\//.test(typed)) return hostPathItems(c, { hostPath: 'any' }, typed, range);
  const result: CompletionItem[] = [];
  for (const name of names) {
    if (!matches(typed, name)) continue;
    result.push(item(c, {
      label: name,
      kind: CompletionItemKind.Reference,
      text: colon >= 0 ? name : `${name}:\${1:/data}`,
      snippet: colon < 0,
      detail: 'named volume',
      range,
      sortText: `0${name}`,
    }));
  }
  return withTypedFirst(c, result, typed, range);
}
