// Variables for `${`: the ones of the project Compose will run — the env file
// Compose commands are given (`dockhand.compose.envFile`), its `.env` and the
// names already used in its files — and the language server's own
// process environment only when the setting asks for it (that is the editor's
// environment, not the one Compose runs in). Secret-looking values are masked.
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver';
import { readEnvFile } from '../../model/env';
import { findVariables } from '../../model/interpolation';
import type { ComposeDocument } from '../../model/document';
import type { ParsedBlock } from '../../model/parsedBlock';
import { DEFAULT_VARIABLE_SETTINGS } from '../request';
import { shownValue } from '../secrets';
import { CompletionItemKind, item, matches, type CompletionContext } from './context';

interface Candidate {
  readonly name: string;
  readonly detail: string;
  /** 0: the project's .env, 1: used in the project's files, 2: the process environment. */
  readonly rank: number;
}

/**
 * Items when the cursor is on the name of an open `${` in the scalar, else
 * undefined (so other completions answer).
 */
export function variableItems(c: CompletionContext): CompletionItem[] | undefined {
  const scalar = c.ctx.scalar;
  if (!scalar?.range) return undefined;
  const start = scalar.range[0];
  const offset = c.req.offset;
  if (offset < start || offset > scalar.range[1]) return undefined;
  // The source text of the scalar up to the cursor: offsets in it map one to one onto the document.
  const before = c.source.slice(start, offset);
  const uses = findVariables(before);
  const open = uses[uses.length - 1];
  if (!open || !open.unterminated || open.nameEnd !== before.length || open.operator !== '') return undefined;
  const nameStart = start + open.nameStart;
  // Replace the whole name, also the part after the cursor.
  let nameEnd = offset;
  while (nameEnd < scalar.range[1] && /[A-Za-z0-9_]/.test(c.source.charAt(nameEnd))) nameEnd++;
  const closed = c.source.charAt(nameEnd) === '}';
  const typed = c.source.slice(nameStart, offset).toLowerCase();
  return candidates(c)
    .filter((v) => v.name.toLowerCase().startsWith(typed))
    .map((v) => item(c, {
      label: v.name,
      kind: CompletionItemKind.Variable,
      text: closed ? v.name : `${v.name}}`,
      detail: v.detail,
      range: [nameStart, nameEnd],
      filterText: v.name,
      sortText: `${v.rank}${v.name}`,
    }));
}

/**
 * `${NAME}` items for a value of the user's own text (an environment value),
 * when asked for with nothing typed yet or after a `$`.
 */
export function variableReferenceItems(c: CompletionContext): CompletionItem[] {
  if (c.prefix !== '' && !c.prefix.startsWith('$')) return [];
  return candidates(c)
    .filter((v) => matches(c.prefix.replace(/^\$\{?/, ''), v.name))
    .map((v) => item(c, {
      label: `\${${v.name}}`,
      kind: CompletionItemKind.Variable,
      text: `\${${v.name}}`,
      detail: v.detail,
      filterText: `\${${v.name}}`,
      sortText: `${v.rank}${v.name}`,
    }));
}

function candidates(c: CompletionContext): Candidate[] {
  const req = c.req;
  const project = req.project;
  const settings = req.variables ?? DEFAULT_VARIABLE_SETTINGS;
  const found = new Map<string, Candidate>();
  for (const entry of settingEnvFile(c)) {
    found.set(entry.name, { name: entry.name, rank: 0, detail: `${entry.file}, line ${entry.line + 1}: ${truncate(shownValue(req, entry.name, entry.value))}` });
  }
  for (const entry of project.envFileVariables()) {
    if (found.has(entry.name)) continue;
    const file = entry.file ? path.basename(entry.file) : '.env';
    found.set(entry.name, { name: entry.name, rank: 0, detail: `${file}, line ${entry.line + 1}: ${truncate(shownValue(req, entry.name, entry.value))}` });
  }
  // The name being typed (`${PO|}`) is not a name the project uses.
  const docs = project.files.length > 0 ? project.files.map((f) => (f.uri === req.doc.uri ? req.doc : f.model.doc)) : [req.doc];
  for (const doc of docs) {
    for (const name of namesUsed(doc, doc === req.doc ? req.offset : undefined)) {
      if (found.has(name)) continue;
      const value = project.variable(name);
      const detail = value && (settings.processEnvironment || value.source !== 'environment')
        ? `used in the project; environment: ${truncate(shownValue(req, name, value.value))}`
        : 'used in the project';
      found.set(name, { name, rank: 1, detail });
    }
  }
  if (settings.processEnvironment) {
    for (const name of project.variableNames()) {
      const variable = project.variable(name)!;
      if (found.has(name) || variable.source !== 'environment') continue;
      found.set(name, { name, rank: 2, detail: `environment: ${truncate(shownValue(req, name, variable.value))}` });
    }
  }
  return [...found.values()];
}

/** The names each block's text uses: an unchanged block is the same object across edits (model/incremental.ts). */
const namesInBlock = new WeakMap<ParsedBlock, readonly string[]>();

/**
 * The variable names a document's text uses, in order, less the one being typed at `typing`. A document
 * spliced from blocks is read block by block, each block's names kept with it: each key typed inside `${`
 * scans the block it is typed in, not the whole text (~3.4 MB joined and scanned per key on 5,000 services).
 */
function namesUsed(doc: ComposeDocument, typing: number | undefined): string[] {
  if (!doc.blocks) return namesIn(doc.text.getText(), 0, typing);
  const out: string[] = [];
  for (const block of doc.blocks) {
    if (typing !== undefined && typing >= block.offset && typing <= block.offset + block.text.length) {
      out.push(...namesIn(block.text, block.offset, typing));
      continue;
    }
    let names = namesInBlock.get(block);
    if (!names) namesInBlock.set(block, (names = namesIn(block.text, 0, undefined)));
    out.push(...names);
  }
  return out;
}

/** The names of the finished uses in `text` (which starts at `base`), less one whose name holds `typing`. */
function namesIn(text: string, base: number, typing: number | undefined): string[] {
  const out: string[] = [];
  for (const use of findVariables(text)) {
    if (use.unterminated || (typing !== undefined && typing >= base + use.nameStart && typing <= base + use.nameEnd)) continue;
    out.push(use.name);
  }
  return out;
}

/** The entries of the env file the setting names (`--env-file` for Compose commands), if it is readable. */
function settingEnvFile(c: CompletionContext): { name: string; value: string; file: string; line: number }[] {
  const file = c.req.variables?.envFile;
  if (!file) return [];
  const full = path.resolve(c.req.project.directory, file);
  const text = c.req.workspace.readText(full);
  if (text === undefined) return [];
  return [...readEnvFile(text).entries].map(([name, entry]) => ({ name, value: entry.value, file: path.basename(full), line: entry.line }));
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
