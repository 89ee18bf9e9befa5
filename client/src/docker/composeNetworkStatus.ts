// The `external: true` networks of a compose file that the engine lacks, as the
// missing-external-network warning shows them: `docker compose up` refuses the
// project ("network NAME declared as external, but could not be found"; measured
// on Compose 2.26.1). Pure: the server's projectInfo networks and the engine's
// network names in, warnings out.
import type { ProjectResourceInfo } from '../../../common/src/protocol';

export const MISSING_EXTERNAL_NETWORK_CODE = 'external-network-missing';

export interface MissingNetwork {
  readonly fullName: string;
  readonly range: NonNullable<ProjectResourceInfo['range']>;
  readonly warning: string;
}

/** The external networks this file defines (they have a range) that no engine network is named. */
export function missingExternalNetworks(networks: readonly ProjectResourceInfo[], engineNames: ReadonlySet<string>): MissingNetwork[] {
  const out: MissingNetwork[] = [];
  for (const n of networks) {
    if (!n.external || !n.range || engineNames.has(n.fullName)) continue;
    out.push({
      fullName: n.fullName,
      range: n.range,
      warning: `The external network "${n.fullName}" does not exist on the Docker engine, so Compose Up will fail ("network ${n.fullName} declared as external, but could not be found"). Create it (quick fix), or remove \`external: true\` to let Compose create it.`,
    });
  }
  return out;
}
