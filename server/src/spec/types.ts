/**
 * The shape of our description of the Compose format. Every feature that
 * needs to know something about Compose (completion, hover, validation) reads
 * it from a tree of `KeySpec`s, so they can never disagree.
 */

/** The YAML shapes a value may take. */
export type ValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'mapping' | 'list';

/** Named checks for scalar text that a plain type cannot express. */
export type TextFormat =
  | 'duration' // 1m30s, 10s, 1h
  | 'bytes' // 512m, 1gb, 1024
  | 'port-mapping' // [[IP:]HOST[-HOST]:]CONTAINER[-CONTAINER][/PROTO]
  | 'expose' // 80, 8000-8010, 80/udp
  | 'volume-short' // [SOURCE:]TARGET[:MODE]
  | 'service-dependency' // a service name (depends_on list items, links)
  | 'env-entry' // KEY=VALUE or KEY
  | 'extra-host' // host:ip or host=ip
  | 'cpus' // 0.5, "1.5"
  | 'ulimit'
  | 'uri'
  | 'capability' // NET_ADMIN, cap_net_admin, ALL
  | 'signal' // SIGTERM, INT, 9
  | 'absolute-path' // /app (C:\\app in a Windows container)
  | 'tmpfs-mount' // /run or /run:size=64m
  | 'security-opt' // no-new-privileges:true, seccomp=unconfined, label:disable
  | 'mac-address' // 02:42:ac:11:00:02
  | 'cpuset' // 0-3,6
  | 'device-cgroup-rule' // c 1:3 mr
  | 'memory' // a size of 0 or at least 6 MiB: 512m
  | 'reservation' // as memory, or a negative number: no reservation (mem_reservation)
  | 'swap' // a size, or a negative number: unlimited swap (memswap_limit)
  | 'io-rate' // operations per second (blkio_config device_*_iops), read by Compose as a size: 120, 1k
  | 'project-name' // the top-level name: any text that keeps a letter or digit once Compose normalises it (My Shop is myshop)
  | 'hostname' // at most 64 characters
  | 'namespace-mode' // host, service:NAME, container:NAME (a network name too, for network_mode)
  | 'cidr' // 172.28.0.0/16, fd00::/64
  | 'ip-address' // 172.28.0.1 or fd00::1
  | 'ipv4-address' // 172.28.0.10
  | 'ipv6-address' // fd00::10
  | 'restart' // on-failure:5 (the pattern judges the words; the format warns of a count Compose drops)
  | 'probe-duration' // a healthcheck's timing: a duration of 0 (the default) or at least 1ms
  | 'image-reference' // [REGISTRY/]NAME[:TAG][@DIGEST], the name in lower case
  | 'platform' // OS[/ARCH[/VARIANT]]: linux/amd64, linux/arm/v7
  | 'device' // HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]] (the host path absolute), or a CDI name: vendor.com/class=name
  | 'device-path'; // a device on the host, from the root: /dev/sda

/** A kind of name a scalar may refer to: the model resolves these. */
export type NameKind = 'service' | 'network' | 'volume' | 'config' | 'secret';

