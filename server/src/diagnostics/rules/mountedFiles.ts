// `missing-secret-file` and `missing-config-file`: a secret or config read
// from a `file:` of the project that does not exist, while a service uses it.
// Compose loads the file; `up` mounts the file into the container, and the
// engine refuses to create it ("bind source path does not exist"). Unused,
// nothing is mounted and nothing fails. A warning: such files are often kept
// out of the repository (a password in `./secrets/`) and made before `up`.
// Absolute paths and `~` are the engine host's: not judged. A path written
// with variables is looked for where the project's environment, .env and
// defaults put it, as Compose reads it; one with a variable nothing sets is
// not judged. Quick fixes make the file, from the template beside it or empty
// (../fileFixes.ts).
// Relative paths are read from the project's folder, whichever file writes
// them: the finding carries the file's whole path for its fix.
// One read from `environment: NAME` instead needs NAME set where Compose runs
// (or in .env): `unset-variable`, a warning, while a service uses it.
import * as path from 'node:path';
import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { getValue, isExternalValue, nodeRange, scalarText } from '../../model/nodes';
import { isProjectPath } from '../../spec/mountPaths';
import { isInterpolated } from '../../spec/interpolated';
import { knownText } from '../../model/interpolation';
import { missingFileFixes, type MissingFileData } from '../fileFixes';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';
import type { ComposeDocument } from '../../model/document';
import type { NameDefinition } from '../../model/fileModel';
import type { ComposeProject } from '../../model/project';

const CODE = { secret: 'missing-secret-file', config: 'missing-config-file' } as const;

/** The path as the file writes it, where it is looked for, and the path its variables give (relative as written), where it has some. */
export type MissingMountedFileData = MissingFileData;

export const mountedFiles: Rule<MissingMountedFileData> = {
  codes: [...Object.values(CODE), 'unset-variable'],
  run({ doc, file, project, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    for (const def of file.definitions) {
      if ((def.kind !== 'secret' && def.kind !== 'config') || !isMap(def.value)) continue;
      if (isExternalValue(getValue(def.value, 'external'))) continue;
      const fromEnvironment = environmentUnset(doc, project, def);
      if (fromEnvironment) out.push(fromEnvironment);
      const node = getValue(def.value, 'file');
      const written = scalarText(node);
      if (!written) continue;
      // Where Compose looks for it: the path the variables give (one nothing sets may be set when it runs).
      const text = knownText(written, project.lookup);
      if (!text || !isProjectPath(text)) continue;
      const read = isInterpolated(written);
      const uses = project.references(def.kind, def.name);
      if (uses.length === 0) continue;
      // Compose reads relative paths from the project's folder, whichever file writes them.
      if (workspace.exists(path.resolve(project.directory, text))) continue;
      const range = nodeRange(node);
      if (!range) continue;
      // A secret only builds read (`build.secrets`) fails the build instead.
      const mounted = uses.some((use) => use.via !== 'build.secrets');
      const fails = mounted ? 'the engine refuses to start a container that uses it ("bind source path does not exist")' : `building ${quoted(uses.map((use) => use.fromService))} fails`;
      out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, CODE[def.kind],
        `${read ? `${written} (${text} here)` : text} does not exist: the ${def.kind} "${def.name}" is read from it, and ${fails}. Create the file before \`compose ${mounted ? 'up' : 'build'}\`.`,
        { data: { written, file: path.resolve(project.directory, text), ...(read ? { read: text } : {}) } satisfies MissingMountedFileData }));
    }
    return out;
  },
  fix: ({ doc, diagnostic, data }) => (diagnostic.code === 'unset-variable' ? [] : missingFileFixes(doc, diagnostic, data)),
};

/**
 * `unset-variable` for a used secret or config read from `environment: NAME` that neither the environment nor
 * the project's .env sets: `up` refuses a service that uses it ("environment variable ... required by file ...
 * is not set", measured on 2.26.1). A warning, since the environment Compose runs in may set it.
 */
function environmentUnset(doc: ComposeDocument, project: ComposeProject, def: NameDefinition): Diagnostic | undefined {
  const node = getValue(def.value, 'environment');
  const name = scalarText(node);
  const range = nodeRange(node);
  if (!name || !range || isInterpolated(name) || project.variable(name) !== undefined) return undefined;
  if (project.references(def.kind, def.name).every((use) => use.via === 'build.secrets')) return undefined;
  return diagnostic(doc, range, DiagnosticSeverity.Warning, 'unset-variable',
    `Variable ${name} is not set (neither in the environment nor in .env): the ${def.kind} "${def.name}" is read from it, and \`compose up\` refuses a service that uses it ("environment variable "${name}" required by file ... is not set"). Set it in .env or in the environment Compose runs in.`);
}

function quoted(services: readonly string[]): string {
  const names = [...new Set(services)].map((name) => `"${name}"`);
  return names.length === 1 ? `service ${names[0]}` : `services ${names.join(', ')}`;
}
