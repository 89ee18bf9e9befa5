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

/** What the client adds to the server's environment, and why: serverEnvironment.json. */
export const SERVER_PROCESS_ENV: Readonly<Record<string, string>> = environment.processEnv;

/** The server's environment: the client's own, with SERVER_PROCESS_ENV where the user's environment does not set the same name. */
export function serverProcessEnvironment(inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...SERVER_PROCESS_ENV, ...inherited };
}
