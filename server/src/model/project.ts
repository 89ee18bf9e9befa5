// A Compose project: the files Compose loads together (the main file, its
// override, COMPOSE_FILE, `include`d files, `extends` targets), the .env that
// feeds interpolation, and the project name. Names resolve across all of them.
import * as path from 'node:path';
import type { EnvEntry } from './env';
import type { FileModel, NameDefinition, NameKind, NameReference } from './fileModel';
import type { ProjectName } from '../../../common/src/projectName';

export type FileRole = 'main' | 'override' | 'include' | 'extends';

export interface ProjectFile {
  readonly path: string;
  readonly uri: string;
  readonly role: FileRole;
  readonly model: FileModel;
}

export type VariableSource = 'environment' | '.env';

export interface VariableValue {
  readonly value: string;
  readonly source: VariableSource;
  /** The .env file and line, when it came from there. */
  readonly file?: string;
  readonly line?: number;
}

/**
 * The one-definition list of each definition, made once: a project is built
 * for every version of an open document, and the definitions of the blocks an
 * edit did not touch carry over, so their lists do too (thousands of them per
 * edit on a large file otherwise). Never pushed to (see the constructor).
 */
const onlyDefinitionLists = new WeakMap<NameDefinition, readonly NameDefinition[]>();

function onlyDefinition(def: NameDefinition): NameDefinition[] {
  let list = onlyDefinitionLists.get(def);
  if (!list) onlyDefinitionLists.set(def, (list = [def]));
  return list as NameDefinition[];
}

/** The environment's value of `name`, its own names only: every object inherits `toString` and `constructor`, process.env too. */
export function environmentValue(environment: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return Object.hasOwn(environment, name) ? environment[name] : undefined;
}

export class ComposeProject {
  private readonly byKind = new Map<NameKind, Map<string, NameDefinition[]>>();

  constructor(
    /** The folder Compose runs in: the first file's folder. */
    readonly directory: string,
    readonly name: ProjectName,
    /** Files in load order: the merged set first (main, overrides), then includes and extends targets. */
    readonly files: readonly ProjectFile[],
    private readonly dotenv: ReadonlyMap<string, EnvEntry>,
    readonly envFile: string | undefined,
    private readonly environment: Readonly<Record<string, string | undefined>>,
  ) {
    for (const file of files) {
      // Another file's service reached only through `extends` is not part of this project.
      if (file.role === 'extends') continue;
      const definitions = file.model.definitions;
      for (let i = 0; i < definitions.length; i++) {
        const def = definitions[i]!;
        let names = this.byKind.get(def.kind);
        if (!names) this.byKind.set(def.kind, (names = new Map()));
        const list = names.get(def.name);
        if (!list) names.set(def.name, onlyDefinition(def));
        // A name defined again (an override, a duplicate): a list of its own, never the shared one.
        else if (list.length === 1 && list === onlyDefinitionLists.get(list[0]!)) names.set(def.name, [list[0]!, def]);
        else list.push(def);
      }
    }
  }

  /** Files Compose merges into one configuration (not includes or extends targets). */
  get mergedFiles(): ProjectFile[] {
    return this.files.filter((f) => f.role === 'main' || f.role === 'override');
  }

  file(uri: string): ProjectFile | undefined {
    return this.files.find((f) => f.uri === uri);
  }

  /** Every definition of a name, in load order (an override may define it again). */
  definitions(kind: NameKind, name: string): readonly NameDefinition[] {
    return this.byKind.get(kind)?.get(name) ?? [];
  }

  names(kind: NameKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])];
  }

  /** Every use of a name across the project's files. */
  references(kind: NameKind, name: string): NameReference[] {
    const result: NameReference[] = [];
    for (const file of this.files) {
      for (const ref of file.model.references) if (ref.kind === kind && ref.name === name && !ref.file) result.push(ref);
    }
    return result;
  }

  /** A variable as Compose resolves it: the process environment wins over .env. */
  variable(name: string): VariableValue | undefined {
    const fromEnv = environmentValue(this.environment, name);
    if (fromEnv !== undefined) return { value: fromEnv, source: 'environment' };
    const entry = this.dotenv.get(name);
    if (entry) return { value: entry.value, source: '.env', file: this.envFile, line: entry.line };
    return undefined;
  }

  lookup = (name: string): string | undefined => this.variable(name)?.value;

  /** The project's `.env` entries alone (completion offers these before anything else). */
  envFileVariables(): { name: string; value: string; file: string | undefined; line: number }[] {
    return [...this.dotenv].map(([name, entry]) => ({ name, value: entry.value, file: this.envFile, line: entry.line }));
  }

  private variablesKeyMemo?: string;

  /** Changes whenever a variable's value may have: diagnostics that read variables are kept per block under this key. */
  get variablesKey(): string {
    this.variablesKeyMemo ??= `${this.envFile ?? ''}\0${[...this.dotenv].map(([name, entry]) => `${name}=${entry.value}`).join('\0')}`;
    return this.variablesKeyMemo;
  }

  /** Every variable that has a value here: the .env file's first, then the environment's. */
  variableNames(): string[] {
    const names = new Set(this.dotenv.keys());
    for (const [name, value] of Object.entries(this.environment)) if (value !== undefined) names.add(name);
    return [...names];
  }

  /** The name Docker gives a network or volume of this project. */
  resourceName(key: string, explicit: string | undefined): string {
    return explicit ?? `${this.name.name}_${key}`;
  }

  relative(file: string): string {
    return path.relative(this.directory, file) || path.basename(file);
  }
}
