// "Did you mean": the closest known word by edit distance.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo:
 * the same letters in another case or with `-` for `_`, or a few edits away
 * relative to the word's length.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const target = norm(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    // One- and two-letter names are too short for a typo to be told from another name.
    const longest = Math.max(word.length, candidate.length);
    const limit = longest < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(longest / 4)));
    // The distance is at least the difference in length: most candidates end here, cheaply.
    if (Math.abs(word.length - candidate.length) > limit) continue;
    const other = norm(candidate);
    if (other === target) return candidate;
    const d = editDistance(target, other);
    if (d <= limit && d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}
