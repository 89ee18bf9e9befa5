// Findings shown in the env file they are about. The editor syncs only
// Compose files with the server, so a line of `.env` or of a service's
// `env_file` that Compose refuses was shown only on the Compose file (with a
// link to the line). Opening the env file itself showed nothing. A published
// diagnostic may name any file, open or not: each Compose file's findings
// about an env file's line (`invalid-env-file`, and `unset-variable` for a
// line that requires a variable) are published on that line too.
//
// An env file can be read by several Compose files (a shared `.env`-like
// file, two projects in one folder): its list is the union of what each of
// them says, each finding once, and it is cleared when none of them says it
// any more (its Compose file's next run, or its closing).
import type { Diagnostic } from 'vscode-languageserver';
import { messageText } from './make';

/** The codes whose related line is the place in an env file the finding is about (rules/envFiles.ts). */
const ABOUT_ENV_FILE_LINE: ReadonlySet<unknown> = new Set(['invalid-env-file', 'unset-variable']);

/** The link back from the env file's line to where the Compose file reads it (its own finding says the rest). */
export const READ_HERE = 'the Compose file reads this file here';

/**
 * The findings `diagnostics` (of the Compose file `owner`) make in other files, by file: one at each
 * related line of an env file, saying what is wrong there and pointing back at where `owner` reads it.
 * A file the editor syncs (`synced`) is left alone: its own run speaks for it.
 */
export function findingsInEnvFiles(owner: string, diagnostics: readonly Diagnostic[], synced: (uri: string) => boolean): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!ABOUT_ENV_FILE_LINE.has(d.code)) continue;
    for (const related of d.relatedInformation ?? []) {
      const uri = related.location.uri;
      if (uri === owner || synced(uri)) continue;
      const there: Diagnostic = {
        range: related.location.range,
        severity: d.severity,
        code: d.code,
        source: d.source,
        message: related.message,
        relatedInformation: [{ location: { uri: owner, range: d.range }, message: READ_HERE }],
      };
      const list = out.get(uri) ?? [];
      list.push(there);
      out.set(uri, list);
    }
  }
  return out;
}

/** One finding in an env file, whoever reads it: its line, code and message. */
function identity(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}:${String(d.code)}:${messageText(d.message)}`;
}

/**
 * What each Compose file said about env files, merged per env file and published when an env file's
 * list changes (`publish(uri, [])` clears it).
 */
export class EnvFileFindings {
  /** Compose file -> env file -> its findings there. */
  private readonly byOwner = new Map<string, Map<string, Diagnostic[]>>();
  /** What was last published per env file, by identity, to skip sending the same list again. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly synced: (uri: string) => boolean,
  ) {}

  /** The run of the Compose file `owner` found `diagnostics` (an empty list when it closes). */
  update(owner: string, diagnostics: readonly Diagnostic[]): void {
    const found = findingsInEnvFiles(owner, diagnostics, this.synced);
    const before = this.byOwner.get(owner);
    if (found.size > 0) this.byOwner.set(owner, found);
    else this.byOwner.delete(owner);
    const touched = new Set([...(before?.keys() ?? []), ...found.keys()]);
    for (const uri of touched) this.publishMerged(uri);
  }

  private publishMerged(uri: string): void {
    const merged = new Map<string, Diagnostic>();
    for (const files of this.byOwner.values()) for (const d of files.get(uri) ?? []) if (!merged.has(identity(d))) merged.set(identity(d), d);
    const list = [...merged.values()].sort((a, b) => a.range.start.line - b.range.start.line);
    const key = list.map(identity).join('\n');
    if ((this.published.get(uri) ?? '') === key) return;
    if (list.length > 0) this.published.set(uri, key);
    else this.published.delete(uri);
    this.publish(uri, list);
  }
}
