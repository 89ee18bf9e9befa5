// Compose argv, built as arrays: project options (-f, --env-file, --profile,
// -p, --project-directory) first, then the subcommand and its options.
// Pure functions: the same input always gives the same argv, easy to test.
import type { ComposeCommand } from './cli';

export interface ComposeProject {
  /** Absolute paths of the project's files, in Compose's load order. */
  files: string[];
  /** Where Compose runs (and resolves relative paths): the first file's folder. */
  workingDirectory: string;
  projectName?: string;
  /** Passed as --project-directory only when the user set one. */
  projectDirectory?: string;
  envFiles?: string[];
  profiles?: string[];
}

export type ComposeAction =
  | { name: 'up'; services?: string[]; build?: boolean; detach?: boolean; removeOrphans?: boolean }
  | { name: 'down'; volumes?: boolean; removeOrphans?: boolean }
  | { name: 'restart' | 'stop' | 'start' | 'pull' | 'build'; services?: string[] }
  | { name: 'logs'; services?: string[]; follow?: boolean; tail?: number; timestamps?: boolean }
  | { name: 'ps'; services?: string[]; all?: boolean }
  /** Builds and starts the services, then syncs or rebuilds them as their `develop.watch` rules say, until stopped (Compose 2.22+). */
  | { name: 'watch'; services?: string[] }
  | { name: 'config'; quiet?: boolean };

export interface ArgvOptions {
  /** Force colours on (for a terminal that renders ANSI), or off. */
  ansi?: 'always' | 'never';
}

/** The global options that select the project; shared by every subcommand. */
export function projectArgs(project: ComposeProject, compose: Pick<ComposeCommand, 'major'>): string[] {
  const args: string[] = [];
  for (const file of project.files) args.push('-f', file);
  // Compose v1 accepts one --env-file; v2 several (later ones win).
  const envFiles = compose.major < 2 ? (project.envFiles ?? []).slice(-1) : (project.envFiles ?? []);
  for (const envFile of envFiles) args.push('--env-file', envFile);
  for (const profile of project.profiles ?? []) args.push('--profile', profile);
  if (project.projectName) args.push('--project-name', project.projectName);
  if (project.projectDirectory) args.push('--project-directory', project.projectDirectory);
  return args;
}

/** The subcommand and its options; service names last, after `--` is never needed since names cannot start with '-'. */
export function actionArgs(action: ComposeAction, compose: Pick<ComposeCommand, 'major'>): string[] {
  switch (action.name) {
    case 'up': {
      const args = ['up'];
      if (action.detach !== false) args.push('--detach');
      if (action.build) args.push('--build');
      if (action.removeOrphans) args.push('--remove-orphans');
      return [...args, ...(action.services ?? [])];
    }
    case 'down': {
      const args = ['down'];
      if (action.volumes) args.push('--volumes');
      if (action.removeOrphans) args.push('--remove-orphans');
      return args;
    }
    case 'logs': {
      const args = ['logs'];
      if (action.follow) args.push('--follow');
      if (action.tail !== undefined) args.push('--tail', String(action.tail));
      if (action.timestamps) args.push('--timestamps');
      return [...args, ...(action.services ?? [])];
    }
    case 'ps': {
      // v1 lists stopped containers by default and has no --all.
      const args = ['ps'];
      if (action.all && compose.major >= 2) args.push('--all');
      return [...args, ...(action.services ?? [])];
    }
    case 'config':
      // -q: only whether Compose loads the project, and why not.
      return action.quiet ? ['config', '--quiet'] : ['config'];
    default:
      return [action.name, ...(action.services ?? [])];
  }
}

/** The full argv after the program: base args (e.g. `compose`), global options, project, action. */
export function composeArgv(compose: ComposeCommand, project: ComposeProject, action: ComposeAction, options: ArgvOptions = {}): string[] {
  const args = [...compose.baseArgs];
  if (options.ansi) args.push('--ansi', options.ansi);
  return [...args, ...projectArgs(project, compose), ...actionArgs(action, compose)];
}

/** A readable form for the terminal's first line; quoting only for display, never executed. */
export function displayCommand(command: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(quote).join(' ');
}
