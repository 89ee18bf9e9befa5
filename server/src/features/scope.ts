// Which files share a name with the file at the cursor. `Workspace.project`
// sees a project from its own main file; a file that is `include`d or is an
// `extends` target also belongs to the project of the compose file that
// pulls it in, so we look for those too (the main file in the same folder
// and a few folders up) and merge what they see.
import * as path from 'node:path';
import { MAIN_COMPOSE_FILES } from '../../../common/src/composeFiles';
import type { FileModel } from '../model/fileModel';
import type { ComposeProject } from '../model/project';
import { pathToUri, uriToPath, type Workspace } from '../model/workspace';

/** How many folders above the file we look for a project that includes it. */
const MAX_LEVELS_UP = 3;

export interface ScopeFile {
  readonly path: string;
  readonly uri: string;
  readonly model: FileModel;
}

export class Scope {
  /** Every file of every project that holds the file, by path. */
  readonly files = new Map<string, ScopeFile>();

  constructor(private readonly projects: readonly ComposeProject[]) {
    for (const project of projects) {
      for (const file of project.files) if (!this.files.has(file.path)) this.files.set(file.path, file);
    }
  }

  /**
   * The files whose names are one namespace with `file`: Compose merges the
   * main file, overrides and includes into one model; a file reached only
   * through `extends: {file: ...}` keeps its own names.
   */
  namespace(file: string): ScopeFile[] {
    const holders = this.projects.flatMap((p) => {
      const own = p.file(pathToUri(file));
      return own ? [{ project: p, role: own.role }] : [];
    });
    const fromOthers = holders.filter((h) => h.project.files[0]?.path !== file);
    const extendsOnly = fromOthers.length > 0 && fromOthers.every((h) => h.role === 'extends');
    const self = this.files.get(file);
    if (extendsOnly) return self ? [self] : [];
    const result = new Map<string, ScopeFile>();
    for (const { project, role } of holders) {
      if (role === 'extends') continue;
      for (const f of project.files) if (f.role !== 'extends') result.set(f.path, f);
    }
    if (self && !result.has(file)) result.set(file, self);
    return [...result.values()];
  }

  /** The file an `extends.file` (or any relative path) written in `from` names. */
  static resolve(from: string, written: string): string | undefined {
    if (written.includes('${')) return undefined;
    return path.resolve(path.dirname(from), written);
  }
}

export function scopeOf(workspace: Workspace, uri: string, workspaceFolders: readonly string[] = []): Scope {
  const file = uriToPath(uri);
  const projects: ComposeProject[] = [workspace.project(uri)];
  const roots = workspaceFolders.map(uriToPath);
  let dir = path.dirname(file);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const main = MAIN_COMPOSE_FILES.map((name) => path.join(dir, name)).find((p) => workspace.exists(p));
    if (main && main !== file) {
      const project = workspace.project(pathToUri(main));
      if (project.file(uri) && !projects.includes(project)) projects.push(project);
    }
    const parent = path.dirname(dir);
    // Stop at the workspace folder the file lives in, and at the file system root.
    if (parent === dir || roots.some((root) => path.resolve(root) === path.resolve(dir))) break;
    dir = parent;
  }
  return new Scope(projects);
}
