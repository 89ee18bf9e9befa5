// Which profiles a Compose run enables. Compose reads a project with only the
// profiles given on its command line (or COMPOSE_PROFILES) active, and leaves
// the containers of the other profiles' services alone: `down` after a
// service of profile `debug` was started (its Up lens starts it by name, as
// does Up Services…) kept it running, and the project's network with it. So
// the actions about every container the project has run with every profile
// its services name enabled; the others with the user's own only (`up` with
// every profile would start services the user keeps for occasions).
import type { ComposeAction, ComposeProject } from './argv';

/** Actions about every container of the project, whichever profile made it. */
const EVERY_PROFILE: ReadonlySet<ComposeAction['name']> = new Set(['down', 'stop', 'ps']);

/** `project` as `action` runs it: `named` are the profiles the project's services name (the language server lists them). */
export function projectFor(action: ComposeAction, project: ComposeProject, named: readonly string[]): ComposeProject {
  if (!EVERY_PROFILE.has(action.name) || named.length === 0) return project;
  return { ...project, profiles: [...new Set([...(project.profiles ?? []), ...named])] };
}
