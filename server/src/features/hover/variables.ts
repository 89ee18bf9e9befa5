// `${VAR}`: the value Compose will substitute, and where it comes from.
import * as path from 'node:path';
import type { VariableUse } from '../../model/interpolation';
import type { FeatureRequest } from '../request';
import { shownValue } from '../secrets';
import { bullets, code } from './markup';

export function variableBlocks(req: FeatureRequest, use: VariableUse): string[] {
  const project = req.project;
  const variable = project.variable(use.name);
  const lines: string[] = [];
  if (variable) {
    const where = variable.source === '.env'
      ? `from ${code(variable.file ? path.basename(variable.file) : '.env')}, line ${(variable.line ?? 0) + 1}${variable.file ? ` (${variable.file})` : ''}`
      : 'from the environment Compose runs in (it wins over `.env`)';
    const shown = shownValue(req, use.name, variable.value);
    lines.push(`Value: ${variable.value === '' ? 'empty' : shown === variable.value ? code(shown) : `hidden (${shown}): the name looks secret; \`dockhand.variables.showSecretValues\` shows it`}, ${where}.`);
  } else {
    lines.push('Unset: neither the environment nor `.env` gives it a value.');
  }
  const empty = !variable || variable.value === '';
  const argument = use.argument ?? '';
  switch (use.operator) {
    case ':-':
      if (empty) lines.push(`The default ${code(argument)} is used${variable ? ' (the value is empty)' : ''}.`);
      break;
    case '-':
      if (!variable) lines.push(`The default ${code(argument)} is used.`);
      break;
    case ':?':
    case '?':
      if (use.operator === ':?' ? empty : !variable) lines.push(`Compose stops with the error: ${argument ? code(argument) : 'required variable'}.`);
      break;
    case ':+':
    case '+':
      lines.push((use.operator === ':+' ? !empty : !!variable) ? `Set, so ${code(argument)} is substituted.` : 'Not set, so an empty string is substituted.');
      break;
    default:
      if (!variable) lines.push('Compose substitutes an empty string and warns that the variable is not set.');
  }
  return [`**Variable** ${code(use.name)}`, bullets(lines)];
}
