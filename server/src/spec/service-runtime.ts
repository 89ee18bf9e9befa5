/**
 * What the container may use and how it is confined: CPU, memory, block IO,
 * ulimits, devices and GPUs, capabilities, namespaces.
 */
import { byteSize, cutToWhole, flag, key, listOrDict, mapping, numeric, oneOf, stringList, suggest, text, whole } from './common';
import type { KeySpec } from './types';


/** The limits the runtime (runc) sets, by the name Compose passes on; it takes them in any case (`NOFILE`). */
export const ULIMIT_NAMES: readonly string[] = ['as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack'];

/**
 * `ulimits`, a service's or (without `takesText`) a build's: Compose 2.26.1 reads a service's limit from text
 * too, but decodes a build's as numbers only (a string is refused, "invalid type string", and a string `soft`
 * or `hard` stops it with a panic), which the schema allows.
 */
function ulimitsSpec(takesText: boolean): KeySpec {
  const number: readonly ('integer' | 'string')[] = takesText ? ['integer', 'string'] : ['integer'];
  const limitValue = (doc: string, example: string) => key(number, doc, example, { format: 'ulimit', textRefused: !takesText });
  return key(
    ['mapping'],
    'Raises or lowers per-process limits in the container, such as open files (`nofile`) or processes (`nproc`). A number sets both the soft and hard limit.',
    `ulimits:
  nproc: 65535
  nofile:
    soft: 20000
    hard: 40000`,
    {
      // Any name loads (the schema's `^[a-z]+$` is not exclusive: `NOFILE` loads too); the runtime's names are
      // judged by the `unknown-ulimit` rule (diagnostics/rules/resourceLimits.ts).
      suggestedKeys: ULIMIT_NAMES,
      additional: key(
        [...number, 'mapping'],
        'One limit: a number for both soft and hard limit, or `soft` and `hard` separately.',
        `ulimits:
  nofile:
    soft: 20000
    hard: 40000`,
        {
          format: 'ulimit',
          textRefused: !takesText,
          extensions: true,
          required: ['soft', 'hard'],
          properties: {
            soft: limitValue('The limit processes get; they may raise it themselves up to the hard limit.', `nofile:
  soft: 20000
  hard: 40000`),
            hard: limitValue('The ceiling: processes cannot raise their limit above it.', `nofile:
  soft: 20000
  hard: 40000`),
          },
        },
      ),
    },
  );
}

export const ulimits: KeySpec = ulimitsSpec(true);
export const buildUlimits: KeySpec = ulimitsSpec(false);

/** One device request: for `gpus` and `deploy.resources.reservations.devices`. */
export function deviceRequest(doc: string, example: string, extra: Partial<KeySpec> = {}): KeySpec {
  return mapping(doc, example, {
    capabilities: stringList(
      'What the device must be able to do, e.g. `gpu`, or for NVIDIA `compute`, `utility`, `video`. A device must offer all of them.',
      `capabilities: [gpu]`,
      { values: ['gpu', 'compute', 'utility', 'graphics', 'video', 'display', 'tpu'], openValues: true },
    ),
    count: key(['string', 'integer'], 'How many such devices to give the container; `all` for every one. Cannot be combined with `device_ids`.', `count: 1`, {
      values: ['all'],
      openValues: true,
      // Compose refuses any other word ("the only value allowed is 'all' or a number"); a number it reads with Go's parser, which takes a `+`.
      pattern: '^(all|\\+?[0-9]+)$',
    }),
    device_ids: stringList('The ids of the exact devices to give (as `nvidia-smi` lists them). Cannot be combined with `count`.', `device_ids: ["0", "3"]`),
    driver: suggest(['nvidia'], 'The driver that provides the devices, e.g. `nvidia`.', `driver: nvidia`),
    options: listOrDict('Options for the device driver.', `options:
  virtualization: false`, 'one driver option'),
  }, { exclusive: [['count', 'device_ids']], ...extra });
}

export const gpus: KeySpec = key(
  ['string', 'list'],
  'Gives the container GPUs: `all` for every GPU on the host, or a list saying which and how many. Needs a GPU runtime such as the NVIDIA Container Toolkit.',
  `gpus: all`,
  {
    values: ['all'],
    items: deviceRequest('One set of GPUs to give the container.', `gpus:
  - driver: nvidia
    count: 1
    capabilities: [gpu]`),
  },
);

