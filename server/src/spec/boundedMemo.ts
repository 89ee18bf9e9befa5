// A pure function of a small key (a value's text, a port number) remembered
// for the keys asked last. The same few values recur across thousands of
// services (30s, 512M, port 8080, one image) and several checks ask for each,
// while a file of distinct values must not grow the memory without end: when
// full it starts over, which costs less than tracking which entry is oldest,
// and a run asks for one block's values together.

/** `make`, remembered for up to `limit` keys (an undefined result is remembered too). */
export function boundedMemo<K, V>(limit: number, make: (key: K) => V): (key: K) => V {
  // An undefined answer (most format verdicts: nothing wrong) is kept as NONE, so a hit is one lookup.
  const kept = new Map<K, V | typeof NONE>();
  return (key) => {
    const found = kept.get(key);
    if (found !== undefined) return (found === NONE ? undefined : found) as V;
    const value = make(key);
    if (kept.size >= limit) kept.clear();
    kept.set(key, value === undefined ? NONE : value);
    return value;
  };
}

const NONE: unique symbol = Symbol('none');
