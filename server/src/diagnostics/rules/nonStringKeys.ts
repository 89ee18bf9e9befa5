// `non-string-key`: a key YAML reads as a number, boolean or null (`123:`,
// `1:`, `true:`). Compose needs text keys and refuses the file; quoting the
// key fixes it, and is the quick fix. (Found in the walk that structure.ts
// shares with the other rules about the tree as written.)
import { replaceFix, type ReplaceData } from '../fix';
import type { Rule } from './rule';
import { structureOf } from './structure';

export const nonStringKeys: Rule<ReplaceData> = {
  codes: ['non-string-key'],
  run({ doc }) {
    return [...structureOf(doc).nonStringKeys];
  },
  fix: replaceFix,
};