const blkioLimit = (what: string, unit: 'bytes' | 'operations') =>
  key(['list'], `Caps how fast the container may ${what} a device, in ${unit === 'bytes' ? 'bytes per second (`10mb`)' : 'operations per second'}.`, `blkio_config:
  device_${what === 'read from' ? 'read' : 'write'}_${unit === 'bytes' ? 'bps' : 'iops'}:
    - path: /dev/sda
      rate: ${unit === 'bytes' ? "'12mb'" : '120'}`, {
    items: mapping(`One device and its rate.`, `- path: /dev/sda
  rate: ${unit === 'bytes' ? "'12mb'" : '120'}`, {
      path: text('The device on the host, e.g. `/dev/sda`.', `path: /dev/sda`, { format: 'device-path' }),
      rate: key(['integer', 'string'], `The maximum rate, in ${unit === 'bytes' ? 'bytes per second; a size such as `12mb` works' : 'operations per second'}.`, `rate: ${unit === 'bytes' ? "'12mb'" : '120'}`, { format: unit === 'bytes' ? 'bytes' : 'io-rate' }),
    }, { extensions: false }),
  });

export const blkioConfig: KeySpec = mapping(
  'Limits and weights for the container\'s disk IO (Linux cgroups), overall or per device.',
  `blkio_config:
  weight: 300
  device_read_bps:
    - path: /dev/sda
      rate: '12mb'`,
  {
    device_read_bps: blkioLimit('read from', 'bytes'),
    device_read_iops: blkioLimit('read from', 'operations'),
    device_write_bps: blkioLimit('write to', 'bytes'),
    device_write_iops: blkioLimit('write to', 'operations'),
    // Compose 2.26.1 decodes both weights as numbers and refuses a string, even one a variable gives ("expected type
    // 'uint16', got unconvertible type 'string'"), which the schema allows: whole numbers only.
    weight: key(['integer'], 'The container\'s share of disk IO relative to other containers, from 10 to 1000 (default 500).', `blkio_config:
  weight: 300`, { textRefused: true }),
    weight_device: key(['list'], 'The container\'s IO share for particular devices.', `blkio_config:
  weight_device:
    - path: /dev/sda
      weight: 400`, {
      items: mapping('One device and the weight on it.', `- path: /dev/sda
  weight: 400`, {
        path: text('The device on the host, e.g. `/dev/sda`.', `path: /dev/sda`, { format: 'device-path' }),
        weight: key(['integer'], 'The share on this device, from 10 to 1000.', `weight: 400`, { textRefused: true }),
      }, { extensions: false }),
    }),
  },
  { extensions: false },
);

export const resourceKeys: Record<string, KeySpec> = {
  cpu_count: whole('How many CPUs the container may use (Windows containers).', `cpu_count: 2`),
  cpu_percent: whole('The share of the CPUs the container may use, in percent (Windows containers).', `cpu_percent: 50`),
  cpu_shares: cutToWhole('The container\'s weight when CPUs are busy, relative to other containers (default 1024); it does not cap anything when CPUs are idle.', `cpu_shares: 512`),
  cpu_quota: cutToWhole('Microseconds of CPU time the container may use per `cpu_period`; `cpus` says the same more simply.', `cpu_quota: 50000`),
  cpu_period: cutToWhole('The length of the CFS scheduling period, in microseconds, that `cpu_quota` is measured against (default 100000).', `cpu_period: 100000`),
  cpu_rt_period: cutToWhole('The real-time scheduling period, in microseconds (a duration such as `1s` is refused by Compose).', `cpu_rt_period: 1000000`),
  cpu_rt_runtime: cutToWhole('How many microseconds of each real-time period the container\'s real-time tasks may run.', `cpu_rt_runtime: 950000`),
  cpus: numeric('Caps the container at this many CPUs\' worth of time; `0.5` is half a CPU.', `cpus: 1.5`, { format: 'cpus' }),
  cpuset: text('The CPUs the container may run on, e.g. `0-3` or `0,2`.', `cpuset: "0,1"`, { format: 'cpuset' }),
  mem_limit: byteSize('The most memory the container may use; past it the kernel kills processes in it.', `mem_limit: 512m`, undefined, { format: 'memory' }),
  mem_reservation: byteSize('A soft memory floor: when the host runs short, Docker tries to leave the container at least this much.', `mem_reservation: 256m`, ['string', 'integer'], { format: 'reservation' }),
  mem_swappiness: whole('How readily the kernel swaps the container\'s memory out, from 0 (avoid) to 100.', `mem_swappiness: 0`),
  memswap_limit: byteSize('Memory plus swap the container may use; `-1` for unlimited swap. Equal to `mem_limit`, it forbids swap.', `memswap_limit: 1g`, undefined, { format: 'swap' }),
  oom_kill_disable: flag('Stops the kernel from killing the container\'s processes when it runs out of memory (needs `mem_limit`, or the host itself may suffer).', `oom_kill_disable: true`),
  oom_score_adj: whole('Makes the container a more (up to 1000) or less (down to -1000) likely victim when the host runs out of memory.', `oom_score_adj: -500`),
  pids_limit: cutToWhole('The most processes the container may run at once; `-1` for no limit. Stops fork bombs.', `pids_limit: 200`),
  shm_size: byteSize('The size of the container\'s /dev/shm, shared memory that some programs (browsers, databases) need more of than the 64 MB default.', `shm_size: 1gb`),
  blkio_config: blkioConfig,
  ulimits,
};

