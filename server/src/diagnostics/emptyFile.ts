// `empty-file`, from `dockhand check` only: a file with no top-level key
// (nothing but comments, `{}`, a lone `---` or `~`), or with `version:` alone,
// which Compose drops before it looks (Compose 2.26.1). Compose refuses it
// ("empty compose file"; "Top-level object must be a mapping" for an
// explicit null), so in CI it is an error. The editor does not report it:
// every new file starts empty, and saying so while the user is about to type
// would be noise (a top-level value of another kind is wrong-type there).
import { isMap, isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';

/** The error for a file Compose refuses for having nothing in it; undefined when it has a key (or cannot be parsed: yaml-syntax speaks). */
export function emptyFileProblem(doc: ComposeDocument): Diagnostic | undefined {
  if (doc.errors.length > 0) return undefined;
  const contents = doc.yaml.contents;
  const nullValue = isScalar(contents) && contents.value === null;
  const versionOnly = isMap(contents) && contents.items.length > 0 && contents.items.every((pair) => isScalar(pair.key) && pair.key.value === 'version');
  if (versionOnly) return problem('This file has only `version:`, which Compose ignores, so it refuses the file as empty ("empty compose file"). Add `services:` with one service, or leave the file out of the project.');
  if (contents !== null && !nullValue && !(isMap(contents) && contents.items.length === 0)) return undefined;
  // A null written out (`~`, `null`) or a document started with `---` and left empty is a null document to Compose.
  const nullDocument = !isMap(contents) && (!!(nullValue && contents.source) || /^---[ \t]*(?:#.*)?$/m.test(doc.text.getText()));
  const words = nullDocument ? '"Top-level object must be a mapping"' : '"empty compose file"';
  return problem(`This file has no top-level key, so Compose refuses it (${words}). Give it at least \`services:\` with one service, or leave it out of the project.`);
}

function problem(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: 'empty-file', source: 'dockhand', message };
}
