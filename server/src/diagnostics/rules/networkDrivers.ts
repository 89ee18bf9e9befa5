// `invalid-value`: a network Compose creates with the `host` or `none`
// driver. The engine has one network of each, made when it starts, and makes
// no other: `up` fails to create it ("only one instance of "host" network is
// allowed"; for `none`, "plugin "none" not found"; measured on the engine
// here, test/docker/engine-verdicts.test.ts). What is meant is a service's
// `network_mode: host` (or `none`). Compose creates only the networks a
// service joins, so one no service joins is left alone; an external network
// is looked up, not made, so its driver is not read.
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { perDefinition } from '../../model/definitionMemo';
import { getValue, isExternalValue, nodeRange, scalarText } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { networkJoined } from './projectServices';
import type { Rule } from './rule';

/** The engine's words when `up` asks it to make a network with one of these drivers. */
const ONLY_ONE: Readonly<Record<string, string>> = {
  host: 'only one instance of "host" network is allowed',
  none: 'plugin "none" not found',
};

/** What a service sets instead, by driver. */
const INSTEAD: Readonly<Record<string, string>> = {
  host: 'To run a service on the host\'s network, set `network_mode: host` on the service',
  none: 'To run a service with no network, set `network_mode: none` on the service',
};

/** A network definition's `host` or `none` driver node, when Compose would make the network with it (not external). */
const onlyOneDriver = perDefinition((body: unknown): { readonly word: string; readonly node: unknown } | undefined => {
  if (!isMap(body)) return undefined;
  if (isExternalValue(getValue(body, 'external'))) return undefined;
  const node = getValue(body, 'driver');
  const word = scalarText(node);
  return word !== undefined && Object.hasOwn(ONLY_ONE, word) ? { word, node } : undefined;
});

export const networkDrivers: Rule = {
  codes: ['invalid-value'],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      if (def.kind !== 'network') continue;
      const found = onlyOneDriver(def);
      if (!found || !networkJoined(project, def.name)) continue;
      const range = nodeRange(found.node);
      if (!range) continue;
      out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-value',
        `Network "${def.name}" cannot be made with the ${found.word} driver: the engine has its one ${found.word} network and refuses another when \`up\` creates it ("${ONLY_ONE[found.word]}"). ${INSTEAD[found.word]} (and leave \`networks\` out).`));
    }
    return out;
  },
};