export const confinementKeys: Record<string, KeySpec> = {
  cap_add: stringList('Gives the container extra Linux capabilities, e.g. `NET_ADMIN`, without making it fully `privileged`.', `cap_add:
  - NET_ADMIN`, { values: ['ALL', 'NET_ADMIN', 'SYS_ADMIN', 'SYS_PTRACE', 'SYS_TIME', 'NET_RAW', 'IPC_LOCK', 'SYS_NICE', 'SYS_RESOURCE', 'NET_BIND_SERVICE'], openValues: true, format: 'capability' }),
  cap_drop: stringList('Takes Linux capabilities away from the container; `ALL` drops every one (then add back what it needs).', `cap_drop:
  - ALL`, { values: ['ALL', 'NET_RAW', 'CHOWN', 'SETUID', 'SETGID', 'MKNOD', 'AUDIT_WRITE', 'SYS_CHROOT'], openValues: true, format: 'capability' }),
  privileged: flag('Gives the container nearly all the host\'s powers: every capability and every device. Only for tools that truly need it.', `privileged: true`),
  security_opt: stringList('Security settings for the container, such as `no-new-privileges:true`, a seccomp or AppArmor profile, SELinux labels.', `security_opt:
  - no-new-privileges:true
  - seccomp:unconfined`, { format: 'security-opt' }, { uniqueItems: 'refused' }),
  sysctls: listOrDict('Kernel settings changed inside the container\'s namespaces, e.g. `net.core.somaxconn`.', `sysctls:
  net.core.somaxconn: 1024`, 'one kernel setting'),
  storage_opt: key(['mapping'], 'Options for the storage driver of the container\'s writable layer, such as its `size`.', `storage_opt:
  size: 20G`, {
    // Compose 2.26.1 decodes each option as text: it takes a whole number too, and refuses a fraction, a boolean,
    // a list or a mapping ("expected type 'string'"), which the schema's open object allows.
    additional: key(['string', 'integer', 'null'], 'One option of the storage driver, such as `size: 20G`.', `storage_opt:
  size: 20G`, { keptAsText: true }),
  }),
  devices: key(['list'], 'Makes host devices available in the container, as `HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]`.', `devices:
  - /dev/ttyUSB0:/dev/ttyUSB0
  - source: /dev/sda
    target: /dev/xvda
    permissions: r`, {
    // Compose keeps one of two equal entries and drops the other (checked with `config`).
    uniqueItems: true,
    items: key(['string', 'mapping'], 'One device: `HOST_PATH[:CONTAINER_PATH[:rwm]]`, or the long form with `source`, `target`, `permissions`.', `devices:
  - /dev/ttyUSB0:/dev/ttyUSB0`, {
      emptyRefused: 'the engine refuses it when it creates the container ("error gathering device information while adding custom device")',
      format: 'device',
      extensions: true,
      required: ['source'],
      properties: {
        source: text('The device path on the host.', `- source: /dev/ttyUSB0`, { format: 'device-path' }),
        target: text('Where the device appears in the container; the same path by default.', `- source: /dev/ttyUSB0
  target: /dev/serial`),
        permissions: text('What the container may do with it: any of `r` (read), `w` (write), `m` (create device nodes).', `- source: /dev/ttyUSB0
  permissions: rw`),
      },
    }),
  }),
  device_cgroup_rules: stringList('Lets the container use devices matching these cgroup rules (`c 1:3 mr`), including ones that appear later.', `device_cgroup_rules:
  - 'c 188:* rmw'`, { format: 'device-cgroup-rule' }, { uniqueItems: 'refused' }),
  gpus,
  cgroup: oneOf(['host', 'private'], 'Which cgroup namespace the container joins: its own (`private`) or the host\'s (`host`).', `cgroup: private`),
  cgroup_parent: text('The parent cgroup the container is placed under, for hosts that organise cgroups themselves.', `cgroup_parent: my-cgroup`),
  ipc: suggest(['host', 'private', 'shareable', 'none'], 'The IPC namespace (shared memory, semaphores): `host`, `shareable` so others may join it, or `service:NAME` / `container:NAME` to join another\'s.', `ipc: shareable`, {
    // The engine refuses any other mode when it creates the container ("Invalid IPC mode").
    pattern: '^(|none|private|shareable|host|container:.+|service:.+)$',
    acceptedForms: ['none', 'private', 'shareable', 'host', 'container:NAME', 'service:NAME'],
    refersTo: 'service',
    refersToPrefix: 'service:',
  }),
  // The schema takes `pid:` with no value, but Compose 2.26.1 stops there with a panic ("interface {} is nil, not string").
  pid: key(['string'], 'The process namespace: `host` lets the container see every process on the host; `service:NAME` or `container:NAME` shares another container\'s.', `pid: host`, {
    values: ['host'],
    openValues: true,
    refersTo: 'service',
    refersToPrefix: 'service:',
    format: 'namespace-mode',
  }),
  uts: suggest(['host'], 'The UTS namespace (host and domain name): `host` makes the container use the host\'s.', `uts: host`),
  userns_mode: suggest(['host'], 'The user namespace: `host` turns off user-namespace remapping for this container when the daemon enables it.', `userns_mode: host`),
  group_add: key(['list'], 'Extra groups (names or ids) the container\'s user belongs to, e.g. to read a mounted device or socket.', `group_add:
  - video
  - "999"`, { uniqueItems: 'refused', items: key(['string', 'integer'], 'A group name or id.', `group_add:
  - video`, { emptyRefused: 'the engine refuses it when it creates the container ("Unable to find group")' }) }),
  credential_spec: mapping('The gMSA credential spec for a Windows container: where to find it (one of `config`, `file`, `registry`).', `credential_spec:
  file: my-credential-spec.json`, {
    config: text('A config from the top-level `configs` that holds the credential spec.', `credential_spec:
  config: my_credential_spec`, { refersTo: 'config', emptyIsNone: true }),
    file: text('A credential spec file in Docker\'s CredentialSpecs folder.', `credential_spec:
  file: my-credential-spec.json`),
    registry: text('A credential spec value in the Windows registry of the host.', `credential_spec:
  registry: my-credential-spec`),
  }),
  // The engine refuses any other word; a Linux engine refuses all but `default`.
  isolation: oneOf(['default', 'process', 'hyperv'], 'How the container is isolated; only Windows offers a choice (`process` or `hyperv`).', `isolation: hyperv`, { emptyIsNone: true }),
  runtime: suggest(['runc', 'runsc', 'nvidia', 'kata'], 'The OCI runtime that runs the container instead of the daemon\'s default, e.g. `runsc` (gVisor) or `nvidia`.', `runtime: runsc`, {
    typoWarned: 'a runtime engines are commonly set up with',
  }),
  init: flag('Runs a tiny init process as PID 1 that forwards signals and reaps zombie processes, for programs that do not.', `init: true`),
  read_only: flag('Makes the container\'s own filesystem read-only; write only to volumes and tmpfs mounts.', `read_only: true`),
  use_api_socket: key(['boolean'], 'Mounts the Docker API socket into the container, with your registry credentials, so tools inside can drive Docker.', `use_api_socket: true`),
  user: text('The user (and group) the container\'s processes run as: a name or id, `USER[:GROUP]`.', `user: "1000:1000"`),
};
