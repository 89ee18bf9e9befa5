// Whether Compose Watch can run, and on which services, before Compose is
// started: a Compose without the command, or a project with nothing to
// watch, gets a sentence that says what to do instead of Compose's own
// words, which for a service with rules but no build (Compose before 2.32)
// are "none of the selected services is configured for watch, consider
// setting an 'develop' section" (measured with 2.26.1), after it has already
// started the whole project. Plain Node: no `vscode` import.
import type { ProjectServiceInfo } from '../../../common/src/protocol';
import { versionAtLeast } from './cli';

/** The first Compose with `watch` as a command of its own (2.17 to 2.21 had it as `alpha watch`). */
export const WATCH_SINCE = [2, 22] as const;

/** The first Compose that syncs into a service with no `build` (docker/compose#12343); a `rebuild` rule still needs one. */
export const WATCH_WITHOUT_BUILD_SINCE = [2, 32] as const;

export type WatchPlan = { readonly ok: true; readonly services: string[] } | { readonly ok: false; readonly message: string };

/**
 * What to run: the services given (a CodeLens names one), or none for every service with rules, as Compose
 * reads `watch` alone; `services` is the project's as the language server read it, undefined when it could not
 * say (Compose is then left to judge).
 */
export function watchPlan(version: string, project: string, services: readonly ProjectServiceInfo[] | undefined, chosen?: readonly string[]): WatchPlan {
  if (!versionAtLeast(version, WATCH_SINCE)) {
    return { ok: false, message: `Compose Watch needs Compose ${WATCH_SINCE.join('.')} or later; the Compose found here is ${version}. Update Docker Compose (or point dockhand.composeCommand at a newer one).` };
  }
  if (!services) return { ok: true, services: [...(chosen ?? [])] };
  const asked = chosen ? services.filter((s) => chosen.includes(s.name)) : services;
  const watched = asked.filter((s) => s.watches);
  if (watched.length === 0) {
    const who = chosen && chosen.length === 1 ? `Service "${chosen[0]}" has` : `No service of project "${project}" has`;
    return { ok: false, message: `${who} develop.watch rules, so Compose Watch has nothing to watch. Add a develop.watch rule to a service: a path to sync into its container, or to rebuild its image, when files there change.` };
  }
  if (!versionAtLeast(version, WATCH_WITHOUT_BUILD_SINCE) && !watched.some((s) => s.builds)) {
    const names = watched.map((s) => `"${s.name}"`).join(', ');
    return { ok: false, message: `Compose ${version} watches only the services it builds, and ${names} ${watched.length === 1 ? 'has' : 'have'} no build section: it would start the project and watch nothing. Add a build section, or use Compose ${WATCH_WITHOUT_BUILD_SINCE.join('.')} or later, which syncs into a service that runs a pulled image.` };
  }
  return { ok: true, services: [...(chosen ?? [])] };
}
