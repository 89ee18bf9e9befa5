// Quick fixes for Dockhand's diagnostics. Each fix belongs to the rule that
// reported the diagnostic (diagnostics/fix.ts says how); this only asks for
// the fixes of each diagnostic, by its code, and makes them CodeActions.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import { quickFixes } from '../diagnostics/index';
import type { FeatureRequest } from './request';

type Req = Omit<FeatureRequest, 'offset'>;

export function codeActions(req: Req, _range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'dockhand') continue;
    for (const fix of quickFixes(req.doc, d)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.preferred || undefined,
        edit: { changes: { [req.doc.uri]: [...fix.edits] } },
      });
    }
  }
  return actions;
}
