// A text's line starts, for features that ask "which line?" of many offsets in
// one request (formatting, folding): one scan of the text, then a binary
// search per offset, without a Position object per question.

/** The offset where each line of `text` starts. */
export function lineStartsOf(text: { indexOf(search: string, from?: number): number }): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line holding `offset`, given the text's `lineStarts`. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
