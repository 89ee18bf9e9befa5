// The custom requests and notifications between the Dockhand client and
// server, as typed RequestTypes and NotificationTypes: each side names the
// constant, never the method string, so
// the parameters and the answer cannot drift apart. The client never parses
// Compose files: it asks the server what the project holds.
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

export interface ProjectInfoParams {
  /** The URI of a Compose file of the project. */
  uri: string;
  /**
   * How much to say about the services. `full` (the default): `services` and `profiles`. `places`: only
   * `servicePlaces`, each service's name and where this file defines it, for the CodeLens, which asks after
   * every edit. `none`: nothing about them, for the volume CodeLens, which reads only the volumes. A file of
   * thousands of services would otherwise send them all each time (~1.3 MB at 5,000).
   */
  services?: ProjectInfoServices;
  /**
   * With `places`: list them only if this file defines at most this many services (`servicesHere` says how
   * many it does). The CodeLens draws no lens per service beyond that: VS Code moves every lens of a file on
   * each keystroke, so their places would only be sent to be left unused.
   */
  placesUpTo?: number;
}

export type ProjectInfoServices = 'full' | 'places' | 'none';

/** A service's name and the range of its key in the requesting file (`services: 'places'`). */
export interface ServicePlace {
  name: string;
  range: Range;
  /** Set when the service has `develop.watch` rules (ProjectServiceInfo.watches): its lenses offer Compose Watch. */
  watches?: true;
}

export interface ProjectServiceInfo {
  name: string;
  /** The range of the service's key in the requesting file (absent when defined only in another file). */
  range?: Range;
  profiles: string[];
  image?: string;
  containerName?: string;
  /** deploy.replicas or scale, when set. */
  replicas?: number;
  /** Published ports as written, e.g. "8001:5432". */
  ports: string[];
  /** Named volumes (top-level keys) this service mounts. */
  volumes: string[];
  networks: string[];
  /** Whether `develop.watch` has a rule, as Compose reads the service (files and `<<` merges together): Compose Watch has something to do. */
  watches?: boolean;
  /** Whether the service has a `build` section: Compose before 2.32 watches only services it builds. */
  builds?: boolean;
}

export interface ProjectResourceInfo {
  /** The key under `networks:`/`volumes:`... */
  name: string;
  /** The name Docker knows it by: `name:` if set, else `<project>_<key>`; for external ones the key or `name:`. */
  fullName: string;
  external: boolean;
  range?: Range;
  /** A volume `up` cannot create: why the engine's `local` driver refuses `fullName` (the server's `invalid-format` error says the same). */
  refused?: string;
}

/**
 * What a service asks of the engine that only the engine can say it has, as written in the requesting file
 * (variables substituted): a number of CPUs (`cpus`, `deploy.resources.limits.cpus`), CPU numbers (`cpuset`,
 * `0-3,5`), a runtime or a logging driver. The client compares them with the engine it talks to.
 */
export interface EngineRequest {
  service: string;
  key: 'cpus' | 'deploy.resources.limits.cpus' | 'cpuset' | 'runtime' | 'logging.driver';
  value: string;
  range: Range;
}

export interface ProjectInfo {
  /** The project name Compose will use (name:, COMPOSE_PROJECT_NAME, folder name), normalised. */
  projectName: string;
  /** The folder Compose runs in (the first file's folder). */
  workingDirectory: string;
  /** Absolute paths of the project's files, in the order Compose loads them (main, override, COMPOSE_FILE...). */
  files: string[];
  /**
   * Set when another project's main file includes the requesting file (`include:`): its absolute path. The project
   * is then that one, since Compose runs the file's services there, never in a project of the file's own.
   */
  includedBy?: string;
  /**
   * Set when a main file's project takes services from the requesting file with `extends` only (and nothing
   * includes it): that main file's absolute path. The file is a fragment of that project, never run on its own.
   */
  extendedBy?: string;
  /** The range of the top-level `services` key in the requesting file, if it has one. */
  servicesRange?: Range;
  /** Absolute path of the .env used for interpolation, if any. */
  envFile?: string;
  /** Empty unless asked with `services: 'full'` (the default). */
  services: ProjectServiceInfo[];
  /** The services this file defines, in its order, when asked with `services: 'places'` (and they are at most `placesUpTo`). */
  servicePlaces?: ServicePlace[];
  /** With `services: 'places'`: how many services this file defines. */
  servicesHere?: number;
  profiles: string[];
  networks: ProjectResourceInfo[];
  volumes: ProjectResourceInfo[];
  /** What the services this file defines ask of the engine (whatever `services` asks). */
  engineRequests: EngineRequest[];
}

/** `dockhand/projectInfo`: the project a Compose file belongs to; null when the server cannot tell. */
export const ProjectInfoRequest = new RequestType<ProjectInfoParams, ProjectInfo | null, void>('dockhand/projectInfo');

// ---------------------------------------------------------------- topology

export interface TopologyParams {
  /** The URI of a Compose file of the project. */
  uri: string;
}

/** Where something is written: the file and the range of its key (or item). */
export interface TopologyLocation {
  uri: string;
  range: Range;
}

export interface TopologyPort {
  /** The host address; absent for every interface. */
  hostIp?: string;
  /** The host port or range ("8001", "8000-8010"); absent when Docker picks one. */
  published?: string;
  /** The container port or range. */
  target: string;
  protocol: string;
  location?: TopologyLocation;
}

