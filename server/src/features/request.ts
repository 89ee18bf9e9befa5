// What every feature receives: the file at the cursor, its model and project.
// Features answer from these; none re-parses text.
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { ComposeProject } from '../model/project';
import type { Workspace } from '../model/workspace';
import type { ImagePorts } from '../images/exposedPorts';

export interface ClientSettings {
  /** The client accepts snippet syntax in completion insert texts. */
  readonly snippets: boolean;
  /** The client renders Markdown in hovers. */
  readonly markdown: boolean;
  readonly workspaceFolders: readonly string[];
  /** The client resolves completion items' documentation on demand (completionItem/resolve). */
  readonly lazyDocumentation?: boolean;
  /** The major version of the Compose the client runs (dockhand/composeVersion); unknown until it says. */
  readonly composeMajor?: number;
  /** How many folding ranges the client takes at most (LSP's `foldingRange.rangeLimit`), when it says. */
  readonly foldingRangeLimit?: number;
  /** The client applies workspace edits that create files (`documentChanges` with the `create` operation). */
  readonly createFiles?: boolean;
}

/** How `${VAR}` completion and hover treat variables (the `dockhand.variables.*` settings). */
export interface VariableSettings {
  /** Also offer the language server's own process environment (not the one Compose will run in). */
  readonly processEnvironment: boolean;
  /** Show the values of variables whose names look secret (`*PASSWORD*`, `*TOKEN*`...). */
  readonly showSecretValues: boolean;
  /** The env file Compose commands get (`dockhand.compose.envFile`, `--env-file`), relative to the project's folder. */
  readonly envFile?: string;
}

export const DEFAULT_VARIABLE_SETTINGS: VariableSettings = { processEnvironment: false, showSecretValues: false };

export interface FeatureRequest {
  readonly doc: ComposeDocument;
  readonly file: FileModel;
  readonly project: ComposeProject;
  readonly workspace: Workspace;
  readonly client: ClientSettings;
  /** What images expose (Dockerfiles, and the engine's images the client reported). */
  readonly images?: ImagePorts;
  /** The cursor, as an offset into `doc`. */
  readonly offset: number;
  /** Absent means the defaults. */
  readonly variables?: VariableSettings;
}
