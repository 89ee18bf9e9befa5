// The language server's entry as the VS Code client starts it (dist/serverBoot.js):
// it runs the server's bundle (dist/server.js) with the compiled code the
// last start saved in the folder the client gives (compileCache.ts). The
// bundle is loaded at run time, not imported, so it stays out of this file's
// own bundle.
import { join } from 'node:path';
import { COMPILE_CACHE_ENV } from '../../common/src/serverEnvironment';
import { runServer } from './compileCache';

runServer(join(__dirname, 'server.js'), process.env[COMPILE_CACHE_ENV] || undefined);
