/** Top-level `volumes`: named volumes, storage that Docker manages and keeps between runs. */
import { driverOptions, external, key, labelList, suggest, text } from './common';
import { NAME_PATTERN } from './service-network';
import type { KeySpec } from './types';

const volumeExample = `volumes:
  dbdata:
  backups:
    driver: local`;

export const volumeDefinition: KeySpec = key(
  ['mapping', 'null'],
  'A named volume: storage Docker creates as `PROJECT_KEY` (`myapp_dbdata`) and keeps when containers are removed (until `docker compose down -v`). Leave it empty for the defaults.',
  volumeExample,
  {
    extensions: true,
    // Compose refuses the old `external.name` next to `name`, and `driver`, `driver_opts` and `labels` on a
    // volume with `external: true` (not with `external: false`; networks, secrets and configs allow them).
    exclusive: [['name', 'external.name'], ['external=true', 'driver'], ['external=true', 'driver_opts'], ['external=true', 'labels']],
    properties: {
      name: text('The volume\'s real name in Docker, used as is, instead of the project-prefixed key.', `volumes:
  dbdata:
    name: prod-db-data`),
      driver: suggest(['local'], 'The volume driver: `local` (default) stores it on the host; plugins store it elsewhere (NFS, cloud disks).', `volumes:
  dbdata:
    driver: local`, { typoWarned: 'a volume driver the engine ships' }),
      driver_opts: driverOptions('Options for the volume driver; with `local`, e.g. `type`, `o` and `device` to mount NFS or a host folder.', `volumes:
  nfsdata:
    driver_opts:
      type: nfs
      o: addr=10.0.0.1,rw
      device: ":/exports/data"`),
      external: external('volume', `volumes:
  dbdata:
    external: true
    name: legacy_dbdata`),
      labels: labelList('Labels put on the volume.', `volumes:
  dbdata:
    labels:
      com.example.backup: daily`),
    },
  },
);

export const volumesMap: KeySpec = key(
  ['mapping'],
  'Named volumes services can mount by name. Docker manages where the data lives; it survives `docker compose down` unless you add `-v`.',
  volumeExample,
  { additional: volumeDefinition, keyPattern: NAME_PATTERN },
);
