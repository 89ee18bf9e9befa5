// The engine streams JSON values one per line (`/events`, `/containers/{id}/stats`).
// One reader for all of them: chunks are joined and split at newlines, and a
// line that is not one whole JSON value is skipped (a stream cut mid-line),
// and so is a value the caller cannot use (its handler throws): one odd
// sample or event must not end a stream that views depend on.

/** Calls `onValue` with each JSON value of a newline-delimited stream. */
export function readJsonLines(stream: NodeJS.ReadableStream, onValue: (value: unknown) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        onValue(JSON.parse(line));
      } catch {
        /* not a whole JSON value, or not one the caller understands: skip it */
      }
    }
  });
}