export interface KeySpec {
  /** What the key does, in our words; Markdown; one short paragraph. */
  readonly doc: string;
  /** The shapes the value may take; several when Compose accepts alternative forms. */
  readonly kinds: readonly ValueKind[];
  /** A short YAML example, shown on hover and used for snippets. */
  readonly example?: string;
  /** Allowed scalar values. With `openValues`, they are suggestions only. */
  readonly values?: readonly (string | number | boolean)[];
  /** `values` are suggestions, other text is accepted too (e.g. `network_mode: service:web`). */
  readonly openValues?: boolean;
  /**
   * With `openValues`: what the values are, said of a word outside them that is close to one (`a logging driver the
   * engine ships`). Others may come from a plugin or the daemon's set-up, so only a likely typo is warned of
   * (`jsonfile`: the engine refuses a driver nothing provides when it creates the container).
   */
  readonly typoWarned?: string;
  /**
   * With `typoWarned`: where any other word may come from, and what the engine does with it, when that is not a
   * plugin or the daemon's set-up (a network mode names an existing network otherwise); `{word}` stands for the word.
   */
  readonly typoOthers?: string;
  /**
   * Every form Compose accepts, when that is more than `values` (restart's
   * `on-failure[:max-retries]`): hover and the diagnostic both say exactly this.
   */
  readonly acceptedForms?: readonly string[];
  /** An extra check on scalar text. */
  readonly format?: TextFormat;
  /** A regular expression (JavaScript syntax) the scalar text must match, when no `format` fits. */
  readonly pattern?: string;
  /** For mappings: the keys Compose knows. */
  readonly properties?: Readonly<Record<string, KeySpec>>;
  /**
   * For mappings whose keys are names chosen by the user (services, labels,
   * sysctls...): the spec of each value. `true` accepts any value.
   */
  readonly additional?: KeySpec | true;
  /**
   * With `additional`: the names usually written there, which completion offers (the runtime's ulimits);
   * other names load too, and a rule judges them where that matters.
   */
  readonly suggestedKeys?: readonly string[];
  /**
   * For mappings: the keys most files write here, most written first. Completion lists them before the
   * others (after required keys), so a typed prefix that fits several (`s`: `secrets`, `services`) picks
   * the one a user most likely means when Enter takes the first.
   */
  readonly commonKeys?: readonly string[];
  /** What user-chosen keys must look like, when `additional` is set (a regular expression). */
  readonly keyPattern?: string;
  /** For lists: the spec of each item. */
  readonly items?: KeySpec;
  /** For lists whose first item differs from the rest (`test: ["CMD", ...]`): the first item's spec. */
  readonly firstItem?: KeySpec;
  /**
   * The value is the user's own text (a shell command, an environment value, a
   * label): completion offers no words there, only `${VAR}` when asked, and no
   * booleans even where YAML would read one.
   */
  readonly freeText?: boolean;
  /**
   * A path on the host: a file, a folder or either, relative to the Compose file's folder, or with
   * `fromBuildContext` to the service's build context (`build.dockerfile`). Completion lists the entries of the
   * folder typed so far.
   */
  readonly hostPath?: 'file' | 'folder' | 'any';
  readonly fromBuildContext?: boolean;
  /**
   * List items should be unique. `true`: Compose drops a repeated entry when it
   * loads the file (a later `KEY=value` wins); `'refused'`: Compose 2.26 refuses
   * the file (its schema checks these lists before anything is dropped).
   */
  readonly uniqueItems?: boolean | 'refused';
  /** `x-*` extension keys are allowed in this mapping. */
  readonly extensions?: boolean;
  /** Keys of this mapping that cannot be used together (pairs). A dotted name (`external.name`) reaches into a child mapping; `key=true` counts the key only when it is on. */
  readonly exclusive?: readonly (readonly [string, string])[];
  /**
   * A string here is converted by Compose to this key's number or boolean (it is only a string for `${VAR}`), so it must hold one.
   * `'whole number'`: a number key whose strings Compose reads with Go's integer parser (`"1.5"` and `"1e3"` are refused), while a
   * number written as such is cut to a whole one (`1.5` is 1).
   */
  readonly castsString?: boolean | 'whole number';
  /**
   * A number or boolean key where Compose refuses text even when variables give it: it converts a value written
   * with variables only at the keys it casts, and here the value stays text (`priority: ${P:-2}`, refused by
   * Compose 2.26.1 as "must be a number"). Without this mark such a value is taken, as at keys Compose has not
   * been measured on.
   */
  readonly textRefused?: boolean;
  /**
   * A mapping whose keys Compose does not check (it reads the ones it knows and skips the others): a key it does not
   * know there has no effect, which `unknown-key` says as a warning. An `include` entry (Compose 2.26.1 loads
   * `include: [{pathh: ./db.yaml}]` and includes nothing).
   */
  readonly unknownKeysIgnored?: boolean;
  /**
   * File permission bits (a config's or secret's `mode`): Compose's YAML parser reads a plain `0440` as octal, but a string
   * as a decimal number, so `"0440"` gives 440 (octal 0670).
   */
  readonly permissionBits?: boolean;
  /**
   * An empty string is taken as none given: Compose loads it and the engine starts the container with its default
   * (`isolation: ""`, `container_name: ""`; checked with `up`), so the pattern and the set of values do not judge it.
   */
  readonly emptyIsNone?: boolean;
  /**
   * An empty string Compose or the engine refuses: who does and in what words, said after "is empty, and"
   * (`devices: [""]`: `the engine refuses it when it creates the container ("...")`); diagnostics/rules/emptyValues.ts.
   */
  readonly emptyRefused?: string;
  /**
   * An empty string that variables give (`${NAME:-}`) Compose refuses, though it takes one written empty as none
   * given: who refuses and in what words, said after "gives \"\" here, and" (the project's `name:`).
   */
  readonly emptyFromVariablesRefused?: string;
  /**
   * Compose keeps this value as text (an environment value, a label, a driver
   * option): a plain number, boolean or date written here reaches the
   * container, image or driver the way Compose prints what it read (`3.10`
   * becomes `3.1`, `012` becomes `10`), so one whose text changes wants quotes.
   */
  readonly keptAsText?: boolean;
  /** At least one of these keys, unless the key `unlessTrue` is true (a secret's source, unless it is external). */
  readonly requiredOneOf?: { readonly keys: readonly string[]; readonly unlessTrue?: string };
  /** Keys this mapping must have when one of its keys has a given value (a bind mount needs a `source`). */
  readonly requiredWhen?: readonly { readonly key: string; readonly value: string; readonly keys: readonly string[] }[];
  /**
   * Keys the engine refuses in this mapping when one of its keys has a given value, with what it says (a tmpfs
   * mount given a `source`: "field Source must not be specified"). Compose loads them.
   */
  readonly refusedWhen?: readonly { readonly key: string; readonly value: string; readonly keys: readonly string[]; readonly said: string }[];
  /**
   * Keys that apply only when another key of this mapping has a given value (a mount's `bind:` options
   * with `type: bind`): once that key holds another value, completion does not offer them.
   */
  readonly onlyWhen?: readonly { readonly key: string; readonly value: string; readonly keys: readonly string[] }[];
  /** Keys this mapping must have. */
  readonly required?: readonly string[];
  /**
   * The scalar (or, for lists/mappings, each key or item) names a service/network/...
   * Where only part of the text is the name (`links: [db:database]`, a volume's
   * short syntax, `network_mode: service:web`), `nameInScalar()` in `spec/index.ts` finds it.
   */
  readonly refersTo?: NameKind;
  /**
   * The value names an image (`image: nginx:1.25`): completion offers the
   * engine's local images, as suggestions only (any name may be written, so a
   * typed space opens no list there).
   */
  readonly namesImage?: boolean;
  /**
   * The value names a stage of the service's Dockerfile (`build.target`): completion offers the stages its
   * `FROM ... AS name` lines declare, read from the Dockerfile the build names.
   */
  readonly namesStage?: boolean;
  /** The keys, or the names of `KEY=value` items, are `ARG`s of the service's Dockerfile (`build.args`): completion offers those it declares. */
  readonly namesBuildArgs?: boolean;
  /** With `refersTo`: the name follows this prefix (`service:` in `network_mode: service:web`); text without it names nothing. */
  readonly refersToPrefix?: string;
  /** Why the key is deprecated, and what to use instead. */
  readonly deprecated?: string;
  /** Only `docker stack deploy` (Swarm) honours this key; `docker compose` ignores it. */
  readonly swarmOnly?: boolean;
  /**
   * Words outside `values` that `docker compose` takes all the same, where the set is Swarm's
   * (`deploy.restart_policy.condition: always` becomes the container's restart policy; `docker stack deploy`
   * refuses it): a warning. Any other word is refused by Compose or the engine.
   */
  readonly composeAlsoTakes?: readonly string[];
  /** A snippet body (LSP snippet syntax) to insert for the value, when a plain default does not fit. */
  readonly snippet?: string;
}

/** What a parser of one of Compose's small languages read, or why the text is not in it (a sentence for the user). */
export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };
