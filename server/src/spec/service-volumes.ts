/** A service's `volumes` (short and long syntax), `volumes_from` and `tmpfs`. */
import { flag, key, labelList, mapping, numberOnly, oneOf, stringList, stringOrList, suggest, text } from './common';
import type { KeySpec } from './types';

const volumesExample = `volumes:
  - dbdata:/var/lib/postgresql/data   # named volume
  - ./config:/etc/app:ro              # bind mount, read-only`;

const bindOptions = mapping(
  'Settings that only apply when `type: bind`, i.e. a host folder or file is mounted.',
  `volumes:
  - type: bind
    source: ./src
    target: /app/src
    bind:
      create_host_path: true`,
  {
    propagation: oneOf(
      ['shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate'],
      'Whether mounts made later inside this folder (on the host or in the container) show up on the other side. `rprivate`, the default, keeps them apart.',
      `bind:
  propagation: rshared`,
      // Empty, the engine mounts with its default (measured with `up`).
      { emptyIsNone: true },
    ),
    create_host_path: flag(
      'Creates the host folder when it does not exist, instead of failing. The short syntax always does this.',
      `bind:
  create_host_path: true`,
    ),
    recursive: oneOf(
      ['enabled', 'disabled', 'writable', 'readonly'],
      'How mounts nested under the source folder are carried into the container: `enabled` (default) includes them, `disabled` leaves them out, `readonly` forces them read-only too, `writable` keeps them writable under a read-only mount.',
      `bind:
  recursive: readonly`,
    ),
    selinux: oneOf(
      ['z', 'Z'],
      'Relabels the host folder for SELinux: `z` lets several containers share it, `Z` makes it private to this container. Only matters on SELinux hosts.',
      `bind:
  selinux: z`,
    ),
  },
);

const volumeOptions = mapping(
  'Settings that only apply when `type: volume`, i.e. a named volume managed by Docker.',
  `volumes:
  - type: volume
    source: dbdata
    target: /data
    volume:
      nocopy: true`,
  {
    labels: labelList(
      'Labels put on the volume if mounting this service creates it.',
      `volume:
  labels:
    com.example.role: cache`,
    ),
    nocopy: flag(
      'Leaves a new, empty volume empty: by default Docker first copies in whatever the image holds at the target path.',
      `volume:
  nocopy: true`,
    ),
    subpath: text(
      'Mounts only this folder inside the volume, rather than the whole volume.',
      `volume:
  subpath: app1`,
    ),
  },
);

const tmpfsOptions = mapping(
  'Settings that only apply when `type: tmpfs`, a filesystem held in memory and lost when the container stops.',
  `volumes:
  - type: tmpfs
    target: /tmp
    tmpfs:
      size: 64m`,
  {
    size: key(['integer', 'string'], 'Caps how much memory the tmpfs may use: bytes, or a size such as `64m`.', `tmpfs:
  size: 64m`, { format: 'bytes' }),
    // Compose 2.26.1 decodes it as a number and refuses a string, even one a variable gives ("expected type
    // 'uint32', got unconvertible type 'string'"), which the schema allows.
    mode: numberOnly('The permission bits of the tmpfs root, in octal (`1777` for a shared /tmp).', `tmpfs:
  mode: 1777`),
  },
);

const imageOptions = mapping(
  'Settings that only apply when `type: image`, where the files of another image are mounted read-only.',
  `volumes:
  - type: image
    source: myorg/assets:1.2
    target: /assets
    image:
      subpath: static`,
  {
    subpath: text('Mounts only this folder of the image, rather than its whole filesystem.', `image:
  subpath: static`),
  },
);

