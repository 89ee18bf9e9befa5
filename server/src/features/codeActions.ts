// Quick fixes for Dockhand's diagnostics. Each fix belongs to the rule that
// reported the diagnostic (diagnostics/fix.ts says how); this only asks for
// the fixes of each diagnostic, by its code, and makes them CodeActions.
import { CodeActionKind, ResponseError, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { QuickFix } from '../diagnostics/fix';
import { quickFixes } from '../diagnostics/index';
import { pathToUri } from '../model/workspace';
import type { FeatureRequest } from './request';
import { rename } from './rename';

type Req = Omit<FeatureRequest, 'offset'>;

export function codeActions(req: Req, _range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'dockhand') continue;
    for (const fix of quickFixes(req.doc, d)) {
      if (fix.creates && !req.client.createFiles) continue;
      const edit = fix.renames ? renameEdit(req, fix, fix.renames) : workspaceEdit(req, fix);
      if (!edit) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.preferred || undefined,
        edit,
      });
    }
  }
  return actions;
}

/** A fix that renames a name everywhere the project uses it: Rename Symbol's edits, or none where Rename refuses (the new name is taken, say). */
function renameEdit(req: Req, fix: QuickFix, renames: NonNullable<QuickFix['renames']>): WorkspaceEdit | undefined {
  let edit: WorkspaceEdit | null;
  try {
    edit = rename({ ...req, offset: req.doc.text.offsetAt(renames.at) }, renames.to);
  } catch (error) {
    if (error instanceof ResponseError) return undefined;
    throw error;
  }
  const changes = edit?.changes;
  if (!changes || Object.keys(changes).length === 0) return undefined;
  if (fix.edits.length > 0) changes[req.doc.uri] = [...fix.edits, ...(changes[req.doc.uri] ?? [])];
  return { changes };
}

function workspaceEdit(req: Req, fix: QuickFix): WorkspaceEdit {
  if (!fix.creates) return { changes: { [req.doc.uri]: [...fix.edits] } };
  const uri = pathToUri(fix.creates.path);
  const start = { line: 0, character: 0 };
  return {
    documentChanges: [
      // No `overwrite` nor `ignoreIfExists`: should the file exist by the time the edit is applied, the edit fails and nothing is written.
      { kind: 'create', uri },
      ...(fix.creates.text ? [{ textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: fix.creates.text }] }] : []),
      ...(fix.edits.length > 0 ? [{ textDocument: { uri: req.doc.uri, version: req.doc.version }, edits: [...fix.edits] }] : []),
    ],
  };
}
