// `compose-refuses`: what the Compose the user runs says when it refuses a
// project Dockhand finds no error in. Dockhand's own rules follow one Compose
// (2.26, held to it by the corpus tier); the user's may be older or newer: a
// key a later Compose brought (`models`, `develop.watch[].initial_sync`,
// `pull_policy: daily`) is refused by an earlier one before `up` starts. The
// client asks its Compose (`config -q`) about a saved project's files
// (client/src/composeVerdicts.ts); this module reads the answer into a place in
// the file and holds it for the version of the document Compose read. Only
// the saved text is judged, so an edit drops it until the next save; and a
// document with an error of Dockhand's own does not show it (Compose stops at
// its first refusal, which is most often that same error, said in fewer words).
import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeCheckParams } from '../../../common/src/protocol';
import type { ComposeDocument } from '../model/document';
import { keyText } from '../model/locate';
import { nodeRange, type Range } from '../model/nodes';
import { diagnostic, DiagnosticSeverity } from './make';

export const COMPOSE_REFUSES = 'compose-refuses';

/** Where Compose says it refused, as far as its message tells. */
export interface ComposeRefusal {
  /** The line that says why (Compose's warnings before it dropped). */
  readonly text: string;
  /** The file it names (`validating /path/compose.yaml: ...`), absolute as Compose printed it. */
  readonly file?: string;
  /** The keys and list indexes down to the value it judged (`services.web.develop.watch.0`). */
  readonly path?: readonly string[];
  /** A key it does not allow there (`Additional property initial_sync is not allowed`). */
  readonly key?: string;
  /** A 1-based line it names (`yaml: line 4: ...`). */
  readonly line?: number;
}

/** Compose's output when it refuses: its last line that is not a warning says why. */
export function readRefusal(output: string): ComposeRefusal | undefined {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !/^(?:WARN|WARNING)\b/.test(line) && !/^time="[^"]*" level=warn/.test(line));
  const text = lines[lines.length - 1];
  if (text === undefined) return undefined;
  const validating = /^validating (.+?): (\S+) (.*)$/.exec(text);
  if (validating) {
    const [, file, where, said] = validating;
    const path = where === '(root)' ? [] : where!.split('.');
    const key = /^Additional property (\S+) is not allowed/.exec(said!)?.[1];
    return { text, file, path, ...(key ? { key } : {}) };
  }
  const line = /\byaml: line (\d+):/.exec(text);
  if (line) return { text, line: Number(line[1]) };
  const service = /\bservice "([^"]+)"/.exec(text);
  if (service) return { text, path: ['services', service[1]!] };
  return { text };
}

/** The offsets Compose's refusal points at in `doc`: the key or value its path reaches, else the line it names, else the first line. */
export function refusalRange(doc: ComposeDocument, refusal: ComposeRefusal): Range {
  if (refusal.path) {
    const found = reach(doc.yaml.contents, refusal.path);
    if (found) {
      const inside = refusal.key && isMap(found.node) ? found.node.items.find((pair) => keyText(pair.key) === refusal.key) : undefined;
      const range = nodeRange(inside?.key) ?? found.key ?? nodeRange(found.node);
      if (range) return range;
    }
  }
  const lineCount = doc.text.lineCount;
  const line = refusal.line !== undefined && refusal.line >= 1 && refusal.line <= lineCount ? refusal.line - 1 : 0;
  const start = doc.text.offsetAt({ line, character: 0 });
  const end = doc.text.offsetAt({ line: line + 1, character: 0 });
  const text = doc.text.getText({ start: doc.text.positionAt(start), end: doc.text.positionAt(end) });
  const lead = text.length - text.trimStart().length;
  return [start + lead, start + text.trimEnd().length];
}

/**
 * The node a dotted path reaches, with the range of the key that holds it. A name may hold dots itself
 * (`web.v2` is a valid service name), so at a mapping the longest run of segments that is one of its keys wins.
 */
