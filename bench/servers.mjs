// The three servers under test and how each is started and configured, as
// fairly as each allows: every peer gets its best settings for speed (no
// artificial diagnostics delay where it can be turned off, no network).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { locate } from '../scripts/external-data.mjs';

export const repoRoot = resolve(import.meta.dirname, '..');

/** What the VS Code client tells the server through its environment, and how the server names its compiled code's files. */
export const serverEnvironment = JSON.parse(readFileSync(join(repoRoot, 'common', 'src', 'serverEnvironment.json'), 'utf8'));

// The test data outside the repository, found as the tests find it (scripts/external-data.mjs).
const schema = locate('composeSchema');
const corpus = locate('corpus');
export const composeSchema = schema.path ?? '';
export const corpusDir = corpus.path ?? '';

/**
 * `compileCache`: the folder Dockhand keeps its compiled code in between starts, as the VS Code client gives it
 * one (server/src/compileCache.ts); without it, every start compiles the bundle.
 */
export function serverSpecs(node24, { compileCache } = {}) {
  const schemaUri = pathToFileURL(composeSchema).toString();
  return [
    {
      id: 'dockhand',
      label: 'Dockhand',
      node: node24,
      // As the VS Code client starts it (client/src/languageClient.ts): its entry, dist/serverBoot.js, which runs
      // dist/server.js with the compiled code an earlier start kept (when given a folder), and the V8 flags of
      // common/src/serverV8Flags.json. DOCKHAND_BENCH_FLAGS replaces them for a comparison
      // (DOCKHAND_BENCH_FLAGS= for none, DOCKHAND_BENCH_FLAGS=--optimize-for-size).
      args: [...dockhandV8Flags(), join(repoRoot, 'dist', 'serverBoot.js'), '--stdio'],
      // And the environment the client adds (serverEnvironment.json processEnv; DOCKHAND_BENCH_ENV replaces it for a
      // comparison: DOCKHAND_BENCH_ENV= for none, DOCKHAND_BENCH_ENV='MALLOC_ARENA_MAX=2').
      env: { ...dockhandProcessEnv(), ...(compileCache ? { [serverEnvironment.compileCacheEnv]: compileCache } : {}) },
      languageId: 'dockercompose',
      // The first change of a burst is validated at once (diagnosticScheduler.ts).
      fixedDiagnosticsDelayMs: 0,
    },
    {
      id: 'compose-ls',
      label: '@microsoft/compose-language-service',
      node: node24,
      args: [join(repoRoot, 'node_modules', '@microsoft', 'compose-language-service', 'bin', 'docker-compose-langserver'), '--stdio'],
      languageId: 'dockercompose',
      // Its default is a 1,000 ms debounce; 0 is its fastest setting.
      initializationOptions: { diagnosticDelay: 0 },
      fixedDiagnosticsDelayMs: 0,
    },
    {
      id: 'yaml-ls',
      label: 'yaml-language-server + Compose schema',
      node: node24,
      args: [join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      languageId: 'yaml',
      settings: {
        yaml: {
          schemas: { [schemaUri]: ['*.yaml', '*.yml'] },
          validate: true,
          completion: true,
          hover: true,
          schemaStore: { enable: false },
          format: { enable: false },
        },
        http: {},
        '[yaml]': {},
        editor: {},
      },
      // validationHandlers.js waits a hard-coded 200 ms (yamlSettings.validationDelayMs) before validating.
      fixedDiagnosticsDelayMs: 200,
    },
  ];
}

function dockhandProcessEnv() {
  const override = process.env.DOCKHAND_BENCH_ENV;
  if (override === undefined) return serverEnvironment.processEnv;
  return Object.fromEntries(override.split(' ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

function dockhandV8Flags() {
  const override = process.env.DOCKHAND_BENCH_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  return JSON.parse(readFileSync(join(repoRoot, 'common', 'src', 'serverV8Flags.json'), 'utf8')).flags;
}

/** What the run cannot do without; the corpus only when a corpus part runs. */
export function checkPrerequisites({ needsCorpus = true } = {}) {
  const missing = [];
  if (!existsSync(join(repoRoot, 'dist', 'server.js'))) missing.push('dist/server.js (run npm run build)');
  if (!existsSync(join(repoRoot, 'dist', 'serverBoot.js'))) missing.push('dist/serverBoot.js (run npm run build)');
  if (schema.missing) missing.push(schema.missing);
  if (needsCorpus && corpus.missing) missing.push(corpus.missing);
  for (const spec of serverSpecs('node')) {
    const script = spec.args.find((a) => a.endsWith('.js') || a.includes('/bin/'));
    if (script && !existsSync(script)) missing.push(script);
  }
  return missing;
}
