// `container-name-conflict`: two services of a project set the same
// `container_name`. Compose loads the file, but container names are unique on
// an engine: the second container is refused at `up` ("Conflict. The
// container name ... is already in use"), so: an error. Services that never
// run together (disjoint profiles) are left alone, as for port conflicts.
// A name written with variables (`container_name: ${NAME:-web}`) is read with
// the project's environment, .env and defaults, as Compose reads it; a clash
// of two different texts that give one name is a warning, since the
// environment Compose runs in may set them apart. Two equal texts are one name
// whatever the variables give (an error, as before), and a text with a
// variable nothing sets is compared as written.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { removeEntryAt } from '../edits';
import type { Fix, QuickFix } from '../fix';
import { getPair, nodeRange, scalarText } from '../../model/nodes';
import { knownText } from '../../model/interpolation';
import { isInterpolated } from '../../spec/interpolated';
import { diagnostic, DiagnosticSeverity, fileName } from '../make';
import type { FactIndex } from '../factIndex';
import { ALWAYS_RECHECK, serviceRule, type ServiceCheck } from '../serviceChecks';
import { bodyProfiles, profiles, runTogether, servicePart, type ServicePart } from './projectServices';
import type { Rule } from './rule';

/** Keys of the facts this check reads (serviceChecks.ts): who sets a name, and every part of a service that sets one. */
const NAMED = (containerName: string) => `container-name:${containerName}`;
const PARTS_OF = (service: string) => `named-service:${service}`;

/** The name a body sets, as written. */
function writtenName(body: unknown): string | undefined {
  const text = scalarText(getPair(body, 'container_name')?.value);
  return text === undefined || text === '' ? undefined : text;
}

/**
 * The name a body's container gets: what its variables give with the project's environment, .env and defaults
 * (none when they give nothing: Compose then names the container itself); as written when one has no value (it may
 * have one when Compose runs, which `unset-variable` says): two equal texts are one name whatever it is.
 */
function nameOf(body: unknown, lookup: (name: string) => string | undefined): string | undefined {
  const written = writtenName(body);
  if (written === undefined || !isInterpolated(written)) return written;
  const name = knownText(written, lookup);
  return name === undefined ? written : name === '' ? undefined : name;
}

/** What the fixes need: the service whose name clashes, the name, and one that no service of the project sets. */
export interface ContainerNameData {
  /** `written`: the value as the file writes it (`name` with variables substituted); `free` only where it has none. */
  readonly clash?: { readonly service: string; readonly name: string; readonly written: string; readonly free?: string };
}

/** A name no part of the project sets: the clashing one with the service's name after it, numbered if that is taken too. */
function freeName(index: FactIndex, name: string, service: string, read: (key: string) => void): string | undefined {
  const base = `${name}-${service}`;
  for (let n = 1; n <= 9; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    // Read like the clash itself: should another service take this name, the finding is made again.
    read(NAMED(candidate));
    if (index.parts(NAMED(candidate)).length === 0) return candidate;
  }
  return undefined;
}

/**
 * Two ways out, both in the service the diagnostic is on: a name of its own, or none (Compose then names the
 * container after the project and the service, which is unique). Offered only while the document still holds
 * the name the check saw there.
 */
const fixClash: Fix<ContainerNameData> = ({ doc, diagnostic, data }) => {
  const clash = data.clash;
  if (!clash || typeof clash.service !== 'string' || typeof clash.name !== 'string' || typeof clash.written !== 'string') return [];
  const body = doc.yaml.getIn(['services', clash.service], true);
  const pair = isMap(body) ? getPair(body, 'container_name') : undefined;
  const value = nodeRange(pair?.value);
  const key = nodeRange(pair?.key);
  if (!value || !key || writtenName(body) !== clash.written) return [];
  const at = doc.text.offsetAt(diagnostic.range.start);
  if (at !== value[0]) return [];
  const fixes: QuickFix[] = [];
  if (typeof clash.free === 'string') {
    const range = { start: doc.text.positionAt(value[0]), end: doc.text.positionAt(value[1]) };
    // Written as the name was: quoted stays quoted.
    const quote = doc.text.getText({ start: range.start, end: { line: range.start.line, character: range.start.character + 1 } });
    const newText = quote === '"' ? JSON.stringify(clash.free) : quote === "'" ? `'${clash.free.replace(/'/g, "''")}'` : clash.free;
    fixes.push({ title: `Name this container "${clash.free}"`, edits: [{ range, newText }], preferred: true });
  }
  const remove = removeEntryAt(doc, key[0]);
  if (remove) fixes.push({ title: `Remove container_name from "${clash.service}" (Compose names its container after the project and the service)`, edits: [remove] });
  return fixes;
};

