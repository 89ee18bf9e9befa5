// Types for external-data.mjs (used from the TypeScript tests).
export declare const repoRoot: string;
export declare const fetchedDataDir: string;
export type ExternalInput = 'corpus' | 'composeSchema';
export declare const EXTERNAL_INPUTS: readonly ExternalInput[];
export type Located = { readonly path: string; readonly missing?: undefined } | { readonly path?: undefined; readonly missing: string; readonly badVariable: boolean };
export declare function locate(name: ExternalInput, env?: NodeJS.ProcessEnv): Located;