const longVolume: Record<string, KeySpec> = {
  type: oneOf(
    ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'],
    'What is mounted: `volume` a named volume Docker manages, `bind` a host path, `tmpfs` memory, `image` another image\'s files, `npipe` a Windows named pipe, `cluster` a Swarm cluster volume.',
    `volumes:
  - type: bind
    source: ./data
    target: /data`,
  ),
  source: text(
    'What to mount: the name of a volume from the top-level `volumes` (for `type: volume`), a host path (for `bind`, relative to the Compose file), or an image (for `image`). Not used with `tmpfs`.',
    `volumes:
  - type: volume
    source: dbdata
    target: /var/lib/postgresql/data`,
    // Only a named volume's source is a name; the model tells it apart from a path by `type`.
    { refersTo: 'volume' },
  ),
  target: text(
    'The absolute path inside the container where the mount appears.',
    `volumes:
  - type: volume
    source: dbdata
    target: /data`,
  ),
  read_only: flag(
    'Mounts it read-only: the container can read the files but not change them.',
    `volumes:
  - type: bind
    source: ./config
    target: /etc/app
    read_only: true`,
  ),
  consistency: suggest(
    ['consistent', 'cached', 'delegated'],
    'How strictly host and container views of a bind mount are kept in step; only Docker Desktop on macOS ever used it.',
    `volumes:
  - type: bind
    source: .
    target: /app
    consistency: cached`,
  ),
  bind: bindOptions,
  volume: volumeOptions,
  tmpfs: tmpfsOptions,
  image: imageOptions,
};

export const serviceVolumes: KeySpec = key(
  ['list'],
  'Mounts storage into the container: named volumes that Docker keeps between runs, host folders (bind mounts), or memory (tmpfs). Short syntax `SOURCE:TARGET[:MODE]`; a SOURCE starting with `/`, `.` or `~` is a host path, otherwise it names a volume from the top-level `volumes`.',
  volumesExample,
  {
    uniqueItems: true,
    items: key(
      ['string', 'mapping'],
      'One mount: `[SOURCE:]TARGET[:MODE]` (MODE: `ro`, `rw`, `z`, `Z`, `nocopy`...), or the long form with `type`, `source`, `target`.',
      volumesExample,
      // The short form's source names a volume unless it is a path: `nameInScalar()` decides.
      {
        format: 'volume-short',
        refersTo: 'volume',
        properties: longVolume,
        // The schema only requires `type`; Docker also refuses a mount without a `target`.
        required: ['type', 'target'],
        // Compose refuses a bind mount without a source ("field Source must not be empty").
        requiredWhen: [{ key: 'type', value: 'bind', keys: ['source'] }],
        // Compose loads a tmpfs mount with a source; the engine refuses it at `up` (measured).
        refusedWhen: [{ key: 'type', value: 'tmpfs', keys: ['source'], said: 'invalid mount config for type "tmpfs": field Source must not be specified' }],
        // Compose passes each set of options on only for its own type (a `bind:` block on `type: volume` does nothing).
        onlyWhen: [
          { key: 'type', value: 'bind', keys: ['bind'] },
          { key: 'type', value: 'volume', keys: ['volume'] },
          { key: 'type', value: 'tmpfs', keys: ['tmpfs'] },
          { key: 'type', value: 'image', keys: ['image'] },
        ],
        extensions: true,
        snippet: '${1:./data}:${2:/data}',
      },
    ),
  },
);

export const volumesFrom: KeySpec = stringList(
  'Mounts every volume of another service (or, with `container:NAME`, of a container) at the same paths. Add `:ro` to mount them read-only.',
  `volumes_from:
  - db
  - container:backup:ro`,
  { refersTo: 'service', pattern: '^(container:[^:]+|[^:]+)(:(ro|rw))?$' },
  { uniqueItems: 'refused' },
);

export const tmpfs: KeySpec = stringOrList(
  'Mounts an empty in-memory filesystem at each path; its content is gone when the container stops. Options may follow the path: `/run:size=64m,mode=1777`.',
  `tmpfs:
  - /tmp
  - /run:size=64m`,
  { format: 'tmpfs-mount' },
  { format: 'tmpfs-mount' },
);
