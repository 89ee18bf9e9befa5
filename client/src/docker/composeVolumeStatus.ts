// What the engine knows about each named volume of a compose file, as the
// CodeLens and the missing-external-volume warning show it. Pure: the
// server's projectInfo volumes and the engine's volume list in, lines out.
import type { ProjectResourceInfo } from '../../../common/src/protocol';
import { formatBytes } from './stats';
import type { VolumeInfo } from './volumes';

export const MISSING_EXTERNAL_CODE = 'external-volume-missing';

export interface VolumeStatus {
  key: string;
  fullName: string;
  external: boolean;
  range?: ProjectResourceInfo['range'];
  exists: boolean;
  /** The CodeLens text. */
  title: string;
  /** Set for an external volume the engine lacks: Compose Up would fail. */
  warning?: string;
}

/** `volumes` name each volume as Docker will: the server applies the project name Compose commands run under (`dockhand.compose.projectName`). */
export function volumeStatuses(volumes: ProjectResourceInfo[], engine: Map<string, VolumeInfo>): VolumeStatus[] {
  return volumes.map((v) => {
    const fullName = v.fullName;
    const found = engine.get(fullName);
    const base = { key: v.name, fullName, external: v.external, range: v.range, exists: Boolean(found) };
    if (found) {
      const parts = [`$(database) ${fullName} exists`];
      if (found.size !== undefined) parts.push(formatBytes(found.size));
      const users = [...new Set(found.users.map((u) => u.service ?? u.containerName))];
      parts.push(users.length ? `used by ${users.join(', ')}` : 'not in use');
      return { ...base, title: parts.join(' · ') };
    }
    if (v.external) {
      return {
        ...base,
        title: `$(warning) external volume ${fullName} does not exist`,
        warning: `The external volume "${fullName}" does not exist on the Docker engine, so Compose Up will fail. Create it (quick fix), or remove \`external: true\` to let Compose create it.`,
      };
    }
    // The server's invalid-format error says why; the lens must not promise what `up` cannot do.
    if (v.refused) return { ...base, title: `$(error) ${fullName} cannot be created: the engine refuses this name` };
    return { ...base, title: `$(circle-outline) ${fullName} not created yet (Compose Up creates it)` };
  });
}
