// The language server's compiled code kept between starts: V8's code cache of
// the bundle, made once the first file's diagnostics and the warm-up are done,
// so it holds the functions the open and the edits compiled, not only the
// bundle's top level. A later start takes them instead of compiling them
// again: measured on the bench's machine (bench/notes.md, 5 Dec 2026, Node 24,
// ten alternating starts), a 20-service file's first diagnostics came 198 ms
// after the server was spawned instead of 249 (its open 39 ms instead of 63).
// Node's own compile cache (`module.enableCompileCache`) makes its cache when
// it first compiles a file, before any function runs: 218 ms in the same runs.
//
// The cache is code the server will run, so it is kept only in a folder the
// editor gives as the user's own (the VS Code client passes its global
// storage: DOCKHAND_COMPILE_CACHE). A file is named by a hash of the bundle's
// text, Node's version and the V8 flags, so a cache made for another bundle
// is never offered; V8 itself refuses one made by another V8 or with other
// flags, or cut short, and the bundle is then compiled as usual. A server
// started any other way (`dockhand-language-server --stdio`) compiles as before.
//
// The loader (`runServer`) runs in dist/serverBoot.js, before the bundle; the
// bundle asks it to save (`saveCompiledCode`) through a global, since the
// two are separate scripts.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { COMPILE_CACHE_SUFFIX } from '../../common/src/serverEnvironment';

/** What the loader tells the bundle: how the compiled code was found, and how to save it. */
interface CompiledCode {
  /** `accepted`: this start ran from the cache; `rejected`: V8 refused the cache found; `none`: there was none. */
  readonly found: 'accepted' | 'rejected' | 'none';
  /** Writes the code compiled so far; returns the folder. */
  save(): string;
}

const HANDOFF = Symbol.for('dockhand.compiledCode');
/** A cache file of the bundle is ~1.4 MB; anything much larger is not ours. */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Runs the CommonJS bundle at `bundle` (the server) as Node's `require` would, compiled with the code cache in
 * `folder` when there is one; without a folder, it is simply required.
 */
export function runServer(bundle: string, folder: string | undefined): void {
  if (!folder) {
    runRequired(bundle);
    return;
  }
  const prepared = prepare(bundle, folder);
  if (!prepared) {
    runRequired(bundle);
    return;
  }
  const { script, found, file } = prepared;
  const handoff: CompiledCode = {
    found,
    save: () => {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      // Written whole and then renamed: a start that reads it meanwhile sees the old file or the new one.
      const partial = `${file}.${process.pid}.partial`;
      try {
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, file);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
      // One bundle's cache at a time: an updated extension's start leaves the old one behind otherwise.
      for (const name of readdirSync(folder)) if (name.endsWith(COMPILE_CACHE_SUFFIX) && join(folder, name) !== file) rmSync(join(folder, name), { force: true });
      return folder;
    },
  };
  (globalThis as Record<symbol, unknown>)[HANDOFF] = handoff;
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const module = { exports: {}, id: bundle, filename: bundle, loaded: false, children: [], paths: [] };
  compiled.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.loaded = true;
}

function runRequired(bundle: string): void {
  createRequire(bundle)(bundle);
}

/** The bundle compiled with the cache found for it, or undefined when it cannot be read (then it is required). */
function prepare(bundle: string, folder: string): { script: Script; found: CompiledCode['found']; file: string } | undefined {
  let source: string;
  try {
    source = readFileSync(bundle, 'utf8');
  } catch {
    return undefined;
  }
  const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`).digest('hex').slice(0, 32);
  const file = join(folder, `${key}${COMPILE_CACHE_SUFFIX}`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
    if (cachedData.length > MAX_CACHE_BYTES) cachedData = undefined;
  } catch {
    cachedData = undefined;
  }
  // Wrapped as Node wraps a CommonJS module; a dynamic `import()` in it loads as it would in a required module.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const importModuleDynamically = (vmConstants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new Script(wrapped, { filename: bundle, cachedData, ...(importModuleDynamically ? { importModuleDynamically } : {}) } as ConstructorParameters<typeof Script>[1]);
  const found = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (found === 'rejected') rmSync(file, { force: true });
  return { script, found, file };
}

/**
 * Once the first file's diagnostics and the warm-up are done: writes the code compiled so far, unless this start
 * ran from the cache. Returns what happened, for the log; undefined when there is no cache folder. The server
 * calls it once per process, in a quiet moment.
 */
export function saveCompiledCode(): string | undefined {
  const handoff = (globalThis as Record<symbol, unknown>)[HANDOFF] as CompiledCode | undefined;
  if (!handoff) return undefined;
  if (handoff.found === 'accepted') return 'started from the compiled code the last start saved';
  const folder = handoff.save();
  // The file's name holds the bundle's hash, Node's version and the flags: one V8 refuses was damaged (cut short).
  return `saved the compiled code for the next start in ${folder}${handoff.found === 'rejected' ? ' (V8 refused the one there: it was damaged)' : ''}`;
}
