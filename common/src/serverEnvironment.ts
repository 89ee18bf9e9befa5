// What the client tells the server through its environment when it starts it.
// Its own file, with no imports: the server's entry (server/src/boot.ts) reads
// it before the server's bundle is loaded, and must stay small.

/**
 * A folder of the user's own where the server keeps its compiled code between starts
 * (server/src/compileCache.ts). Unset: nothing is cached.
 */
export const COMPILE_CACHE_ENV = 'DOCKHAND_COMPILE_CACHE';
