// `dockhand check [FILES or folders...]`: the same diagnostics as the server,
// for CI. One process, one LanguageService (so projects, .env files and
// parsed documents are shared across the files checked), compiler-style output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver';
import type { RuleSeverity } from './diagnostics/settings';
import { isComposeFileName } from '../../common/src/composeFiles';
import { ALL_CODES } from './diagnostics/index';
import { emptyFileProblem } from './diagnostics/emptyFile';
import { tooLargeDiagnostic } from './diagnostics/tooLarge';
import { messageText, placesInMessage } from './diagnostics/make';
import { composeVerdict, findCompose, type ComposeProgram, type ComposeVerdict } from './composeCheck';
import { LanguageService } from './service';
import { MAX_FILE_BYTES, pathToUri, uriToPath } from './model/workspace';

const HELP = `Usage: dockhand check [options] [FILE or FOLDER...]

Checks Compose files with the diagnostics of the Dockhand language server and
prints one line per problem: FILE:LINE:COLUMN SEVERITY CODE MESSAGE.
Folders are searched (recursively) for compose.yaml, compose.yml,
docker-compose.yml, docker-compose.yaml and their compose.*.yaml variants.
With no FILE or FOLDER, the current folder is checked. Each file's .env
(beside its main Compose file) and the environment feed interpolation, as
with docker compose.

Options:
  --format human|json   Output style (default: human).
  --rule CODE=LEVEL     Turn a rule off or change its severity (LEVEL: off,
                        error, warning, information, hint). Repeatable.
  --all-yaml            In folders, check every .yml/.yaml file, not only
                        files named like Compose files.
  --quiet               Print errors only.
  --compose             Also run Compose itself (docker compose, else
                        docker-compose: config -q) on each project and report
                        where it and Dockhand disagree. Compose refusing a
                        project counts as an error; where Dockhand found
                        none, it is a compose-refuses finding at the key or
                        value Compose names.
  -h, --help            Show this help.

Exit status: 0 when no file has an error, 1 when one does, 2 when the
command itself failed (bad option, missing file).
`;

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);
const SEVERITY_NAME = ['', 'error', 'warning', 'info', 'hint'];

/** A file the workspace could not read: no rule ran on it, so this is its one finding. */
const UNREADABLE: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: 'unreadable-file', source: 'dockhand', message: 'Cannot read this file (not a regular file, or not readable).' };

/** Why a file gave no document: too large to read (a warning, the editor's words), or not readable at all. */
function unreadable(file: string): Diagnostic {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() && stat.size > MAX_FILE_BYTES ? tooLargeDiagnostic(stat.size) : UNREADABLE;
}

class UsageError extends Error {}

interface Options {
  format: 'human' | 'json';
  rules: Record<string, RuleSeverity>;
  allYaml: boolean;
  quiet: boolean;
  compose: boolean;
  targets: string[];
}

/** The command line, read by node:util's parseArgs; its errors reworded as usage errors that say what to do. */
function parseArgs(argv: string[]): Options | 'help' {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'check') throw new UsageError(`Unknown command '${command}': the only command is 'check'. Run 'dockhand --help'.`);
  let parsed;
  try {
    parsed = parseCommandLine({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'all-yaml': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        compose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) throw new UsageError(`Unknown option '${unknown}'. Run 'dockhand --help'.`);
    const option = /Option '(-[-\w]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && /argument missing/.test(message)) throw new UsageError(`${option} needs a value. Run 'dockhand --help'.`);
    throw new UsageError(`${message.split('\n')[0]} Run 'dockhand --help'.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const options: Options = { format: 'human', rules: {}, allYaml: values['all-yaml'] ?? false, quiet: values.quiet ?? false, compose: values.compose ?? false, targets: positionals };
  if (values.format !== undefined) {
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be 'human' or 'json', not '${values.format}'.`);
    options.format = values.format;
  }
  for (const spec of values.rule ?? []) {
    const [code, level] = spec.split('=');
    if (!code || !level || !LEVELS.has(level)) throw new UsageError(`--rule takes CODE=LEVEL with LEVEL one of off, error, warning, information, hint (got '${spec}').`);
    if (!ALL_CODES.includes(code)) throw new UsageError(`Unknown rule code '${code}'. Known codes: ${ALL_CODES.join(', ')}.`);
    options.rules[code] = level as RuleSeverity;
  }
  if (options.targets.length === 0) options.targets.push('.');
  return options;
}

