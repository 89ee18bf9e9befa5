// `missing-env-file`: an `env_file` that does not exist and is required (the
// default), written in the service or brought by a `<<` merge. Compose refuses
// to load the project (`docker compose config` fails with "env file ... not
// found"), so it is an error. `required: false` files are left alone, and so
// are paths written with a variable nothing sets; other interpolated paths are
// looked for where the project's environment, .env and defaults put them, as
// Compose does (`${ENV_FILE:-.env.local}`). An empty path (`""`, or variables
// that give none) is looked for as a file with no name, and refused unless
// optional. Its quick fixes (make the file, or
// mark it optional) are in envFileFixes.ts.
// `invalid-env-file`: an env file, or the project's `.env`, with a line
// Compose's dotenv reader refuses (model/env.ts `readEnvFile`): Compose
// refuses the project, optional file or not. The project's `.env` is reported
// in the project's main file, at its first key.
// `unset-variable` (shared with rules/variables.ts): an env file line that
// requires a variable nothing sets (`${TAG:?set TAG}`); a warning, since the
// environment Compose runs in may set it.
import * as path from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import { readEnvFile, type EnvFileProblem } from '../../model/env';
import { getValue, nodeRange, scalarText, seqItems, type Range } from '../../model/nodes';
import type { ComposeDocument } from '../../model/document';
import { perDefinition } from '../../model/definitionMemo';
import { pathToUri, type Workspace } from '../../model/workspace';
import { isInterpolated } from '../../spec/index';
import { knownText } from '../../model/interpolation';
import { keyOfMap, resolve } from '../specWalk';
import { diagnostic, DiagnosticSeverity } from '../make';
import { missingEnvFileFixes } from './envFileFixes';
import type { Rule } from './rule';

/**
 * A service's `env_file` entries, looked up once per definition (the files are looked for on every run):
 * written in the body or brought by a `<<` merge (an edit of the anchor's block reads the merging blocks
 * again, with new definitions).
 */
const envFileItems = perDefinition((body: unknown, doc: ComposeDocument): readonly unknown[] => {
  const value = isMap(body) ? keyOfMap(doc, body, 'env_file') : undefined;
  return isScalar(value) ? [value] : seqItems(value).map((item) => resolve(doc, item));
});

/**
 * The last text read of each env file and what Compose would refuse in it: a run asks for every service's
 * files. Keyed by how the file is read too: a project's `.env` is often a service's `env_file` as well.
 */
const problems = new Map<string, { readonly text: string; readonly problem: EnvFileProblem | undefined }>();

function problemIn(workspace: Workspace, file: string, asProjectEnv = false): EnvFileProblem | undefined {
  const text = workspace.readText(file);
  if (text === undefined) return undefined;
  const key = asProjectEnv ? `project:${file}` : file;
  const known = problems.get(key);
  if (known?.text === text) return known.problem;
  const { problem } = readEnvFile(text, undefined, asProjectEnv);
  problems.set(key, { text, problem });
  return problem;
}

/** A whole line of an env file, as a finding's related information: the Problems view links to it. */
function lineOf(file: string, at: { readonly line: number; readonly length: number }, message: string): DiagnosticRelatedInformation {
  return { location: { uri: pathToUri(file), range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: at.length } } }, message };
}

/** The finding at `range` of the Compose file, pointing at the refused line of `file` too (the Problems view links to it). */
function refusal(doc: ComposeDocument, range: Range, file: string, name: string, problem: EnvFileProblem): Diagnostic {
  const d = diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-env-file',
    `${name}, line ${problem.line + 1}: ${problem.reason}. Compose refuses to load the project ("failed to read ${name}"); fix that line (${problem.fix}).`);
  // Also the finding shown on the line itself when the env file is open (diagnostics/inEnvFiles.ts): it says all.
  d.relatedInformation = [lineOf(file, problem, `${problem.reason}: Compose refuses to load a project that reads this file; ${problem.fix}.`)];
  return d;
}

/** Text that may require a variable (`${NAME:?...}`, `${NAME?...}`): only such a file is read for it on every run. */
const MAY_REQUIRE = /\$\{[^}]*\?/;

/**
 * The findings at `range` for the variables `file`'s lines require and nothing sets: Compose refuses the
 * project ("required variable ... is missing a value") unless they are set when it runs, which only run
 * time knows, so a warning, as for `${VAR:?}` in the Compose file. One per variable.
 */
