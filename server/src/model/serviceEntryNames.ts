// The names one entry of a service body uses (`depends_on`, `volumes`, `secrets`...): one reader for the
// body as written (fileModel.ts), what a `<<` merge brings (diagnostics/rules/mergedReferences.ts) and an
// anchored value an entry takes whole (`volumes: *vols`, fileModel.ts).
import { isMap, isScalar, type Scalar } from 'yaml';
import { keyText } from './locate';
import { entries, getValue, scalarText, seqItems } from './nodes';
import type { NameKind } from './fileModel';

/** The service keys whose values name services, networks, volumes, secrets or configs (referencesInServiceEntry). */
export const ENTRIES_WITH_NAMES = new Set(['depends_on', 'links', 'extends', 'network_mode', 'ipc', 'pid', 'volumes_from', 'networks', 'volumes', 'secrets', 'configs', 'build']);

/** Where a reference found in a service entry is recorded: the scalar that names it, and the name's offset in it. */
export type ReferenceSink = (kind: NameKind, scalar: Scalar, name: string, at: number, via: string, file?: string) => void;

/**
 * The names one entry of a service body uses (`depends_on`, `volumes`, `secrets`...), for the entry as written
 * or as a `<<` merge brings it (rules/mergedReferences.ts): Compose merges first, so both name the same things.
 */
export function referencesInServiceEntry(key: string, value: unknown, add: ReferenceSink): void {
  switch (key) {
    case 'depends_on':
      namesIn(value, 'service', key, add);
      break;
    case 'links':
      for (const item of seqItems(value)) {
        const text = scalarText(item);
        if (text !== undefined) add('service', item as Scalar, text.split(':')[0], 0, key);
      }
      break;
    case 'extends': {
      const target = isScalar(value) ? value : getValue(value, 'service');
      const text = scalarText(target);
      if (text !== undefined) add('service', target as Scalar, text, 0, key, scalarText(getValue(value, 'file')));
      break;
    }
    case 'network_mode':
    case 'ipc':
    case 'pid': {
      const text = scalarText(value);
      if (text?.startsWith('service:')) add('service', value as Scalar, text.slice(8), 8, key);
      break;
    }
    case 'volumes_from':
      for (const item of seqItems(value)) {
        const text = scalarText(item);
        if (text === undefined || text.startsWith('container:')) continue;
        const name = text.startsWith('service:') ? text.slice(8).split(':')[0] : text.split(':')[0];
        add('service', item as Scalar, name, text.startsWith('service:') ? 8 : 0, key);
      }
      break;
    case 'networks':
      namesIn(value, 'network', key, add);
      break;
    case 'volumes':
      for (const item of seqItems(value)) collectVolumeReference(item, add);
      break;
    case 'secrets':
    case 'configs': {
      const kind: NameKind = key === 'secrets' ? 'secret' : 'config';
      for (const item of seqItems(value)) {
        const target = isMap(item) ? getValue(item, 'source') : item;
        const text = scalarText(target);
        if (text !== undefined) add(kind, target as Scalar, text, 0, key);
      }
      break;
    }
    case 'build': {
      // `additional_contexts: { base: service:base }` builds on another service's image.
      const contexts = getValue(value, 'additional_contexts');
      for (const [, ctx] of entries(contexts)) {
        const text = scalarText(ctx.value);
        if (text?.startsWith('service:')) add('service', ctx.value as Scalar, text.slice(8), 8, 'build.additional_contexts');
      }
      // The list form: `- base=service:base`.
      for (const item of seqItems(contexts)) {
        const text = scalarText(item);
        const at = text ? text.indexOf('=service:') : -1;
        if (text && at > 0) add('service', item as Scalar, text.slice(at + 9), at + 9, 'build.additional_contexts');
      }
      // The secrets a build may read (`secrets: [token]` or `- source: token`), from the top-level `secrets`.
      for (const item of seqItems(getValue(value, 'secrets'))) {
        const target = isMap(item) ? getValue(item, 'source') : item;
        const text = scalarText(target);
        if (text !== undefined) add('secret', target as Scalar, text, 0, 'build.secrets');
      }
      break;
    }
  }
}

/** The names a list (`- db`) or a mapping (`db: {...}`) holds: both forms name things. */
function namesIn(node: unknown, kind: NameKind, via: string, add: ReferenceSink): void {
  for (const item of seqItems(node)) {
    const text = scalarText(item);
    if (text !== undefined) add(kind, item as Scalar, text, 0, via);
  }
  if (isMap(node)) for (const pair of node.items) if (isScalar(pair.key)) add(kind, pair.key, keyText(pair.key), 0, via);
}

/** True when a volume source names a named volume rather than a host path. */
export function isNamedVolumeSource(source: string): boolean {
  return !/^[./~]/.test(source) && !/^[A-Za-z]:[\\/]/.test(source) && !source.startsWith('\\') && !source.includes('/');
}

function collectVolumeReference(item: unknown, add: ReferenceSink): void {
  if (isMap(item)) {
    const type = scalarText(getValue(item, 'type')) ?? 'volume';
    const source = getValue(item, 'source');
    const text = scalarText(source);
    if (type === 'volume' && text && isNamedVolumeSource(text)) add('volume', source as Scalar, text, 0, 'volumes');
    return;
  }
  const text = scalarText(item);
  if (!text) return;
  // `C:\data:/data`, `C:\a:C:\b`: the colon after a Windows drive letter belongs to a host path, a bind mount.
  if (/^[A-Za-z]:[\\/]/.test(text)) return;
  const colon = text.indexOf(':');
  if (colon <= 0) return; // a lone path is an anonymous volume
  const source = text.slice(0, colon);
  if (isNamedVolumeSource(source)) add('volume', item as Scalar, source, 0, 'volumes');
}
