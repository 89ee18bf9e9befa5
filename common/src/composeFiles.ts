// Which file names Compose reads by itself, and which files it merges into one
// project: facts shared by the server (projects, the partial-file rule,
// `dockhand check`) and the client (commands, and the project it runs when the
// server cannot answer). package.json says the same in the forms VS Code reads
// (`filenames`, `filenamePatterns`, `when` clauses, activation); a unit test
// (test/unit/common/composeFiles.test.ts) keeps them equal to these.
import * as path from 'node:path';

/** The files Compose looks for in a folder, in its order of preference. */
export const MAIN_COMPOSE_FILES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** Variants of a main file (`compose.prod.yaml`, `docker-compose.override.yml`), as VS Code globs. */
export const COMPOSE_VARIANT_GLOBS: readonly string[] = ['compose.*.yaml', 'compose.*.yml', 'docker-compose.*.yml', 'docker-compose.*.yaml'];

/**
 * A main file or a variant, by base name. Written with `[.]` rather than `\.`
 * so the same source reads the same in package.json's `when` clauses.
 */
export const COMPOSE_FILE_NAME = /^(docker-)?compose([.].+)?[.]ya?ml$/;

/** For `workspace.findFiles`: main files and variants in any folder. */
export const COMPOSE_FILE_GLOB = '**/{compose,docker-compose}{,.*}.{yml,yaml}';

/**
 * A file whose change on disk may change any project, read or not so far:
 * anything Compose-like and `.env`. Wider than the names above on purpose: a
 * file listed in COMPOSE_FILE or pulled in by `include`/`extends` can have any
 * name containing "compose". Other files (a Dockerfile, an env file, a secret,
 * a bind mount's source) matter only where a project read or looked for them,
 * which the server knows (model/workspace.ts, `filesChanged`).
 */
export function mayChangeAnyProject(file: string): boolean {
  const base = path.basename(file);
  return base === '.env' || /compose.*[.]ya?ml$/.test(base);
}

export function isComposeFileName(file: string): boolean {
  return COMPOSE_FILE_NAME.test(path.basename(file));
}

/** A variant of a main file: named like a Compose file but not one of the main names. */
export function isComposeVariantName(file: string): boolean {
  const base = path.basename(file);
  return COMPOSE_FILE_NAME.test(base) && !MAIN_COMPOSE_FILES.includes(base);
}

/** The variables that choose a project's files. */
export interface ComposeFileVariables {
  COMPOSE_FILE?: string;
  COMPOSE_PATH_SEPARATOR?: string;
}

/**
 * The files Compose merges, in order, for a project that contains `file`:
 * COMPOSE_FILE when it lists the file (relative to the file's folder, whether
 * or not each exists: Compose itself says which is missing); else the main
 * file of the folder with its overrides, or a variant laid over the main file;
 * else the file alone.
 */
export function composeProjectFiles(file: string, exists: (file: string) => boolean, variables: ComposeFileVariables = {}): string[] {
  const directory = path.dirname(file);
  if (variables.COMPOSE_FILE) {
    const listed = variables.COMPOSE_FILE.split(variables.COMPOSE_PATH_SEPARATOR || path.delimiter)
      .filter(Boolean)
      .map((p) => path.resolve(directory, p));
    if (listed.includes(file)) return listed;
  }
  const main = MAIN_COMPOSE_FILES.map((name) => path.join(directory, name)).find(exists);
  if (!main) return [file];
  const stem = path.basename(main).replace(/\.ya?ml$/, '');
  const overrides = [`${stem}.override.yaml`, `${stem}.override.yml`].map((n) => path.join(directory, n)).filter(exists);
  if (file === main) return [main, ...overrides];
  if (isComposeVariantName(file)) return overrides.includes(file) ? [main, ...overrides] : [main, file];
  return [file];
}