function requiredUnset(doc: ComposeDocument, range: Range, workspace: Workspace, file: string, name: string, lookup: (variable: string) => string | undefined, asProjectEnv = false): Diagnostic[] {
  const text = workspace.readText(file);
  if (text === undefined || !MAY_REQUIRE.test(text)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const unset of readEnvFile(text, lookup, asProjectEnv).requiredUnset) {
    if (seen.has(unset.name)) continue;
    seen.add(unset.name);
    const said = `required variable ${unset.name} is missing a value${unset.message ? `: ${unset.message}` : ''}`;
    const d = diagnostic(doc, range, DiagnosticSeverity.Warning, 'unset-variable',
      `${name}, line ${unset.line + 1}, requires ${unset.name}, which is not set (neither in the environment nor in .env): Compose will refuse to load the project ("${said}") unless it is set when it runs.`);
    d.relatedInformation = [lineOf(file, unset, `requires ${unset.name}, which is not set (neither in the environment nor in .env): Compose will refuse to load the project ("${said}") unless it is set when it runs.`)];
    out.push(d);
  }
  return out;
}

export const envFiles: Rule = {
  codes: ['missing-env-file', 'invalid-env-file', 'unset-variable'],
  run({ doc, file, project, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    // Where Compose resolves relative paths: the folder it runs in (an override's too), not the file's own.
    const dir = project.directory;
    const first = doc.yaml.contents && 'items' in doc.yaml.contents ? (doc.yaml.contents.items as { key?: unknown }[])[0]?.key : undefined;
    if (project.envFile && project.file(doc.uri)?.role === 'main' && first) {
      const problem = problemIn(workspace, project.envFile, true);
      const range = nodeRange(first);
      if (problem && range) out.push(refusal(doc, range, project.envFile, project.relative(project.envFile), problem));
      // The project's `.env` looks variables up in the environment alone (and its own lines above).
      const fromEnvironment = (name: string) => {
        const variable = project.variable(name);
        return variable?.source === 'environment' ? variable.value : undefined;
      };
      if (!problem && range) out.push(...requiredUnset(doc, range, workspace, project.envFile, project.relative(project.envFile), fromEnvironment, true));
    }
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const item of envFileItems(def, doc)) {
        const pathNode = isMap(item) ? getValue(item, 'path') : item;
        const required = isMap(item) ? scalarText(getValue(item, 'required')) : undefined;
        const written = scalarText(pathNode);
        const range = nodeRange(pathNode);
        if (written === undefined || !range) continue;
        // Where Compose looks for it: the path the variables give (one nothing sets may be set when it runs).
        const text = knownText(written, project.lookup);
        if (text === undefined) continue;
        if (text === '') {
          // Compose looks for a file with no name ("env file  not found"), unless the entry is optional.
          if (required !== 'false') out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-env-file',
            `env file ${written === '' ? 'path is empty' : `${written} gives an empty path here`}: Compose looks for a file with no name and refuses to load the project ("env file  not found"; service "${def.name}"). Write the path of an env file, remove the entry, or make it optional (long form with "required: false").`,
            { data: { path: '' } }));
          continue;
        }
        const read = isInterpolated(written);
        const named = read ? `${written} (${text} here)` : written;
        const full = path.resolve(dir, text);
        if (workspace.exists(full)) {
          if (workspace.readText(full) === undefined && workspace.isFolder(full)) {
            // Compose reads it even when optional: "read PATH: is a directory".
            out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-env-file',
              `env file ${named} is a folder, not a file: Compose refuses to load the project ("read ${full}: is a directory"; service "${def.name}"), even when the entry is optional. Name a file of KEY=value lines.`));
            continue;
          }
          const problem = problemIn(workspace, full);
          if (problem) out.push(refusal(doc, range, full, named, problem));
          else out.push(...requiredUnset(doc, range, workspace, full, named, project.lookup));
          continue;
        }
        if (required === 'false') continue;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-env-file',
          `env file ${named} not found: Compose refuses to load the project without it (service "${def.name}"). Create the file, fix the path, or make it optional (long form with "required: false").`,
          { data: { file: full, ...(read ? { path: text } : {}) } }));
      }
    }
    return out;
  },
  fix: ({ doc, diagnostic }) => (diagnostic.code === 'missing-env-file' ? missingEnvFileFixes(doc, diagnostic) : []),
};
