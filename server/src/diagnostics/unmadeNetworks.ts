// What the engine refuses only when `up` creates a network, written in a
// network no service joins. Compose creates only the networks its services
// join (default included), so such a network's address settings are never
// handed to the engine: a subnet that is none, a gateway outside its subnet,
// and the project starts (measured with Compose 2.26.1 and the engine here,
// test/docker/engine-verdicts.test.ts). Still wrong, and wrong the day a
// service joins: a warning that says why, an error again once one does.
// The rules across blocks that read networks (driver, driver options,
// overlapping subnets) ask `networkJoined` themselves; the `ipam` checks run
// in the spec walk, block by block, where who joins is not known, so their
// findings are judged here, once the project is.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { ComposeProject } from '../model/project';
import { getPair, nodeRange } from '../model/nodes';
import { networkJoined } from './rules/projectServices';
import { DiagnosticSeverity, messageText } from './make';

/** The codes of the `ipam` checks whose verdict is the engine's, when it creates the network (the spec's formats, `outside-subnet`). */
const REFUSED_AT_CREATE = new Set(['invalid-format', 'outside-subnet']);

/**
 * `found` with each error of an `ipam` check inside a network no service joins made a warning that says so.
 * The list is returned as it is (not copied) when nothing changes, the common case.
 */
export function withUnmadeNetworks(found: Diagnostic[], doc: ComposeDocument, file: FileModel, project: ComposeProject): Diagnostic[] {
  if (!found.some(isCandidate)) return found;
  const unmade: { readonly network: string; readonly start: number; readonly end: number }[] = [];
  for (const def of file.definitions) {
    if (def.kind !== 'network' || !isMap(def.value)) continue;
    const ipam = getPair(def.value, 'ipam');
    const range = nodeRange(ipam?.value);
    if (!range || networkJoined(project, def.name)) continue;
    unmade.push({ network: def.name, start: range[0], end: range[1] });
  }
  if (unmade.length === 0) return found;
  return found.map((d) => {
    if (!isCandidate(d)) return d;
    const start = doc.text.offsetAt(d.range.start);
    const end = doc.text.offsetAt(d.range.end);
    const within = unmade.find((n) => n.start <= start && end <= n.end);
    if (!within) return d;
    const why = `No service joins network "${within.network}", so \`up\` does not create it and the project starts; the engine refuses it once a service joins.`;
    const said = messageText(d.message);
    return { ...d, severity: DiagnosticSeverity.Warning, message: `${said}${/[.!?]$/.test(said) ? '' : '.'} ${why}` };
  });
}

function isCandidate(d: Diagnostic): boolean {
  return d.severity === DiagnosticSeverity.Error && REFUSED_AT_CREATE.has(String(d.code));
}
