// Which service entries hold given places of a file's text: an entry runs from
// its service's name to the next service's name. Navigation reads the few
// services a name or an alias is written in, not every body (on 5,000 services
// whose trees are read again when asked, reading all took ~190 ms); so do the
// service URL checks for environment values taken from anchors.
import type { TextLike } from './chunkedDocument';
import type { FileModel, NameDefinition } from './fileModel';

/** The service definitions of `model`, by where their names start. */
export function servicesByStart(model: FileModel): readonly NameDefinition[] {
  return model.definitions.filter((d) => d.kind === 'service').sort((a, b) => a.range[0] - b.range[0]);
}

/** Where `name` is written in `source` (nowhere for an empty name: no host is empty). */
export function* textAt(source: TextLike, name: string): Generator<number> {
  if (name === '') return;
  for (let at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + name.length)) yield at;
}

/**
 * The services (`byStart`, by where their names start) whose entries hold one of `offsets`: an entry runs from
 * its name to the next one's. A host found is written as its value (`hostRange`) in the service's own
 * `environment` (`addressesIn` follows no alias or merge), so it is in the text of the service's entry: only the
 * services whose entry's text holds the name are read (reading every body, on 5,000 services whose trees are
 * read again when asked, took ~190 ms, and highlight asks on each cursor move). A value the service takes from
 * an anchor is named by an alias in its entry, so the same search finds the services to read for those.
 */
export function entriesHolding(byStart: readonly NameDefinition[], offsets: Iterable<number>): readonly NameDefinition[] {
  if (byStart.length === 0) return byStart;
  const candidates = new Set<NameDefinition>();
  for (const at of offsets) {
    // The last entry whose name starts before the offset: the entry it is in, if any.
    if (byStart[0]!.range[0] > at) continue;
    let low = 0;
    let high = byStart.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (byStart[mid]!.range[0] <= at) low = mid;
      else high = mid - 1;
    }
    candidates.add(byStart[low]!);
  }
  return [...candidates];
}

/**
 * The services whose entries hold an alias (`environment: *env`, `<<: *defaults`): the only ones that may take a
 * value written where an anchor is.
 */
export function servicesWithAliases(model: FileModel, byStart?: readonly NameDefinition[]): readonly NameDefinition[] {
  const aliases: number[] = [];
  for (const use of model.anchors) if (!use.isDefinition) aliases.push(use.range[0]);
  return aliases.length === 0 ? [] : entriesHolding(byStart ?? servicesByStart(model), aliases);
}
