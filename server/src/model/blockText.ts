// What the block reader (blockReader.ts) shares across the thousands of
// blocks of an open file, so that reading one allocates little beyond the
// nodes it keeps: the lines of the block being read, and short texts as one
// string each.

/**
 * The line tables of the block being read. One set serves every block (a
 * block is read at once, and nothing keeps them): thousands of blocks would
 * otherwise each grow three lists of their own, only to drop them.
 */
export interface LineTables {
  starts: Int32Array;
  contents: Int32Array;
  ends: Int32Array;
  lines: number;
}

const shared: LineTables = { starts: new Int32Array(256), contents: new Int32Array(256), ends: new Int32Array(256), lines: 0 };

/** The lines of `text`, in the shared tables: good until the next block is read. */
export function lineTables(text: string): LineTables {
  const length = text.length;
  let { starts, contents, ends } = shared;
  let lines = 0;
  let at = 0;
  while (at <= length) {
    if (lines === starts.length) {
      const grown = (list: Int32Array): Int32Array => {
        const bigger = new Int32Array(list.length * 2);
        bigger.set(list);
        return bigger;
      };
      shared.starts = starts = grown(starts);
      shared.contents = contents = grown(contents);
      shared.ends = ends = grown(ends);
    }
    let end = text.indexOf('\n', at);
    if (end < 0) end = length;
    let content = at;
    while (text.charCodeAt(content) === 32) content++;
    starts[lines] = at;
    contents[lines] = content;
    ends[lines] = text.charCodeAt(end - 1) === 13 && end > content ? end - 1 : end;
    lines++;
    at = end + 1;
  }
  shared.lines = lines;
  return shared;
}

/**
 * Short texts as one string each: a Compose file writes the same keys and
 * many of the same values (`image`, `ports`, `30s`, `"CMD"`) in every
 * service, and each slice would be a string of its own, kept by its node.
 * A table of recent short texts, one per slot of a hash of the characters,
 * finds most of them without making the slice at all. Only texts V8 copies
 * when sliced (under 13 characters) are kept: a longer slice is a view of
 * the block's text, and keeping one here would keep that text.
 */
const INTERNED_SLOTS = 4096;
const MAX_INTERNED = 12;
const interned: string[] = new Array<string>(INTERNED_SLOTS).fill('');

export function textOf(text: string, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_INTERNED || length === 0) return text.slice(start, end);
  // A few characters make the hash (most texts differ in them); the comparison below is what decides.
  const hash = Math.imul(length, 0x9e3779b1) ^ Math.imul(text.charCodeAt(start), 31 * 31 * 31) ^ Math.imul(text.charCodeAt(start + 1), 31 * 31) ^ Math.imul(text.charCodeAt(end - 2), 31) ^ text.charCodeAt(end - 1);
  const slot = (hash ^ (hash >>> 12)) & (INTERNED_SLOTS - 1);
  const known = interned[slot]!;
  if (known.length === length && text.startsWith(known, start)) return known;
  return (interned[slot] = text.slice(start, end));
}
