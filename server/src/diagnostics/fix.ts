// Quick fixes belong to the rule that reports the diagnostic. A rule with a
// fix has `fix(req)` beside `run` (see rules/rule.ts), reading back the data
// it attached when it reported, typed with the same interface. The editor
// returns that data with the code-action request, so a fix never re-parses
// what the rule already knew; it only checks the document still holds what
// the rule saw. features/codeActions.ts finds the rule by the diagnostic's
// code and turns its fixes into CodeActions.
//
// To add a quick fix: give the rule's diagnostic the data the fix needs (an
// exported `...Data` interface in the rule's file), then add `fix` to the rule
// (or, for a format rule, to its FormatRule). Shared edits live in edits.ts.
import { Range, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';

export interface FixRequest<Data> {
  readonly doc: ComposeDocument;
  readonly diagnostic: Diagnostic;
  /** The data the rule attached, as the editor sent it back: absent fields, or a stale document, are possible. */
  readonly data: Partial<Data>;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix to apply by default (VS Code's "auto fix"). */
  readonly preferred?: boolean;
  /**
   * A file the fix makes, with its first text: offered only to an editor that can create files, and made
   * only where none is (the edit fails rather than overwrite one made meanwhile).
   */
  readonly creates?: { readonly path: string; readonly text: string };
  /**
   * The name at `at` (a service, network, volume, config or secret) renamed to `to` in every file of the project
   * that uses it, as Rename Symbol does (features/rename.ts), after `edits`. Not offered where Rename would refuse.
   */
  readonly renames?: { readonly at: Position; readonly to: string };
}

export type Fix<Data> = (req: FixRequest<Data>) => QuickFix[];

/**
 * "Did you mean": the diagnostic's text (`from`) and what it probably should be (`to`). `at`: where `from` is
 * written when that is not under the finding (a name an alias brings is reported at the alias).
 */
export interface ReplaceData {
  readonly replace?: { readonly from: string; readonly to: string; readonly at?: Range };
}

/** Every word the key accepts, as one fix each; `replace` (the closest word) is the preferred one. */
export interface ValuesData extends ReplaceData {
  readonly values?: { readonly from: string; readonly to: readonly string[] };
}

/** "Change 'sometimes' to 'no'", ... one per allowed word, the closest first and preferred. */
export const valuesFix: Fix<ValuesData> = (req) => {
  const preferred = replaceFix(req);
  const values = req.data.values;
  if (!values || typeof values.from !== 'string' || !Array.isArray(values.to)) return preferred;
  if (req.doc.text.getText(req.diagnostic.range) !== values.from) return preferred;
  const closest = req.data.replace?.to;
  const others = values.to
    .filter((word): word is string => typeof word === 'string' && word !== closest)
    .map((word) => ({ title: `Change '${values.from}' to '${word}'`, edits: [{ range: req.diagnostic.range, newText: word }] }));
  return [...preferred, ...others];
};

/** Swaps `from` for `to`, if the text under the diagnostic is still `from`. */
export const replaceFix: Fix<ReplaceData> = ({ doc, diagnostic, data }) => {
  const replace = data.replace;
  if (!replace || typeof replace.from !== 'string' || typeof replace.to !== 'string') return [];
  const elsewhere = Range.is(replace.at) ? replace.at : undefined;
  const range = elsewhere ?? diagnostic.range;
  if (doc.text.getText(range) !== replace.from) return [];
  // A value put in double quotes to keep it as text (reformatted-value, non-finite-number) says so.
  const title = replace.to === `"${replace.from}"`
    ? `Quote ${replace.from} to keep it as text`
    : replace.from === `"${replace.to}"` || replace.from === `'${replace.to}'`
      ? `Write ${replace.to} without quotes`
      : replace.to === `${replace.from}:`
        ? `Add a colon after ${replace.from}`
        : `Change '${replace.from}' to '${replace.to}'`;
  const where = elsewhere ? ` where it is written (line ${elsewhere.start.line + 1})` : '';
  return [{ title: `${title}${where}`, edits: [{ range, newText: replace.to }], preferred: true }];
};