export interface TopologyMount {
  /** `volume` names a top-level volume; `bind` a host path; `anonymous` a volume without a name. */
  type: 'volume' | 'bind' | 'tmpfs' | 'anonymous' | 'npipe' | 'image' | 'cluster';
  /** The volume key, the host path as written, or the image. */
  source?: string;
  target: string;
  readOnly: boolean;
  location?: TopologyLocation;
}

export interface TopologyLink {
  /** The other service. */
  service: string;
  /** `depends_on` (with its condition), `links` (with an alias), `extends`, `network_mode: service:`, `volumes_from`. */
  kind: 'depends_on' | 'links' | 'extends' | 'network_mode' | 'volumes_from';
  /** depends_on: service_started, service_healthy, service_completed_successfully. */
  condition?: string;
  /** depends_on: `required: false` (Compose starts without it). */
  required?: boolean;
  alias?: string;
  /** extends: the other file, as written. */
  file?: string;
}

export interface TopologyService {
  name: string;
  /** The definition a click reveals: in the requesting file when it defines the service, else the first file that does. */
  location?: TopologyLocation;
  image?: string;
  /** The build context, when the service is built. */
  build?: string;
  containerName?: string;
  /** deploy.replicas or scale, when set. */
  replicas?: number;
  /** No profiles: the service always runs. */
  profiles: string[];
  /** The networks the service joins (the project's `default` when it names none); empty with network_mode. */
  networks: string[];
  /** `host`, `none`, `bridge`, `service:NAME`, `container:NAME`, when set. */
  networkMode?: string;
  ports: TopologyPort[];
  /** Ports open only to other containers (`expose`). */
  expose: string[];
  mounts: TopologyMount[];
  secrets: string[];
  configs: string[];
  links: TopologyLink[];
}

export interface TopologyResource {
  /** The key under `networks:`/`volumes:`/`secrets:`/`configs:`. */
  name: string;
  /** The name Docker knows it by (`name:`, else `<project>_<key>`; external ones as written). */
  fullName: string;
  external: boolean;
  /** Not written in any file: the project's implicit `default` network. */
  implicit?: boolean;
  driver?: string;
  /** Secrets and configs: the file, environment variable or content they come from. */
  origin?: string;
  location?: TopologyLocation;
}

export interface TopologyModel {
  projectName: string;
  /** Absolute paths of the files Compose merges, in load order. */
  files: string[];
  services: TopologyService[];
  networks: TopologyResource[];
  volumes: TopologyResource[];
  secrets: TopologyResource[];
  configs: TopologyResource[];
  /** Every profile some service names. */
  profiles: string[];
}

/** `dockhand/topology`: the project as Compose merges it, for the topology view; null when the server cannot read the file. */
export const TopologyRequest = new RequestType<TopologyParams, TopologyModel | null, void>('dockhand/topology');

// ---------------------------------------------------------------- image ports

/** One image on the engine: its names (`nginx:1.25`, `docker.io/library/nginx:1.25`) and `Config.ExposedPorts` (`80/tcp`). */
export interface EngineImagePorts {
  names: string[];
  exposedPorts: string[];
}

export interface ImagePortsParams {
  /** Every tagged image on the engine; the list replaces the previous one. */
  images: EngineImagePorts[];
}

/** Client → server: the engine's tagged images and what they expose (port checks, `image:` completion), sent at start and again when images change (pull, build, tag, remove). */
export const ImagePortsNotification = new NotificationType<ImagePortsParams>('dockhand/imagePorts');

// ------------------------------------------------------------ compose version

export interface ComposeVersionParams {
  /** 1 or 2: Compose v1 names containers `shop_web_1`, v2 `shop-web-1`. */
  major: number;
  /** As Compose prints it, e.g. "1.29.2" or "2.27.0". */
  version: string;
}

/** Client → server, once the client has found Compose (and again when its setting changes): hovers name containers its way. */
export const ComposeVersionNotification = new NotificationType<ComposeVersionParams>('dockhand/composeVersion');

// ------------------------------------------------------------ compose check

export interface ComposeCheckParams {
  /** The Compose that ran, as it prints its version ("2.26.1"). */
  compose: string;
  /** The file the check was made for first, then the project's other files, as Compose read them from disk; `version` for those open in the editor (saved). */
  files: { uri: string; path: string; version?: number }[];
  /** Compose's output when it refused the project (`config -q`); absent when it loaded it. */
  refusal?: string;
}

/** Client → server, after a Compose file is opened or saved: what the user's own Compose says of its project (diagnostics/composeRefusal.ts). */
export const ComposeCheckNotification = new NotificationType<ComposeCheckParams>('dockhand/composeCheck');

// ------------------------------------------------------------ edited files

export interface EditedFileParams {
  /** A `file:` URI. */
  uri: string;
  /** The editor's text of the file, saved or not; absent once the editor closed it (the disk's text counts again). */
  text?: string;
}

/**
 * Client → server: the text the editor holds of a file the server reads but the client does not sync as a
 * Compose document (an env file, a Dockerfile: common/src/editedFiles.ts), on open, on change (coalesced)
 * and on close, so a line mended in an env file clears its finding before the save, as in a Compose file.
 */
export const EditedFileNotification = new NotificationType<EditedFileParams>('dockhand/editedFile');

export interface ReadFilesParams {
  /** `file:` URIs: every file of that kind the server has read, not only the new ones. */
  uris: string[];
}

/**
 * Server → client: files the server reads the text of whose names the client would not forward by itself
 * (`env_file: settings.conf`), sent after a diagnostics run that read a new one. The client forwards what the
 * editor holds of these too (EditedFileNotification), as it does for `.env` or a `Dockerfile`.
 */
export const ReadFilesNotification = new NotificationType<ReadFilesParams>('dockhand/readFiles');
