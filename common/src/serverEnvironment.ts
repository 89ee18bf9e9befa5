// What the client tells the server through its environment when it starts it.
// Its own small file, importing only its JSON (serverEnvironment.json, which
// the benchmark reads too): the server's entry (server/src/boot.ts) reads it
// before the server's bundle is loaded.
import environment from './serverEnvironment.json';

/**
 * A folder of the user's own where the server keeps its compiled code between starts
 * (server/src/compileCache.ts). Unset: nothing is cached.
 */
export const COMPILE_CACHE_ENV: string = environment.compileCacheEnv;

/** How the files of compiled code the server writes in that folder end. */
export const COMPILE_CACHE_SUFFIX: string = environment.compileCacheSuffix;
