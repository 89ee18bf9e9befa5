// `missing-label-file`: a service's `label_file` that does not exist, or is a folder. Compose
// reads every label file when it loads the project and refuses it when one is
// missing ("label file ... not found"; an empty path too: it looks for a file
// with no name), so an error, as `missing-env-file` is. Unlike an env file, a
// label file cannot be marked optional. Paths are read from the Compose file's
// folder; one written with variables where the project's environment, .env and
// defaults put it, and one with a variable nothing sets is left to
// `unset-variable`. Quick fixes make the file, from the template beside it or
// empty (../fileFixes.ts). Checked against Compose 2.26.1's `config`.
import * as path from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { perDefinition } from '../../model/definitionMemo';
import type { ComposeDocument } from '../../model/document';
import { knownText } from '../../model/interpolation';
import { nodeRange, scalarText, seqItems } from '../../model/nodes';
import { isInterpolated } from '../../spec/interpolated';
import { missingFileFixes, type MissingFileData } from '../fileFixes';
import { diagnostic, DiagnosticSeverity } from '../make';
import { keyOfMap, resolve } from '../specWalk';
import type { Rule } from './rule';

/** Where a missing label file is looked for (the fix makes it there), the path as written, and the path its variables give. */
export type MissingLabelFileData = MissingFileData;

/** A service's `label_file` entries (one path or a list), looked up once per definition. */
const labelFileItems = perDefinition((body: unknown, doc: ComposeDocument): readonly unknown[] => {
  const value = isMap(body) ? keyOfMap(doc, body, 'label_file') : undefined;
  return isScalar(value) ? [value] : seqItems(value).map((item) => resolve(doc, item));
});

export const labelFiles: Rule<MissingLabelFileData> = {
  codes: ['missing-label-file'],
  run({ doc, file, project, workspace }) {
    const out: Diagnostic[] = [];
    // An unsaved document has no folder: relative paths in it mean nothing yet.
    if (!doc.uri.startsWith('file:')) return out;
    // Where Compose resolves relative paths: the folder it runs in (an override's too), not the file's own.
    const dir = project.directory;
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const item of labelFileItems(def, doc)) {
        const written = scalarText(item);
        const range = nodeRange(item);
        if (written === undefined || !range) continue;
        const text = knownText(written, project.lookup);
        if (text === undefined) continue;
        const named = isInterpolated(written) ? `${written} (${text === '' ? 'an empty path' : text} here)` : written === '' ? 'with an empty path' : written;
        if (text === '') {
          out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-label-file',
            `label file ${named}: Compose looks for a file with no name and refuses to load the project ("label file  not found"; service "${def.name}"). Write the path of a file of KEY=value lines, or remove the entry.`));
          continue;
        }
        const full = path.resolve(dir, text);
        if (workspace.exists(full)) {
          if (workspace.readText(full) === undefined && workspace.isFolder(full)) {
            out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-label-file',
              `label file ${named} is a folder, not a file: Compose refuses to load the project ("read ${full}: is a directory"; service "${def.name}"). Name a file of KEY=value lines.`));
          }
          continue;
        }
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'missing-label-file',
          `label file ${named} not found: Compose refuses to load the project without it (service "${def.name}"). Create the file (KEY=value lines), fix the path, or remove the entry.`,
          { data: { file: full, written, ...(text !== written ? { read: text } : {}) } satisfies MissingLabelFileData }));
      }
    }
    return out;
  },
  fix: ({ doc, diagnostic, data }) => missingFileFixes(doc, diagnostic, data),
};
