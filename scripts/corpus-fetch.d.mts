// Types for corpus-fetch.mjs (used from the TypeScript tests).
export declare const SOURCES_FILE: string;
export declare const GITHUB_ARCHIVES: string;
export declare class UsageError extends Error {}
export interface FetchOptions {
  out: string;
  force: boolean;
  help: boolean;
  sources: string;
  archiveBase?: string;
  writeSources?: { corpus: string; schema: string };
}
export declare function parseArgs(argv: readonly string[]): FetchOptions;
export declare function goRawStrings(source: string): { offset: number; text: string }[];
export declare function fetchAll(options: FetchOptions, log?: (line: string) => void): Promise<{ corpusDir: string; schemaFile: string }>;
export interface Pins {
  sources: Record<string, { repo: string; commit: string; ref?: string }>;
  schema: { from: string; sourcePath: string; sha256: string };
  licences: { path: string; from: string; sourcePath: string }[];
  files: { path: string; from: string; sourcePath: string; sha256: string; literal?: { offset: number }; record?: Record<string, unknown> }[];
  manifest(): Record<string, unknown>[];
}
export declare function readPins(file: string): Pins;
export declare function writeSources(corpus: string, schema: string, target?: string): Pins;
