// `long-key`: a key whose `:` comes more than 1,024 characters after its
// start, which YAML does not allow and the parser Compose uses refuses. The
// `yaml` library reads it without a word. (Found in the walk that
// structure.ts shares with the other rules about the tree as written.)
import type { Rule } from './rule';
import { structureOf } from './structure';

export const longKeys: Rule = {
  codes: ['long-key'],
  run({ doc }) {
    return [...structureOf(doc).longKeys];
  },
};