/** The name a service's container gets: the one its last part that sets one sets (an override may rename it). */
function effectiveName(index: FactIndex, service: string, lookup: (name: string) => string | undefined): string | undefined {
  let name: string | undefined;
  for (const part of index.parts(PARTS_OF(service))) name = nameOf(part.body, lookup) ?? name;
  return name;
}

const containerNameCheck: ServiceCheck = {
  id: 'container-name-conflict',
  // Names written with variables are read with the project's: when they change, so may the facts.
  context: (req) => [req.project.variablesKey],
  factsReadContext: true,
  facts(part, add, _model, detail, project) {
    const name = nameOf(part.body, project.lookup);
    if (name === undefined) return;
    // The values only tell an edit what changed: who sets the name, and with which profiles.
    const value = detail ? JSON.stringify([part.name, [...bodyProfiles(part.body)].sort()]) : '';
    add(NAMED(name), value);
    add(PARTS_OF(part.name), value);
  },
  check(req, index, def, read) {
    const { doc, project } = req;
    const body = servicePart(def, doc)?.body;
    if (!body || !project.files.some((f) => f.uri === doc.uri && f.role !== 'extends')) return [];
    // Also a name a `<<` merge brings, shown at the merge.
    const own = getPair(body, 'container_name');
    const name = nameOf(body, project.lookup);
    const written = writtenName(body);
    const range = nodeRange(own?.value);
    if (name === undefined || written === undefined || !range) return [];
    read(PARTS_OF(def.name));
    read(NAMED(name));
    // Renamed by a later file of the project: this name is not the one its container gets.
    if (effectiveName(index, def.name, project.lookup) !== name) return [];
    const mine = profiles(index.parts(PARTS_OF(def.name)));
    const others = new Map<string, ServicePart>();
    for (const part of index.parts(NAMED(name))) if (part.name !== def.name && !others.has(part.name)) others.set(part.name, part);
    const out: Diagnostic[] = [];
    for (const [service, part] of others) {
      read(PARTS_OF(service));
      if (effectiveName(index, service, project.lookup) !== name || !runTogether(mine, profiles(index.parts(PARTS_OF(service))))) continue;
      // The other service's container_name is a related place: found again on every run, where it is now.
      read(ALWAYS_RECHECK);
      const elsewhere = part.doc.uri === doc.uri ? '' : ` (in ${fileName(part.doc.uri)})`;
      const theirs = nodeRange(getPair(part.body, 'container_name')?.value) ?? part.def.range;
      const theirWritten = writtenName(part.body) ?? name;
      // Two texts that give one name through variables: the environment Compose runs in may set them apart, so a
      // warning that says what gives the name. Equal texts are one name whatever they give.
      const viaVariables = written !== theirWritten && (isInterpolated(written) || isInterpolated(theirWritten));
      const given = [written, theirWritten].filter((text) => isInterpolated(text));
      const via = viaVariables ? ` (${[...new Set(given)].join(' and ')} ${given.length === 1 ? 'gives' : 'give'} "${name}" with this project's .env and defaults, which the environment Compose runs in may override)` : '';
      out.push(diagnostic<ContainerNameData>(doc, range, viaVariables ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'container-name-conflict',
        `Service "${service}"${elsewhere} sets the same container_name "${name}"${via}: container names are unique on the engine, so the second container is refused at up ("The container name is already in use"). Give each service its own name, or remove container_name and let Compose name them.`,
        {
          related: [{ doc: part.doc, range: theirs, message: `Service "${service}" sets container_name "${theirWritten}" here` }],
          // A name written with variables is not replaced by a literal one: only its removal is offered.
          data: { clash: { service: def.name, name, written, ...(isInterpolated(written) ? {} : { free: freeName(index, name, def.name, read) }) } },
        }));
      break;
    }
    return out;
  },
};

export const containerNameConflicts: Rule<ContainerNameData> = serviceRule(containerNameCheck, { codes: ['container-name-conflict'], fix: fixClash });
