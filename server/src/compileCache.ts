// Node's compile cache (node:module, Node 22.1 and later) for the language
// server: V8's compiled code of the bundle kept on disk, so a later start of
// the same server does not compile the 0.7 MB bundle again. Node makes the
// cached code when it first compiles the bundle, so it holds the bundle's top
// level, not the functions compiled lazily later. Measured on the bench's
// machine (bench/notes.md, 5 Dec 2026, Node 24): a small file's first
// diagnostics come ~25-30 ms sooner after the server is started (~240 ms from
// spawning the server to the first diagnostics of 20 services, medians of
// eight alternating starts).
//
// The cache is code the server will run, so it is used only in a folder the
// editor gives it as the user's own (the VS Code client passes its global
// storage: DOCKHAND_COMPILE_CACHE); V8 checks that a cached entry matches the
// source and the flags, and Node that it matches the file. A server started
// any other way (`dockhand-server --stdio` in another editor) compiles as
// before, unless Node's own NODE_COMPILE_CACHE says otherwise.
import * as nodeModule from 'node:module';

/** The part of node:module's compile cache API the server uses; absent before Node 22.1 (flush before 22.10). */
interface CompileCacheApi {
  enableCompileCache?: (directory: string) => { status: number; directory?: string };
  flushCompileCache?: () => void;
  getCompileCacheDir?: () => string | undefined;
}
const api = nodeModule as unknown as CompileCacheApi;

/** Enables the cache in `directory` for the modules loaded after this call; whether it is on. Never throws. */
export function enableCompileCache(directory: string | undefined): boolean {
  if (!directory || typeof api.enableCompileCache !== 'function') return false;
  try {
    api.enableCompileCache(directory);
    return api.getCompileCacheDir?.() !== undefined;
  } catch {
    return false;
  }
}

let saved = false;

/**
 * Writes the cache, once per process, and returns its folder; undefined when the cache is off or was already
 * written. Node would write it only at a clean exit, which a server stopped by its editor may not get; the
 * server calls this once the first file's diagnostics and the warm-up are done, in a quiet moment.
 */
export function saveCompiledCodeOnce(): string | undefined {
  if (saved) return undefined;
  saved = true;
  const directory = api.getCompileCacheDir?.();
  if (!directory || typeof api.flushCompileCache !== 'function') return undefined;
  try {
    api.flushCompileCache();
    return directory;
  } catch {
    return undefined;
  }
}
