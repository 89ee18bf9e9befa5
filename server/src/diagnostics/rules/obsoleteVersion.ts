// `obsolete-version`: the top-level `version` is ignored by today's Compose,
// which only warns. A hint, shown faded, with a quick fix that removes it.
import { getPair, nodeRange } from '../../model/nodes';
import { removeTopLevelKey } from '../edits';
import { diagnostic, DiagnosticSeverity, DiagnosticTag } from '../make';
import type { Rule } from './rule';

export const obsoleteVersion: Rule = {
  codes: ['obsolete-version'],
  run({ doc }) {
    const pair = getPair(doc.yaml.contents, 'version');
    const key = nodeRange(pair?.key);
    if (!pair || !key) return [];
    const end = nodeRange(pair.value)?.[1] ?? key[1];
    return [diagnostic(doc, [key[0], end], DiagnosticSeverity.Hint, 'obsolete-version',
      '`version` is obsolete: Compose ignores it (the format is no longer versioned). Remove the line.', { tags: [DiagnosticTag.Unnecessary] })];
  },
  fix({ doc }) {
    const edit = removeTopLevelKey(doc, 'version');
    return edit ? [{ title: 'Remove the obsolete `version` line', edits: [edit], preferred: true }] : [];
  },
};
