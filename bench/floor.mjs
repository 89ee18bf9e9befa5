// The reference issue 10 measures an edit against: the bare `yaml` parse of
// the whole file, in-process, median of several parses after a warm-up. (It
// was the floor while every server parsed with `yaml`; Dockhand now reads
// most blocks with its own reader, server/src/model/blockReader.ts.) Run as a child under the same
// Node as the servers: `node bench/floor.mjs FILE [RUNS]` prints JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');

export function parseFloorMs(text, runs = 7) {
  parseDocument(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseDocument(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

if (process.argv[1] && process.argv[1].endsWith('floor.mjs')) {
  const text = readFileSync(process.argv[2], 'utf8');
  console.log(JSON.stringify({ parseMs: parseFloorMs(text, Number(process.argv[3] ?? 7)) }));
}
