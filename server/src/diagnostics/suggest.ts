// "Did you mean": the closest known word by edit distance, counting two
// neighbouring letters swapped as one edit (`restrat` for `restart`, `imgae`
// for `image`): the typo a hand makes most, which plain Levenshtein counts as
// two and so missed in every key of seven letters or fewer.

/** The three rows of boundedDistance and the character counts for bagDistance, reused: these run for thousands of names per keystroke. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;
const counts = new Int32Array(128);

/**
 * A lower bound of the edit distance from the characters alone (each edit
 * changes the multiset by at most one on each side); a few operations, where
 * the distance itself is a table of |a| x |b|.
 */
function bagDistance(a: string, b: string): number {
  let extra = 0;
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 127]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 127]!--;
  let missing = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    if (counts[c]! > 0) extra += counts[c]!;
    counts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    if (counts[c]! < 0) missing -= counts[c]!;
    counts[c] = 0;
  }
  return Math.max(extra, missing);
}

/**
 * The edit distance (insertions, deletions, substitutions and swaps of two neighbouring characters, each
 * one edit: the optimal string alignment distance) when it is at most `limit`, else limit + 1. Stops as
 * soon as a whole row is over the limit: no later row can be lower than the one before it.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (rows[0].length < b.length + 1) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  // Rows i - 2, i - 1 and i of the table, rotated.
  let [older, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && ai !== bj) value = Math.min(value, older[j - 2]! + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    const free = older;
    older = previous;
    previous = current;
    current = free;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo:
 * the same letters in another case or with `-` for `_`, or a few edits away
 * relative to the word's length.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestPrepared(word, [...candidates].map(prepare));
}

const normalize = (s: string) => s.toLowerCase().replace(/-/g, '_');

/** A candidate with its normalised text and the set of its characters (folded onto 31 bits). */
type Prepared = readonly [original: string, normalized: string, characters: number];

function prepare(candidate: string): Prepared {
  const normalized = normalize(candidate);
  return [candidate, normalized, characterSet(normalized)];
}

function characterSet(text: string): number {
  let set = 0;
  for (let i = 0; i < text.length; i++) set |= 1 << text.charCodeAt(i) % 31;
  return set;
}

function bitCount(n: number): number {
  let count = 0;
  for (let v = n; v !== 0; v &= v - 1) count++;
  return count;
}

function closestPrepared(word: string, candidates: readonly Prepared[]): string | undefined {
  const search = new Search(word);
  search.consider(candidates);
  return search.best;
}

/** The limit of edits for a typo between a word and a candidate of these lengths. */
function editLimit(wordLength: number, candidateLength: number): number {
  const longest = Math.max(wordLength, candidateLength);
  return longest < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(longest / 4)));
}

/**
 * One word's search for its closest candidate. The answer is the candidate with the fewest edits within its
 * limit, ties to the name that sorts first: it does not depend on the order candidates are considered in.
 */
class Search {
  readonly target: string;
  readonly targetSet: number;
  best: string | undefined;
  private bestScore = Infinity;

  constructor(readonly word: string) {
    this.target = normalize(word);
    this.targetSet = characterSet(this.target);
  }

  consider(candidates: readonly Prepared[]): void {
    // An exact match (same letters but for case and - or _) was found: it stays the answer.
    if (this.bestScore < 0) return;
    const { word, target, targetSet } = this;
    let best = this.best;
    let bestScore = this.bestScore;
    for (const [candidate, other, otherSet] of candidates) {
      // One- and two-letter names are too short for a typo to be told from another name.
      const limit = editLimit(word.length, candidate.length);
      // The distance is at least the difference in length: most candidates end here, cheaply.
      if (Math.abs(word.length - candidate.length) > limit) continue;
      if (other === target) {
        best = candidate;
        bestScore = -1;
        break;
      }
      // A tie goes to the name that sorts first, so the answer depends on the set of names, not their order
      // (diagnostics/serviceChecks.ts keeps findings while the set is unchanged).
      const bound = Math.min(limit, best !== undefined && candidate < best ? bestScore : bestScore - 1);
      if (bound < 0) continue;
      // Each character one side has and the other lacks takes an edit: a bound from two integers, before any counting.
      if (bitCount(targetSet & ~otherSet) > bound || bitCount(otherSet & ~targetSet) > bound) continue;
      if (bagDistance(target, other) > bound) continue;
      const d = boundedDistance(target, other, bound);
      if (d <= bound) {
        best = candidate;
        bestScore = d;
      }
    }
    this.best = best;
    this.bestScore = bestScore;
  }
}

/**
 * "Did you mean" for many words against one list of names (every undefined
 * name of a project against its services): each word is looked up once, and
 * the whole search is bounded. A file whose every `depends_on` is undefined
 * would otherwise compare each of thousands of names with each of thousands
 * (seconds per keystroke); past the budget the remaining words get no
 * suggestion, which only costs a courtesy.
 */
export class NearestNames {
  private readonly memo = new Map<string, string | undefined>();
  private readonly exact = new Map<string, string>();
  private readonly candidates: readonly Prepared[];
  /**
   * The candidates by length and character set: a word skips a whole group whose length or characters
   * alone put it past the limit of edits (thousands of `svc-0001`-like names fall into a few hundred groups).
   */
  private readonly groups: readonly { readonly length: number; readonly characters: number; readonly members: Prepared[] }[];
  private comparisons = 0;

  constructor(
    candidates: readonly string[],
    private readonly budget = 5_000_000,
  ) {
    this.candidates = candidates.map(prepare);
    const groups = new Map<string, { length: number; characters: number; members: Prepared[] }>();
    for (const prepared of this.candidates) {
      const [candidate, key, characters] = prepared;
      const known = this.exact.get(key);
      if (known === undefined || candidate < known) this.exact.set(key, candidate);
      const id = `${candidate.length}:${characters}`;
      const group = groups.get(id);
      if (group) group.members.push(prepared);
      else groups.set(id, { length: candidate.length, characters, members: [prepared] });
    }
    this.groups = [...groups.values()];
  }

  /** closestPrepared over every candidate (the same answer: it does not depend on their order), group by group. */
  private search(word: string): string | undefined {
    const search = new Search(word);
    for (const group of this.groups) {
      // Bounds for every member at once, with the largest bound any member could have (its limit).
      const limit = editLimit(word.length, group.length);
      if (Math.abs(word.length - group.length) > limit) continue;
      if (bitCount(search.targetSet & ~group.characters) > limit || bitCount(group.characters & ~search.targetSet) > limit) continue;
      search.consider(group.members);
    }
    return search.best;
  }

  /** The budget is spent: words not asked yet get no suggestion. */
  get exhausted(): boolean {
    return this.comparisons >= this.budget;
  }

  closest(word: string): string | undefined {
    if (this.memo.has(word)) return this.memo.get(word);
    let found = this.exact.get(normalize(word));
    if (found === undefined && this.comparisons < this.budget) {
      // The budget counts every candidate, as a search over all of them would.
      this.comparisons += this.candidates.length;
      found = this.search(word);
    }
    this.memo.set(word, found);
    return found;
  }
}
