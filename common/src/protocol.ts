// The custom requests between the Dockhand client and server, as typed
// RequestTypes: each side names the constant, never the method string, so
// the parameters and the answer cannot drift apart. The client never parses
// Compose files: it asks the server what the project holds.
import { RequestType, type Range } from 'vscode-languageserver-protocol';

export interface ProjectInfoParams {
  /** The URI of a Compose file of the project. */
  uri: string;
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
}

export interface ProjectResourceInfo {
  /** The key under `networks:`/`volumes:`... */
  name: string;
  /** The name Docker knows it by: `name:` if set, else `<project>_<key>`; for external ones the key or `name:`. */
  fullName: string;
  external: boolean;
  range?: Range;
}

export interface ProjectInfo {
  /** The project name Compose will use (name:, COMPOSE_PROJECT_NAME, folder name), normalised. */
  projectName: string;
  /** The folder Compose runs in (the first file's folder). */
  workingDirectory: string;
  /** Absolute paths of the project's files, in the order Compose loads them (main, override, COMPOSE_FILE...). */
  files: string[];
  /** The range of the top-level `services` key in the requesting file, if it has one. */
  servicesRange?: Range;
  /** Absolute path of the .env used for interpolation, if any. */
  envFile?: string;
  services: ProjectServiceInfo[];
  profiles: string[];
  networks: ProjectResourceInfo[];
  volumes: ProjectResourceInfo[];
}

/** `dockhand/projectInfo`: the project a Compose file belongs to; null when the server cannot tell. */
export const ProjectInfoRequest = new RequestType<ProjectInfoParams, ProjectInfo | null, void>('dockhand/projectInfo');
