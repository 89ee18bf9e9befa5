// What the cursor is on, for every navigation feature: a name of the project
// (a service, network, volume, config or secret, where it is defined or
// used) or a YAML anchor/alias. Answers from the file model only.
import type { AnchorUse, FileModel, NameKind } from '../model/fileModel';
import type { Range } from '../model/nodes';
import { uriToPath } from '../model/workspace';
import { Scope } from './scope';

export interface NameTarget {
  readonly type: 'name';
  readonly kind: NameKind;
  readonly name: string;
  /** The file whose namespace holds the name (another file for `extends: {file: ...}`). */
  readonly home: string;
  /** The occurrence under the cursor (the name only), in the cursor's file. */
  readonly at: Range;
  readonly onDefinition: boolean;
}

export interface AnchorTarget {
  readonly type: 'anchor';
  readonly name: string;
  readonly at: Range;
  /** The `&name` this occurrence belongs to; undefined for an alias with no anchor before it. */
  readonly binding?: AnchorUse;
}

export type NavTarget = NameTarget | AnchorTarget;

function within(range: Range, offset: number): boolean {
  // The cursor right after a name still means that name (as editors place it after a double click).
  return offset >= range[0] && offset <= range[1];
}

export function symbolAt(file: FileModel, offset: number): NavTarget | undefined {
  const here = uriToPath(file.doc.uri);
  const def = file.definitions.find((d) => within(d.range, offset));
  if (def) return { type: 'name', kind: def.kind, name: def.name, home: here, at: nameRange(file, def.range, def.name), onDefinition: true };

  // A name in an `x-` template is the same name: a rename changes it where services merge it from.
  const ref = file.references.find((r) => within(r.range, offset)) ?? file.templateReferences.find((r) => within(r.range, offset));
  if (ref) {
    const home = ref.file !== undefined ? Scope.resolve(here, ref.file) : here;
    if (!home) return undefined;
    return { type: 'name', kind: ref.kind, name: ref.name, home, at: ref.range, onDefinition: false };
  }

  const anchor = file.anchors.find((a) => within(a.range, offset));
  if (anchor) return { type: 'anchor', name: anchor.name, at: anchor.range, binding: anchorBinding(file.anchors, anchor) };
  return undefined;
}

/** YAML lets an anchor be defined again: an alias means the last `&name` before it. */
export function anchorBinding(anchors: readonly AnchorUse[], use: AnchorUse): AnchorUse | undefined {
  if (use.isDefinition) return use;
  let found: AnchorUse | undefined;
  for (const a of anchors) {
    if (a.isDefinition && a.name === use.name && a.range[0] < use.range[0] && (!found || a.range[0] > found.range[0])) found = a;
  }
  return found;
}

/** Every `&name` and `*name` that mean the same anchor as the target, in the target's file. */
export function anchorOccurrences(anchors: readonly AnchorUse[], target: AnchorTarget): AnchorUse[] {
  return anchors.filter((a) => {
    if (a.name !== target.name) return false;
    const binding = anchorBinding(anchors, a);
    return target.binding ? binding === target.binding : binding === undefined;
  });
}

/**
 * A definition's key range holds quotes when the key is quoted (`"db":`);
 * the name itself is inside them.
 */
export function nameRange(file: FileModel, range: Range, name: string): Range {
  const source = file.doc.text.getText();
  const text = source.slice(range[0], range[1]);
  if (text === name) return range;
  if (text.length === name.length + 2 && text.slice(1, -1) === name && /^["']/.test(text)) return [range[0] + 1, range[1] - 1];
  return range;
}
