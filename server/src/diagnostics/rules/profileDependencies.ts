// `disabled-dependency`: a service that depends on a service of profiles it
// may run without. Compose leaves a service of profiles out of the project
// unless one of them is enabled (`--profile`, `COMPOSE_PROFILES`), and then
// refuses the project when a service it keeps depends on it ("service "web"
// depends on undefined service "db""), at `config` and `up` alike. Whether
// that happens depends on the profiles a run enables, known only then: a
// warning, where some run keeps the dependent and drops the dependency. That
// is every run without those profiles for a service of no profiles, and a run
// of a profile the dependency lacks for one of profiles. `required: false`
// makes Compose drop the dependency instead; a `COMPOSE_PROFILES` of the
// project's `.env` (or the environment) that enables the dependency makes the
// plain run fine, and only a service of no profiles is then left alone.
//
// Checked service by service (serviceChecks.ts): the index holds which
// services have profiles, so an edit re-checks a service when its block or
// the profiles of a service it depends on changed.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { castBoolean } from '../../model/composeScalars';
import { getValue, nodeRange, scalarText, type Range } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { diagnostic, DiagnosticSeverity } from '../make';
import { serviceRule, type ServiceCheck } from '../serviceChecks';
import { keyOfMap, resolve } from '../specWalk';
import { bodyProfiles } from './projectServices';

const CODE = 'disabled-dependency';

/** Fact key (serviceChecks.ts): a part of this service names profiles. */
const PROFILED = (service: string) => `profiled:${service}`;

const profileCheck: ServiceCheck = {
  id: CODE,
  facts(part, add) {
    const profiles = bodyProfiles(part.body);
    if (profiles.size > 0) add(PROFILED(part.name), [...profiles].sort().join(','));
  },
  context: ({ project }) => [project.variable('COMPOSE_PROFILES')?.value ?? ''],
  check(req, index, def, read) {
    const { doc, project } = req;
    if (!isMap(def.value)) return [];
    const out: Diagnostic[] = [];
    let own: ReadonlySet<string> | undefined;
    for (const { target, range, optional } of dependencies(doc, def.value)) {
      read(PROFILED(target));
      // Most dependencies run in every run: the index says so without reading their bodies.
      if (optional || index.parts(PROFILED(target)).length === 0) continue;
      const needed = profilesOf(project, target);
      if (own === undefined) {
        read(PROFILED(def.name));
        own = profilesOf(project, def.name);
      }
      const when = needed.size === 1 ? `its profile ${quoteAll([...needed])} is enabled` : `one of its profiles ${quoteAll([...needed].sort())} is enabled`;
      if (own.size === 0) {
        const enabled = (project.variable('COMPOSE_PROFILES')?.value ?? '').split(',').map((p) => p.trim());
        if (enabled.includes('*') || enabled.some((p) => needed.has(p))) continue;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, CODE,
          `"${target}" runs only when ${when}, and "${def.name}" runs in every run: Compose refuses the project in a run without it ("depends on undefined service"). Enable it (\`--profile\`, COMPOSE_PROFILES), give "${def.name}" the same profiles, or mark the dependency \`required: false\`.`));
        continue;
      }
      const lacking = [...own].filter((profile) => !needed.has(profile)).sort();
      if (lacking.length === 0) continue;
      const those = lacking.length === 1 ? 'that profile' : 'those profiles';
      out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, CODE,
        `"${target}" runs only when ${when}, and "${def.name}" runs with ${lacking.length === 1 ? 'profile' : 'profiles'} ${quoteAll(lacking)} too: Compose refuses the project in a run of ${those} alone ("depends on undefined service"). Give "${target}" ${those} too, or mark the dependency \`required: false\`.`));
    }
    return out;
  },
};

export const profileDependencies = serviceRule(profileCheck, { codes: [CODE] });

interface Dependency {
  readonly target: string;
  readonly range: Range;
  /** `required: false`: Compose drops the dependency when the service is left out. */
  readonly optional: boolean;
}

/** The services a body depends on, written or merged, where their names are written. */
function dependencies(doc: ComposeDocument, body: YAMLMap): Dependency[] {
  const found: Dependency[] = [];
  const dependsOn = keyOfMap(doc, body, 'depends_on');
  if (isSeq(dependsOn)) {
    for (const item of dependsOn.items) {
      const target = scalarText(item);
      const range = nodeRange(item);
      if (target !== undefined && range) found.push({ target, range, optional: false });
    }
  } else if (isMap(dependsOn)) {
    for (const pair of dependsOn.items) {
      const target = scalarText(pair.key);
      const range = nodeRange(pair.key);
      if (target === undefined || !range) continue;
      const required = resolve(doc, getValue(resolve(doc, pair.value), 'required'));
      found.push({ target, range, optional: isScalar(required) && castBoolean(String(required.value)) === false });
    }
  }
  return found;
}


/** The profiles of a service, all its loaded definitions together. */
function profilesOf(project: ComposeProject, service: string): ReadonlySet<string> {
  const defs = project.definitions('service', service);
  if (defs.length === 1) return isMap(defs[0]!.value) ? bodyProfiles(defs[0]!.value) : new Set();
  const all = new Set<string>();
  for (const def of defs) if (isMap(def.value)) for (const profile of bodyProfiles(def.value)) all.add(profile);
  return all;
}

function quoteAll(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
