// The project name Compose uses to prefix containers, networks and volumes;
// one rule for the server (which reads `name:` and .env) and the client
// (which falls back to the folder name when the server cannot answer).

/** Lower case, only a-z 0-9 _ -, starting with a letter or digit — as Compose normalises it. */
export function normalizeProjectName(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

export type ProjectNameSource = '--project-name' | 'name' | 'COMPOSE_PROJECT_NAME' | 'folder';

export interface ProjectName {
  readonly name: string;
  readonly source: ProjectNameSource;
}

/**
 * Compose's precedence: `--project-name` (which Dockhand's Compose commands
 * pass when the `dockhand.compose.projectName` setting is set) over
 * COMPOSE_PROJECT_NAME (from the environment or .env), over the top-level
 * `name:`, over the project folder's name.
 */
export function projectNameFrom(nameKey: string | undefined, envName: string | undefined, folderName: string, option?: string): ProjectName {
  if (option && normalizeProjectName(option)) return { name: normalizeProjectName(option), source: '--project-name' };
  if (envName && normalizeProjectName(envName)) return { name: normalizeProjectName(envName), source: 'COMPOSE_PROJECT_NAME' };
  if (nameKey && normalizeProjectName(nameKey)) return { name: normalizeProjectName(nameKey), source: 'name' };
  return { name: normalizeProjectName(folderName) || 'default', source: 'folder' };
}
