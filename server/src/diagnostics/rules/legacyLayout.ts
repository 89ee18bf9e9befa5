// `legacy-layout`: the Compose v1 layout, services at the top level without
// `services:`. Today's Compose refuses it. One diagnostic for the whole file:
// judging such a file by today's format would only bury this one fact.
import { isMap } from 'yaml';
import type { ComposeDocument } from '../../model/document';
import type { FileModel } from '../../model/fileModel';
import { entries, nodeRange } from '../../model/nodes';
import { composeSpec, type KeySpec } from '../../spec/index';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

const TOP_LEVEL = new Set(Object.keys(composeSpec.properties ?? {}));
const SERVICE_KEYS = new Set(Object.keys(((composeSpec.properties?.services?.additional ?? {}) as KeySpec).properties ?? {}));

/**
 * The model's test (top-level mappings with `image` or `build`), widened to
 * services that only `extends` another or set other service keys: a file
 * whose top-level keys are all unknown and whose values look like services.
 */
export function isLegacyFile(doc: ComposeDocument, file: FileModel): boolean {
  if (file.legacyLayout) return true;
  const root = doc.yaml.contents;
  if (!isMap(root) || root.items.length === 0) return false;
  let serviceLike = 0;
  for (const [key, pair] of entries(root)) {
    if (TOP_LEVEL.has(key) || key.startsWith('x-')) return false;
    if (isMap(pair.value) && pair.value.items.some((p) => SERVICE_KEYS.has(String((p.key as { value?: unknown })?.value)))) serviceLike++;
  }
  return serviceLike > 0;
}

export const legacyLayout: Rule = {
  codes: ['legacy-layout'],
  run({ doc, file }) {
    if (!isLegacyFile(doc, file)) return [];
    const root = doc.yaml.contents;
    const firstKey = isMap(root) ? nodeRange(root.items[0]?.key) : undefined;
    return [diagnostic(doc, firstKey ?? [0, 0], DiagnosticSeverity.Error, 'legacy-layout',
      'This file uses the legacy Compose v1 layout (services at the top level), which today\'s Compose refuses. Move the services under a top-level `services:` key (and networks, volumes under their own sections).')];
  },
};
