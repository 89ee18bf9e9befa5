// `file-too-large`: a Compose file over MAX_FILE_BYTES is not read at all,
// in the editor (parsing it would freeze typing for seconds on each key) or
// by `dockhand check` (one home for the words both say). Compose may well
// read it: this says the file was not checked, so it is a warning.
import type { Diagnostic } from 'vscode-languageserver';
import { MAX_FILE_BYTES } from '../model/workspace';

export function tooLargeDiagnostic(bytes: number): Diagnostic {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 2,
    source: 'dockhand',
    code: 'file-too-large',
    message:
      `This file is ${mb(bytes)} MB; Dockhand analyses Compose files up to ${mb(MAX_FILE_BYTES)} MB, so completion, hover and checks are off for it. ` +
      'Split it into smaller files joined with `include` to get them back.',
  };
}
