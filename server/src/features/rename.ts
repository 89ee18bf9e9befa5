// Rename a service, network, volume, config or secret in every file of the
// project (each definition's key and every use, only the name part of
// `db:alias` or `service:web`; for a service, also the host of the addresses
// in environment values that reach it by name, `postgres://db:5432`), or an
// anchor with its aliases. An explicit
// `name:` of a network or volume is left alone: it is the Docker name, not
// the key. Refusals are errors the editor shows, saying what to do instead.
import { LSPErrorCodes, ResponseError, type Range as LspRange, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { isMap, parse } from 'yaml';
import type { NameKind } from '../model/fileModel';
import { getValue, isExternalValue, scalarText } from '../model/nodes';
import { resolveAt, toLspRange, type Occurrence, type Resolved } from './occurrences';
import type { FeatureRequest } from './request';
import { scopeOf } from './scope';
import type { NameTarget } from './symbolAt';

/** The key pattern Compose accepts for services, networks, volumes, configs and secrets. */
const COMPOSE_NAME = /^[a-zA-Z0-9._-]+$/;
/** An anchor name: no spaces and no flow indicators. */
const ANCHOR_NAME = /^[^\s[\]{},]+$/;

function refuse(message: string): never {
  throw new ResponseError(LSPErrorCodes.RequestFailed, message);
}

export function prepareRename(req: FeatureRequest): { range: LspRange; placeholder: string } | null {
  const resolved = resolveAt(req);
  if (!resolved) return null;
  if (resolved.target.type === 'name') checkRenamable(req, resolved.target);
  return { range: toLspRange(req.doc, resolved.target.at), placeholder: resolved.target.name };
}

export function rename(req: FeatureRequest, newName: string): WorkspaceEdit | null {
  const resolved = resolveAt(req, 'project');
  if (!resolved) return null;
  const { target } = resolved;
  if (target.type === 'name') {
    checkRenamable(req, target);
    checkNewName(req, target, newName);
  } else if (!ANCHOR_NAME.test(newName)) {
    refuse(`"${newName}" is not a valid anchor name: use no spaces and none of [ ] { } ,`);
  }
  return { changes: editsByFile(resolved, newName) };
}

function editsByFile(resolved: Resolved, newName: string): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of resolved.occurrences) {
    const edit = editFor(occurrence, resolved.target.name, newName);
    if (edit) (changes[occurrence.uri] ??= []).push(edit);
  }
  return changes;
}

/**
 * Usually the range is exactly the old name. A scalar written with escapes
 * (`"db\u003aalias"`) has the whole scalar as its range: rewrite it whole.
 */
function editFor(occurrence: Occurrence, oldName: string, newName: string): TextEdit | undefined {
  const source = occurrence.doc.text.getText();
  const text = source.slice(occurrence.range[0], occurrence.range[1]);
  const range = toLspRange(occurrence.doc, occurrence.range);
  if (text === oldName) return { range, newText: newName };
  const value = quotedValue(text);
  if (value === undefined) return undefined;
  const at = value.startsWith('service:') ? 8 : 0;
  if (value.slice(at, at + oldName.length) !== oldName) return undefined;
  return { range, newText: JSON.stringify(value.slice(0, at) + newName + value.slice(at + oldName.length)) };
}

function quotedValue(raw: string): string | undefined {
  try {
    if (raw.startsWith('"')) return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return undefined;
}

const LABEL: Readonly<Record<NameKind, string>> = { service: 'service', network: 'network', volume: 'volume', config: 'config', secret: 'secret' };

/** An external resource without `name:` is found by its key: renaming the key would point at another resource. */
function checkRenamable(req: FeatureRequest, target: NameTarget): void {
  if (target.kind === 'service') return;
  const scope = scopeOf(req.workspace, req.doc.uri, req.client.workspaceFolders);
  for (const file of scope.namespace(target.home)) {
    for (const def of file.model.definitions) {
      if (def.kind !== target.kind || def.name !== target.name || !isMap(def.value)) continue;
      const external = isExternalValue(getValue(def.value, 'external'));
      if (external && scalarText(getValue(def.value, 'name')) === undefined) {
        refuse(
          `The ${LABEL[target.kind]} "${target.name}" is external: Docker finds it by this key. ` +
            `Add \`name: ${target.name}\` to it first, then rename the key.`,
        );
      }
    }
  }
}

function checkNewName(req: FeatureRequest, target: NameTarget, newName: string): void {
  const label = LABEL[target.kind];
  if (!COMPOSE_NAME.test(newName)) {
    refuse(`"${newName}" is not a valid ${label} name: use only letters, digits, ".", "_" and "-".`);
  }
  if (typeof parse(newName) !== 'string') {
    refuse(`"${newName}" would be read as a number or boolean, not a ${label} name: choose a name with a letter in it.`);
  }
  if (newName === target.name) return;
  const scope = scopeOf(req.workspace, req.doc.uri, req.client.workspaceFolders);
  for (const file of scope.namespace(target.home)) {
    if (file.model.definitions.some((d) => d.kind === target.kind && d.name === newName)) {
      refuse(`A ${label} named "${newName}" already exists in ${file.path}: renaming "${target.name}" would merge the two. Choose another name.`);
    }
  }
}
