// The project that includes a Compose file. A file another project lists
// under `include:` (`include: [./db/compose.yaml]`) is checked as Compose
// loads it, on its own (its names, its folder, its `.env`), but it is never
// run on its own: `docker compose up` in the including folder creates its
// services in the including project (`shop-postgres-1`, not `db-postgres-1`).
// So what runs it (the client's Up, Logs, Down and the containers' states,
// features/projectInfo.ts) asks for that project: a run of the file alone
// would make a second project beside the first, its containers clashing on
// the same ports and its volumes empty.
//
// A file whose services another project's file only takes with `extends`
// (`extends: {file: base.yaml, service: web}`) is a fragment of that
// project: it is not run on its own either, since `docker compose -f
// base.yaml up` in the same folder would create its services in a project
// of the same name, beside the ones the main file makes (orphans of it).
import * as path from 'node:path';
import { MAIN_COMPOSE_FILES } from '../../../common/src/composeFiles';
import type { ComposeProject } from './project';

/** How many folders are looked in: the file's own, then its parents (an include from further up is rare). */
const FOLDERS_LOOKED_IN = 4;

/**
 * The outermost project whose main Compose file, in the folder of `file` or one above it, includes `file` (directly
 * or through another include: `stack/compose.yaml` including it, and the top `compose.yaml` including that, is run
 * from the top, where all three are one project); undefined when none does. `projectOf` builds the project of a
 * main file (Workspace.project): the workspace asks this when it names a project (an included file's containers
 * and volumes take the including project's name) and when the client asks what runs a file.
 */
export function includerOf(file: string, exists: (file: string) => boolean, projectOf: (mainFile: string) => ComposeProject): { readonly project: ComposeProject; readonly mainFile: string } | undefined {
  let found: { project: ComposeProject; mainFile: string } | undefined;
  for (const main of mainFilesAbove(file, exists)) {
    if (main === file) continue;
    const project = projectOf(main);
    if (project.files.some((f) => f.path === file && f.role === 'include')) found = { project, mainFile: main };
  }
  return found;
}

/**
 * The nearest main Compose file, in the folder of `file` or one above it, whose project takes services from `file`
 * with `extends`; undefined when none does, or when `file` is the main file of its own folder (a project of its own,
 * which another may extend as well).
 */
export function extenderOf(file: string, exists: (file: string) => boolean, projectOf: (mainFile: string) => ComposeProject): string | undefined {
  for (const main of mainFilesAbove(file, exists)) {
    if (main === file) return undefined;
    const files = projectOf(main).files;
    if (files.some((f) => f.path === file && f.role === 'extends') && !files.some((f) => f.path === file && f.role !== 'extends')) return main;
  }
  return undefined;
}

/** The main Compose file of the folder of `file` and of each folder above it looked in, nearest first: the first of the names that exists, as Compose picks it (common/src/composeFiles.ts). */
function* mainFilesAbove(file: string, exists: (file: string) => boolean): Generator<string> {
  let folder = path.dirname(file);
  for (let level = 0; level < FOLDERS_LOOKED_IN; level++) {
    const main = MAIN_COMPOSE_FILES.map((name) => path.join(folder, name)).find(exists);
    if (main !== undefined) yield main;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
}
