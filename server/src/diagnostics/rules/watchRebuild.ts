// `watch-needs-build`: a `develop.watch` rule with `action: rebuild` on a
// service that has no `build` in any file of the project. `docker compose
// watch` rebuilds a service's image from its build, and refuses to watch at
// all when a service has a rebuild rule and no build ("can't watch service
// "web" with action rebuild without a build context", measured with Compose
// 2.26.1, test/docker/engine-verdicts.test.ts; later Compose, which syncs into
// services that run a pulled image, keeps that refusal: docker/compose#12343).
// A warning: `up` and `config` take the file, and only `watch` is refused.
// Not said where the answer is not known here: a service that `extends`
// another (the build may come from there), or a file that may be one of
// several `-f` files. The facts are kept per definition (what Compose Watch's
// CodeLens and `dockhand/projectInfo` read too), so an edit reads again only
// the services it changed.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import type { NameDefinition } from '../../model/fileModel';
import type { ComposeProject } from '../../model/project';
import { perDefinition } from '../../model/definitionMemo';
import { getValue, nodeRange, scalarText, seqItems } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { mayBePartial } from './partialFile';
import { bodyAsComposed } from './projectServices';
import type { Rule } from './rule';

const CODE = 'watch-needs-build';

/** What one service definition says for Compose Watch, its `<<` merges included. */
export interface WatchFacts {
  /** It has `develop.watch` rules (Compose appends every file's). */
  readonly rules: boolean;
  /** It has a `build` section. */
  readonly builds: boolean;
  /** It `extends` another service, which may bring a build. */
  readonly extends: boolean;
  /** The `rebuild` values of the rules written in this definition's own body. */
  readonly rebuilds: readonly unknown[];
}

const NONE: WatchFacts = { rules: false, builds: false, extends: false, rebuilds: [] };

/** A definition's watch facts, read once per definition (an unchanged block keeps its definitions). */
export const watchFactsOf = perDefinition((body: unknown, doc: ComposeDocument): WatchFacts => {
  if (!isMap(body)) return NONE;
  const composed = bodyAsComposed(doc, body);
  const rules = seqItems(getValue(getValue(composed, 'develop'), 'watch'));
  // Any `build`, even one Compose then refuses to run (`build: ""`: "please specify build context"), which other findings say.
  const build = getValue(composed, 'build');
  const builds = build !== undefined && build !== null;
  const rebuilds = seqItems(getValue(getValue(body, 'develop'), 'watch')).map((rule) => getValue(rule, 'action')).filter((action) => scalarText(action) === 'rebuild');
  return rules.length === 0 && !builds ? NONE : { rules: rules.length > 0, builds, extends: getValue(composed, 'extends') !== undefined, rebuilds };
});

/** The watch facts of every definition of service `name` across the project's files. */
export function serviceWatchFacts(project: ComposeProject, name: string): WatchFacts[] {
  return project.definitions('service', name).map((def) => factsOfDefinition(project, def));
}

function factsOfDefinition(project: ComposeProject, def: NameDefinition): WatchFacts {
  const doc = project.file(def.uri)?.model.doc;
  return doc ? watchFactsOf(def, doc) : NONE;
}

export const watchRebuild: Rule = {
  codes: [CODE],
  run(req) {
    const { doc, file, project } = req;
    const out: Diagnostic[] = [];
    let partial: boolean | undefined;
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      const own = watchFactsOf(def, doc);
      if (own.rebuilds.length === 0) continue;
      const all = serviceWatchFacts(project, def.name);
      if (all.some((f) => f.builds || f.extends)) continue;
      if ((partial ??= mayBePartial(req))) return out;
      for (const action of own.rebuilds) {
        const range = nodeRange(action);
        if (!range) continue;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, CODE,
          `Service "${def.name}" has no build section, so it has no image to rebuild: \`docker compose watch\` refuses to start ("can't watch service "${def.name}" with action rebuild without a build context"). Add a build section, or sync the files into the container instead (action: sync, with a target).`));
      }
    }
    return out;
  },
};
