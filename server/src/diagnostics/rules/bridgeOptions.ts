// `invalid-value`: a `driver_opts` value of a network the engine's `bridge`
// driver refuses when `up` creates the network. Compose passes the options on
// without reading them, so the file loads and `up` fails ("failed to parse
// com.docker.network.bridge.enable_icc", "invalid argument" for a bridge
// name Linux refuses; measured on the engine here,
// test/docker/engine-verdicts.test.ts). Only for a network Compose makes
// with the bridge driver (written, or none written: the engine's default),
// and only when a service joins it, since Compose makes no other; an
// external network is looked up, not made. Other drivers' options are theirs.
// A warning for a bridge named as the engine's own (`docker0`, Swarm's
// `docker_gwbridge`): `up` takes it over and `down` deletes it, after which
// no container on the default network starts until the engine restarts
// (measured: "failed to create endpoint ... network ... does not exist");
// a warning, since a daemon may name its bridges otherwise.
import { isMap, isScalar } from 'yaml';
import { isIP } from 'node:net';
import type { Diagnostic } from 'vscode-languageserver';
import { perDefinition } from '../../model/definitionMemo';
import { composeText } from '../../model/composeScalars';
import { getValue, nodeRange, scalarText } from '../../model/nodes';
import { mergedDriver, resourceNames } from '../../model/resourceNames';
import { keyText } from '../../model/locate';
import { interfaceNameProblem, isGoBool } from '../../spec/engineValues';
import { isInterpolated } from '../../spec/interpolated';
import type { BridgeDriverOption } from '../../spec/networks';
import { diagnostic, DiagnosticSeverity, quoted } from '../make';
import { networkJoined } from './projectServices';
import type { Rule } from './rule';

const onOff = (text: string) => (isGoBool(text) ? undefined : 'is not true or false (the engine reads 1, t, true, 0, f or false, any of them in capitals, and not yes or no)');

/** The bridges the engine makes for itself, by their default names. */
const ENGINE_BRIDGES = new Set(['docker0', 'docker_gwbridge']);
const TAKEN_BRIDGE = 'is a bridge the engine makes for itself: `up` takes it over and `down` deletes it, and no container on the default network starts again until the engine restarts. Name one of this network\'s own, like br-';

/** The options the bridge driver reads, each with why it refuses a value (or, for a bridge name, why it should not be used). */
const BRIDGE_OPTIONS: Readonly<Partial<Record<BridgeDriverOption, (text: string) => string | undefined>>> = {
  'com.docker.network.bridge.name': (text) => (text === '' ? undefined : ENGINE_BRIDGES.has(text) ? TAKEN_BRIDGE : interfaceNameProblem(text)),
  'com.docker.network.bridge.enable_icc': onOff,
  'com.docker.network.bridge.enable_ip_masquerade': onOff,
  'com.docker.network.bridge.inhibit_ipv4': onOff,
  'com.docker.network.bridge.host_binding_ipv4': (text) => (isIP(text) ? undefined : 'is not an IP address'),
  // A space after the digits passes, one before them does not (measured).
  'com.docker.network.driver.mtu': (text) => (/^[+-]?\d+\s*$/.test(text) ? undefined : 'is not a whole number'),
};

/** The text Compose passes the driver for a value: a plain number or boolean as Go prints what it read. */
function passedText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (node.type === 'PLAIN' && typeof node.source === 'string') return composeText(node.source) ?? node.source;
  return scalarText(node);
}

interface OptionProblem {
  readonly node: unknown;
  readonly message: string;
  /** A name the engine takes but should not be given (the engine's own bridge): a warning. */
  readonly hazard: boolean;
}

/** The bridge options a network definition writes that the driver refuses, whatever its driver. */
const optionProblems = perDefinition((body: unknown): readonly OptionProblem[] => {
  const options = getValue(body, 'driver_opts');
  if (!isMap(options)) return [];
  const out: OptionProblem[] = [];
  for (const pair of options.items) {
    const name = keyText(pair.key);
    const problem = Object.hasOwn(BRIDGE_OPTIONS, name) ? BRIDGE_OPTIONS[name as BridgeDriverOption] : undefined;
    const text = problem ? passedText(pair.value) : undefined;
    if (text === undefined || isInterpolated(text)) continue;
    const why = problem!(text);
    if (why) out.push({ node: pair.value, message: `${quoted(text)} for ${name} ${why}`, hazard: why === TAKEN_BRIDGE });
  }
  return out;
});

export const bridgeOptions: Rule = {
  codes: ['invalid-value'],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      if (def.kind !== 'network') continue;
      const problems = optionProblems(def);
      if (problems.length === 0) continue;
      const all = project.definitions('network', def.name);
      if (all.some((d) => resourceNames(d).external)) continue;
      const driver = mergedDriver(all);
      if ((driver !== undefined && driver !== 'bridge') || !networkJoined(project, def.name)) continue;
      for (const { node, message, hazard } of problems) {
        const range = nodeRange(node);
        if (!range) continue;
        out.push(hazard
          ? diagnostic(doc, range, DiagnosticSeverity.Warning, 'invalid-value', `${message}${def.name}.`)
          : diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-value', `${message}, so the bridge driver refuses network "${def.name}" when \`up\` creates it.`));
      }
    }
    return out;
  },
};