function reach(root: unknown, path: readonly string[]): { node: unknown; key?: Range } | undefined {
  let node: unknown = root;
  let key: Range | undefined;
  for (let i = 0; i < path.length; ) {
    if (isSeq(node)) {
      const index = Number(path[i]);
      if (!Number.isInteger(index) || index < 0 || index >= node.items.length) return undefined;
      node = node.items[index];
      key = undefined;
      i++;
      continue;
    }
    if (!isMap(node)) return undefined;
    const map = node;
    let matched = 0;
    for (let end = path.length; end > i && matched === 0; end--) {
      const name = path.slice(i, end).join('.');
      const pair = map.items.find((p) => keyText(p.key) === name);
      if (!pair) continue;
      key = nodeRange(pair.key);
      node = pair.value as Node | null;
      matched = end - i;
    }
    if (matched === 0) return undefined;
    i += matched;
  }
  return { node, key };
}

interface HeldRefusal {
  readonly compose: string;
  /** The version of the document Compose read; undefined when it was not open (the disk's text). */
  readonly version: number | undefined;
  readonly refusal: ComposeRefusal;
  /** The file Compose named, when it is not this document (it is not open): said in the message. */
  readonly elsewhere?: string;
}

/** The latest refusal per document, for the version Compose read. */
export class ComposeRefusals {
  private readonly held = new Map<string, HeldRefusal>();

  /** Records a check; returns the documents whose refusal came or went. */
  record(check: ComposeCheckParams, isShown: (uri: string) => boolean): string[] {
    const changed = new Set<string>();
    for (const file of check.files) if (this.held.delete(file.uri)) changed.add(file.uri);
    const refusal = check.refusal === undefined ? undefined : readRefusal(check.refusal);
    if (!refusal || check.files.length === 0) return [...changed];
    // On the file Compose names when it is shown, else on the file the check was made for, naming the other.
    const named = refusal.file === undefined ? undefined : check.files.find((f) => f.path === refusal.file);
    const target = named && isShown(named.uri) ? named : check.files[0]!;
    const elsewhere = refusal.file !== undefined && target.path !== refusal.file ? refusal.file : undefined;
    this.held.set(target.uri, { compose: check.compose, version: target.version, refusal, ...(elsewhere ? { elsewhere } : {}) });
    changed.add(target.uri);
    return [...changed];
  }

  forget(uri: string): void {
    this.held.delete(uri);
  }

  /** Every refusal held: a file the projects read changed (an env file mended, a Dockerfile given a stage), so each may be stale. */
  clear(): void {
    this.held.clear();
  }

  /**
   * The finding for `doc`, when Compose refused the very version it holds and `found` (Dockhand's own) has no
   * error, nor had one since. Not a variable nothing set (`${IMG:?}`): the environment Compose runs in decides, and Dockhand's
   * `unset-variable` says so as a warning.
   */
  finding(doc: ComposeDocument, found: readonly Diagnostic[]): Diagnostic | undefined {
    const held = this.held.get(doc.uri);
    if (!held || (held.version !== undefined && held.version !== doc.version)) return undefined;
    if (/\brequired variable \S+ is missing a value\b/.test(held.refusal.text)) return undefined;
    // Dockhand's own error is most often what Compose refused: once it is mended, so is Compose's reason, and the
    // refusal is not shown then either (the next save asks Compose again).
    if (found.some((d) => d.severity === DiagnosticSeverity.Error)) {
      this.held.delete(doc.uri);
      return undefined;
    }
    // A file with nothing in it yet, which Compose refuses ("empty compose file") and Dockhand leaves alone while it is written.
    if (!isMap(doc.yaml.contents) || doc.yaml.contents.items.length === 0) return undefined;
    const range = held.elsewhere ? refusalRange(doc, { text: held.refusal.text }) : refusalRange(doc, held.refusal);
    return diagnostic(doc, range, DiagnosticSeverity.Error, COMPOSE_REFUSES, `Compose ${held.compose} refuses this project as saved: ${reason(held.refusal, held.elsewhere)}`);
  }
}

/** Compose's reason without the path of the file shown it starts with; a file not shown is named. */
function reason(refusal: ComposeRefusal, elsewhere: string | undefined): string {
  const validating = /^validating (.+?): (.*)$/.exec(refusal.text);
  if (!validating) return refusal.text;
  // A value's refusal names its path twice (`services.web.pull_policy services.web.pull_policy must be one of...`).
  const said = validating[2]!.replace(/^(\S+) (?=\1 )/, '');
  return elsewhere ? `${said} (in ${elsewhere})` : said;
}
