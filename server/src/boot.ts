// The language server's entry as the VS Code client starts it (dist/serverBoot.js):
// it turns on Node's compile cache in the folder the client gives
// (compileCache.ts) and only then loads the server's bundle, so the bundle is
// compiled from the cache too. Loading the bundle from here rather than
// importing it keeps it out of this file's own bundle (esbuild.mjs: external).
import { COMPILE_CACHE_ENV } from '../../common/src/serverEnvironment';
import { enableCompileCache } from './compileCache';

enableCompileCache(process.env[COMPILE_CACHE_ENV]);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time, after the cache is on
require('./server.js');
