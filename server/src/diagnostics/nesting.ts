// What is said about a file nested deeper than Dockhand reads
// (model/nestingDepth.ts). Compose reads up to 10,000 levels: go-yaml stops at
// "exceeded max depth of 10000", and Compose's validator, reading the file as
// JSON, at more than 10,000 nested values ("exceeded max depth"). Deeper than
// that is Compose's error; between the two the file is fine to Compose and not
// read by us: a warning that it was not checked, not an error in the file.
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import { nestingDepth, READABLE_DEPTH } from '../model/nestingDepth';
import { diagnostic, DiagnosticSeverity } from './make';

/** The most nested values Compose reads: the root mapping counts as one. */
export const COMPOSE_MAX_DEPTH = 10_000;

/** The code of the warning for a file too deep for Dockhand and not for Compose. */
export const NESTING_TOO_DEEP_CODE = 'nesting-too-deep';

/**
 * What to say where the parser ran out of stack at `range`: an error in Compose's words when the file
 * nests deeper than Compose reads, else a warning that this file was not checked.
 */
export function tooDeepFinding(doc: ComposeDocument, range: [number, number]): Diagnostic {
  const depth = nestingDepth(doc.text.getText());
  if (depth > COMPOSE_MAX_DEPTH) {
    return diagnostic(doc, range, DiagnosticSeverity.Error, 'yaml-syntax',
      `This file nests ${depth.toLocaleString('en')} values deep; Compose reads at most ${COMPOSE_MAX_DEPTH.toLocaleString('en')} and refuses it ("exceeded max depth of ${COMPOSE_MAX_DEPTH}").`);
  }
  return diagnostic(doc, range, DiagnosticSeverity.Warning, NESTING_TOO_DEEP_CODE,
    `This file nests ${depth.toLocaleString('en')} values deep, more than the ${READABLE_DEPTH} Dockhand reads, so it was not checked (Compose reads up to ${COMPOSE_MAX_DEPTH.toLocaleString('en')}).`);
}
