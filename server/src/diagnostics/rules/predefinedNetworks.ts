// `predefined-network`: a service that joins, through `networks`, one of the
// engine's own networks (`host`, `none`, the default `bridge`), declared as
// an external network of that name (as the Compose specification's own example
// does for `host`). Compose gives a service an alias on every network it joins,
// its name, and the engine refuses aliases outside the networks users made:
// `up` fails ("network-scoped alias is supported only for containers in user
// defined networks"; Compose 2.26.1 with Docker Engine 20.10 here,
// test/docker/engine-verdicts.test.ts). A warning, since another Compose or
// engine may leave the alias out. What is meant is `network_mode`.
import type { Diagnostic } from 'vscode-languageserver';
import { resourceNames } from '../../model/resourceNames';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

/** The engine's own networks, by name, and what a service sets to use each. */
const PREDEFINED: Readonly<Record<string, string>> = {
  host: 'set `network_mode: host` on the service instead (and leave `networks` out)',
  none: 'set `network_mode: none` on the service instead (and leave `networks` out)',
  bridge: 'leave it out to join the project\'s own network, or set `network_mode: bridge` on the service',
};

export const predefinedNetworks: Rule = {
  codes: ['predefined-network'],
  run({ doc, file, project }) {
    // The networks of the project that are the engine's own: almost always none, and then no reference is read.
    const predefined = new Map<string, string>();
    for (const name of project.names('network')) {
      for (const def of project.definitions('network', name)) {
        const { external, name: written } = resourceNames(def);
        const docker = external ? (written ?? def.name) : undefined;
        if (docker !== undefined && Object.hasOwn(PREDEFINED, docker)) predefined.set(name, docker);
      }
    }
    if (predefined.size === 0) return [];
    const out: Diagnostic[] = [];
    for (const ref of file.references) {
      const docker = ref.kind === 'network' && ref.via === 'networks' ? predefined.get(ref.name) : undefined;
      if (docker === undefined) continue;
      out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Warning, 'predefined-network',
        `Service "${ref.fromService}" joins "${ref.name}", the engine's own ${docker} network: Compose gives a service an alias on each network it joins, and the engine refuses one outside the networks users made ("network-scoped alias is supported only for containers in user defined networks", with Compose 2.26 and Docker Engine 20.10). To use it, ${PREDEFINED[docker]}.`));
    }
    return out;
  },
};
