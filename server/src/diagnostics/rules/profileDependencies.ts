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
//
// Quick fix: mark the dependency `required: false`, the one remedy that
// changes nothing but this dependency (enabling a profile is the run's
// choice; giving the service profiles changes when it runs). A dependency
// in the short list form takes the whole list to the long form first, each
// entry with the condition the short form means (`service_started`).
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { castBoolean } from '../../model/composeScalars';
import { locate } from '../../model/locate';
import { getPair, getValue, nodeRange, scalarText, type Range } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { endOfLine, indentUnit, replaceRange, setInMapping } from '../edits';
import { diagnostic, DiagnosticSeverity } from '../make';
import { serviceRule, type ServiceCheck } from '../serviceChecks';
import { keyOfMap, resolve } from '../specWalk';
import { bodyProfiles, profiles, serviceParts } from './projectServices';

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

export const profileDependencies = serviceRule(profileCheck, {
  codes: [CODE],
  fix({ doc, diagnostic }) {
    const fix = notRequired(doc, doc.text.offsetAt(diagnostic.range.start));
    return fix ? [{ title: `Make the dependency on "${fix.target}" optional (required: false): Compose then starts without it`, edits: [fix.edit] }] : [];
  },
});

/** What the short form `- db` means, written out. */
const SHORT_FORM_CONDITION = 'service_started';

/** Names the long form can take as keys as they are. */
const PLAIN_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * `required: false` for the dependency on `target` written at `at`, in a service's own `depends_on` (one a
 * `<<` merge brings is shared with other services: no fix there). Undefined where the text is not what the
 * rule saw, or where rewriting it could lose something (a comment inside a short list, an item that is no name).
 */
function notRequired(doc: ComposeDocument, at: number): { target: string; edit: TextEdit } | undefined {
  const context = locate(doc, at);
  const [section, , key] = context.path;
  const target = scalarText(context.scalar);
  if (section !== 'services' || key !== 'depends_on' || context.path.length !== 4 || target === undefined) return undefined;
  const source = doc.text.getText();
  const made = (change: TextEdit | undefined) => (change ? { target, edit: change } : undefined);
  if (context.seq) {
    const holder = nodeRange(getPair(getValue(getValue(doc.yaml.contents, 'services'), String(context.path[1])), 'depends_on')?.key);
    return holder ? made(longForm(doc, context.seq, target, doc.text.positionAt(holder[0]).character, source)) : undefined;
  }
  const body = context.pair?.value;
  if (!context.onKey || context.pair?.key !== context.scalar || !isMap(body)) return undefined;
  return made(setInMapping(doc, body, 'required', 'false'));
}

/** The short list as the long form, `required: false` on `target`; `keyColumn` is where `depends_on` is written. */
function longForm(doc: ComposeDocument, seq: YAMLSeq, target: string, keyColumn: number, source: string): TextEdit | undefined {
  const edit = (start: number, end: number, newText: string) => replaceRange(doc, start, end, newText);
  const names = seq.items.map((item) => (isScalar(item) ? scalarText(item) : undefined));
  // A name listed twice would be a key written twice, which Compose refuses.
  if (!names.includes(target) || new Set(names).size < names.length || names.some((name) => name === undefined || !PLAIN_NAME.test(name))) return undefined;
  const range = nodeRange(seq);
  if (!range) return undefined;
  const entry = (name: string, open: string, join: string, close: string) => `${name}:${open}condition: ${SHORT_FORM_CONDITION}${name === target ? `${join}required: false` : ''}${close}`;
  if (seq.flow) return edit(range[0], range[1], `{${names.map((name) => entry(name!, ' {', ', ', '}')).join(', ')}}`);
  // The block list's lines, from its first dash to the end of its last item, with nothing else on them.
  const first = nodeRange(seq.items[0]);
  const last = nodeRange(seq.items[seq.items.length - 1]);
  if (!first || !last) return undefined;
  const lineStart = source.lastIndexOf('\n', first[0] - 1) + 1;
  const dash = /^([ \t]*)-[ \t]+$/.exec(source.slice(lineStart, first[0]));
  const end = endOfLine(source, last[1]);
  if (!dash || source.slice(lineStart, end).includes('#')) return undefined;
  const step = indentUnit(doc);
  // A list may sit at its key's own column (`depends_on:` then `- db` under its `d`); a mapping must go deeper.
  const column = dash[1]!.length > keyColumn ? dash[1]! : ' '.repeat(keyColumn + step.length);
  const nested = `\n${column}${step}`;
  return edit(lineStart, end, names.map((name) => `${column}${entry(name!, nested, nested, '')}`).join('\n'));
}

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


/** The profiles of a service, all its loaded definitions together, with those a `<<` merge brings. */
function profilesOf(project: ComposeProject, service: string): ReadonlySet<string> {
  return profiles(serviceParts(project, service));
}

function quoteAll(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
