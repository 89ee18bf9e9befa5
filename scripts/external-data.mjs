// Where the test data that lives outside the repository is found: the Compose
// corpus (compose files from the reference implementations' test suites, with
// a manifest of expectations) and the Compose JSON schema. One home for these
// paths: the tests (test/support/externalData.ts), the benchmark and
// `npm run corpus:fetch` all ask here.
//
// Each input is looked for, in order:
//   1. its environment variable (DOCKHAND_CORPUS, DOCKHAND_COMPOSE_SCHEMA); a
//      variable that is set but names nothing usable is an error, not a reason
//      to look elsewhere;
//   2. ../shared beside the repository (where CI and the team keep it);
//   3. .cache/test-data, where `npm run corpus:fetch` writes by default.
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

/** Where `npm run corpus:fetch` writes unless told otherwise. */
export const fetchedDataDir = join(repoRoot, '.cache', 'test-data');

const INPUTS = {
  corpus: {
    what: 'the Compose corpus',
    variable: 'DOCKHAND_CORPUS',
    // A corpus folder is usable when it has its manifest.
    usable: (path) => isFile(join(path, 'manifest.json')),
    expects: 'a folder with manifest.json',
    places: [join(repoRoot, '..', 'shared', 'corpus'), join(fetchedDataDir, 'corpus')],
  },
  composeSchema: {
    what: 'the Compose JSON schema',
    variable: 'DOCKHAND_COMPOSE_SCHEMA',
    usable: (path) => isFile(path),
    expects: 'the compose-spec.json file',
    places: [join(repoRoot, '..', 'shared', 'compose-spec', 'compose-spec.json'), join(fetchedDataDir, 'compose-spec', 'compose-spec.json')],
  },
};

/** The names of the inputs: 'corpus', 'composeSchema'. */
export const EXTERNAL_INPUTS = Object.keys(INPUTS);

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds one input. Returns `{ path }` when found, otherwise `{ missing }`: a
 * sentence saying what was looked for, where, and how to get it. `badVariable`
 * is true when the environment variable is set to something unusable.
 */
export function locate(name, env = process.env) {
  const input = INPUTS[name];
  if (!input) throw new Error(`Unknown external input "${name}": one of ${EXTERNAL_INPUTS.join(', ')}.`);
  const fromEnv = env[input.variable];
  if (fromEnv) {
    const path = resolve(fromEnv);
    if (input.usable(path)) return { path };
    const state = existsSync(path) ? 'is not' : 'does not exist; expected';
    return { missing: `${input.variable}=${fromEnv} ${state} ${input.expects}.`, badVariable: true };
  }
  const found = input.places.find((p) => input.usable(p));
  if (found) return { path: found };
  const places = input.places.map((p) => relative(repoRoot, p)).join(' or ');
  return {
    missing: `${input.what} is missing (not in ${places}; ${input.variable} unset): run \`npm run corpus:fetch\` or set ${input.variable}.`,
    badVariable: false,
  };
}
