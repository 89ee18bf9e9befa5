// Interpolation (`${VAR}`) in values:
// - `unset-variable`: a variable with no value in the environment or .env and
//   no default: Compose substitutes an empty string (and warns), or refuses to
//   start for `${VAR:?message}`. A warning: the value may come from the
//   environment Compose eventually runs in. Quick fix: add a default.
// - `invalid-interpolation`: `${` without its `}`, or text Compose cannot
//   read as a variable; Compose refuses the file. Write `$$` for a dollar.
import type { Diagnostic } from 'vscode-languageserver';
import { findVariables, isInvalidUse } from '../../model/interpolation';
import { rangeInScalar } from '../../model/nodes';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';
import { structureOf } from './structure';
import { readable } from '../../model/chunkedDocument';

/** For `unset-variable` without a default: the variable, for the "give it a default" fix. */
export interface UnsetVariableData {
  readonly variable: string;
}

export const variables: Rule<UnsetVariableData> = {
  codes: ['unset-variable', 'invalid-interpolation'],
  run({ doc, project }) {
    const out: Diagnostic[] = [];
    const source = readable(doc.text);
    // The string values (not keys) that hold a `$`, in document order, aliases not followed.
    for (const scalar of structureOf(doc).withDollar) {
      const text = scalar.value as string;
      const uses = findVariables(text);
      for (const use of uses) {
        // Uses inside another's default only matter when that default is taken: stay quiet about them.
        if (uses.some((outer) => outer !== use && outer.start < use.start && use.end <= outer.end)) continue;
        const range = rangeInScalar(scalar, source, use.start, use.end - use.start);
        if (isInvalidUse(use)) {
          out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-interpolation',
            `Invalid interpolation "${text.slice(use.start, use.end)}": Compose refuses it. Write \${NAME}, \${NAME:-default}, or $$ for a literal dollar sign.`));
          continue;
        }
        if (project.variable(use.name) !== undefined) continue;
        if (use.operator === '') {
          out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, 'unset-variable',
            `Variable ${use.name} is not set (neither in the environment nor in .env) and has no default: Compose will use an empty string. Set it, or give a default: \${${use.name}:-value}.`,
            { data: { variable: use.name } satisfies UnsetVariableData }));
        } else if (use.operator === ':?' || use.operator === '?') {
          out.push(diagnostic(doc, range, DiagnosticSeverity.Warning, 'unset-variable',
            `Variable ${use.name} is required but not set (neither in the environment nor in .env): Compose will refuse to start${use.argument ? ` with "${use.argument}"` : ''} unless it is set when it runs.`));
        }
      }
    }
    return out;
  },
  fix({ doc, diagnostic, data }) {
    const name = data.variable;
    if (typeof name !== 'string') return [];
    // Only a plain use is rewritten: `${NAME:?message}` would lose its message.
    const written = doc.text.getText(diagnostic.range);
    if (written !== `\${${name}}` && written !== `$${name}`) return [];
    return [{ title: `Give \${${name}} a default (\${${name}:-})`, edits: [{ range: diagnostic.range, newText: `\${${name}:-}` }] }];
  },
};
