// The types of generate.mjs, for the tests that build the benchmark's files (the benchmark itself is plain JavaScript).

/** A seeded PRNG (mulberry32): the same seed gives the same sequence in every run. */
export declare function prng(seed: number): () => number;
/** The name of the `i`th generated service. */
export declare function serviceName(i: number): string;
/** A Compose file of `services` services; the same arguments give the same text. */
export declare function generateCompose(services: number, seed?: number, options?: { sharedAnchor?: boolean }): string;
/** Completion and hover positions spread over the file, on keys, values and ports. */
export declare function benchPositions(text: string, count: number): { kind: 'key' | 'value' | 'port'; line: number; character: number }[];
/** One-character edits of published ports' digits, spread over the file. */
export declare function benchEdits(text: string, count: number): { line: number; character: number; digit: string }[];
/** Writes `text` as `dir/compose.yaml` with the files its services mount; returns the file's path. */
export declare function writeProject(dir: string, text: string): string;