function findFiles(dir: string, allYaml: boolean, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read folder ${dir}: ${(error as Error).message}`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) findFiles(full, allYaml, out);
    } else if (entry.isFile() && (allYaml ? /\.ya?ml$/.test(entry.name) : isComposeFileName(entry.name))) {
      out.push(full);
    }
  }
}

function collectFiles(targets: string[], allYaml: boolean): string[] {
  const files: string[] = [];
  for (const target of targets) {
    const full = path.resolve(target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`${target}: no such file or folder. Give the path of a Compose file or of a folder that holds some.`);
    }
    if (stat.isDirectory()) findFiles(full, allYaml, files);
    else files.push(full);
  }
  return [...new Set(files)];
}

interface FileResult {
  readonly file: string;
  diagnostics: Diagnostic[];
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function oneLine(message: Diagnostic['message']): string {
  return messageText(message).replace(/\s*\n\s*/g, ' ');
}

interface ComposeReport {
  readonly program?: ComposeProgram;
  readonly verdicts: (ComposeVerdict & { readonly dockhandErrors: number; readonly agrees: boolean })[];
}

/** Compose's verdict on each project checked (each set of files once), beside the number of errors Dockhand found in them. */
function askCompose(service: LanguageService, results: readonly FileResult[]): ComposeReport {
  const program = findCompose();
  if (!program) {
    process.stderr.write('dockhand: --compose: Docker Compose was not found (neither `docker compose` nor `docker-compose` answers); only Dockhand checked the files.\n');
    return { verdicts: [] };
  }
  const seen = new Set<string>();
  const verdicts: ComposeReport['verdicts'][number][] = [];
  for (const { file } of results) {
    const files = service.projectInfo(pathToUri(file))?.files ?? [file];
    const project = files.includes(file) ? files : [file];
    if (seen.has(project.join('\0'))) continue;
    seen.add(project.join('\0'));
    const verdict = composeVerdict(program, project);
    const dockhandErrors = results.filter((r) => project.includes(r.file)).reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
    verdicts.push({ ...verdict, dockhandErrors, agrees: verdict.loads === (dockhandErrors === 0) });
  }
  return { program, verdicts };
}

/**
 * Compose's refusal of a project Dockhand found no error in, as the editor shows it (`compose-refuses`, at the
 * key or value Compose names): a finding of the file it names, with its line and column.
 */
function addComposeRefusals(service: LanguageService, results: FileResult[], program: ComposeProgram, verdicts: ComposeReport['verdicts'], order: (a: Diagnostic, b: Diagnostic) => number): void {
  const checked = new Set(results.map((r) => pathToUri(r.file)));
  for (const verdict of verdicts) {
    if (verdict.loads || verdict.dockhandErrors > 0) continue;
    const files = verdict.files.map((file) => ({ uri: pathToUri(file), path: file }));
    for (const uri of service.composeChecked({ compose: program.version, files, refusal: verdict.message }, (uri) => checked.has(uri))) {
      const result = results.find((r) => pathToUri(r.file) === uri);
      if (result) result.diagnostics = service.diagnostics(uri, false).sort(order);
    }
  }
}

function composeLines(compose: ComposeReport): string[] {
  if (!compose.program) return [];
  const lines: string[] = [];
  for (const v of compose.verdicts) {
    const where = v.files.map(display).join(' + ');
    if (!v.loads) lines.push(`${where}: Compose refuses it: ${v.message}${v.agrees ? '' : ' (Dockhand reported no error: a disagreement)'}`);
    else if (!v.agrees) lines.push(`${where}: Compose loads it, but Dockhand reports ${v.dockhandErrors} error${v.dockhandErrors === 1 ? '' : 's'} (a disagreement)`);
  }
  const disagreements = compose.verdicts.filter((v) => !v.agrees).length;
  lines.push(`Compose ${compose.program.version}: ${compose.verdicts.length} project${compose.verdicts.length === 1 ? '' : 's'} checked, ${compose.verdicts.filter((v) => !v.loads).length} refused, ${disagreements} disagreement${disagreements === 1 ? '' : 's'} with Dockhand.`);
  return lines;
}

function printHuman(results: FileResult[], quiet: boolean, compose?: ComposeReport): void {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      if (d.severity === 1) errors++;
      if (d.severity === 2) warnings++;
      if (quiet && d.severity !== 1) continue;
      lines.push(`${display(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAME[d.severity ?? 1]} ${d.code} ${oneLine(placesInMessage(d, pathToUri(file)).message)}`);
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(results.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  if (compose) lines.push(...composeLines(compose));
  process.stdout.write(lines.join('\n') + '\n');
}

function printJson(results: FileResult[], quiet: boolean, compose?: ComposeReport): void {
  const diagnostics = results.flatMap(({ file, diagnostics }) =>
    diagnostics
      .filter((d) => !quiet || d.severity === 1)
      .map((d) => ({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_NAME[d.severity ?? 1],
        code: d.code,
        message: messageText(d.message),
        // The other places the finding is about (the other service publishing the same port).
        ...(d.relatedInformation?.length
          ? { related: d.relatedInformation.map(({ location, message }) => ({ file: uriToPath(location.uri), line: location.range.start.line + 1, column: location.range.start.character + 1, message })) }
          : {}),
      })),
  );
  const count = (severity: number) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0);
  const output = {
    files: results.map((r) => r.file),
    diagnostics,
    summary: { files: results.length, errors: count(1), warnings: count(2) },
    ...(compose?.program ? { compose: { version: compose.program.version, projects: compose.verdicts } } : {}),
  };
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
}

export function main(argv: string[]): number {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
    if (options === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    const files = collectFiles(options.targets, options.allYaml);
    const service = new LanguageService(process.env);
    service.configureDiagnostics({ rules: options.rules });
    const byPosition = (a: Diagnostic, b: Diagnostic) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    const results: FileResult[] = files.map((file) => ({ file, diagnostics: service.diagnostics(pathToUri(file), false).sort(byPosition) }));
    for (const r of results) {
      const doc = service.workspace.document(pathToUri(r.file));
      const problem = doc ? emptyFileProblem(doc) : unreadable(r.file);
      if (problem) r.diagnostics.push(problem);
    }
    const compose = options.compose ? askCompose(service, results) : undefined;
    if (compose?.program) addComposeRefusals(service, results, compose.program, compose.verdicts, byPosition);
    if (options.format === 'json') printJson(results, options.quiet, compose);
    else printHuman(results, options.quiet, compose);
    const refused = compose?.verdicts.some((v) => !v.loads) ?? false;
    return refused || results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dockhand: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
