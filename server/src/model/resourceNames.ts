// A network's or volume's `external`, its name as written (`name`, or the
// older `external.name`) and its driver, read once per definition: the lenses ask after every
// edit, and an unchanged block keeps its definitions, not its tree
// (blockTrees.ts). Read by projectInfo (what Compose will create) and by the
// rules about the engine's own networks.
import { perDefinition } from './definitionMemo';
import type { NameDefinition } from './fileModel';
import { getValue, isExternalValue, scalarText } from './nodes';

export interface ResourceNames {
  /** `external: true` (or text Compose casts to true), or the old `external: {name: ...}`. */
  readonly external: boolean;
  /** The name written (`name`, else `external.name`), variables not substituted; undefined when none is. */
  readonly name: string | undefined;
  /** `driver:` as written; undefined when none is (the engine's default, `local` for a volume). */
  readonly driver: string | undefined;
}

export const resourceNames = perDefinition((body: unknown): ResourceNames => ({
  external: isExternalValue(getValue(body, 'external')),
  name: scalarText(getValue(body, 'name')) ?? scalarText(getValue(getValue(body, 'external'), 'name')),
  driver: scalarText(getValue(body, 'driver')),
}));

/** A network's or volume's driver as Compose merges its definitions (the last file that writes one wins); undefined when none does. */
export function mergedDriver(definitions: readonly NameDefinition[]): string | undefined {
  let driver: string | undefined;
  for (const def of definitions) driver = resourceNames(def).driver ?? driver;
  return driver;
}
