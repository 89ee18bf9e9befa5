// Hands VS Code the Enter rules of a Compose file (enterRules.ts) for the
// `dockercompose` language. They add to the configuration VS Code's YAML
// support declares for it (comments, brackets, folding), which stays as it is.
import * as vscode from 'vscode';
import { COMPOSE_LANGUAGE_ID } from './composeFiles';
import { enterRules } from './enterRules';

export function registerEnterRules(context: vscode.ExtensionContext): void {
  const onEnterRules = enterRules().map((rule) => ({
    beforeText: rule.beforeText,
    afterText: rule.afterText,
    action: { indentAction: rule.indent ? vscode.IndentAction.Indent : vscode.IndentAction.None, appendText: rule.appendText || undefined },
  }));
  context.subscriptions.push(vscode.languages.setLanguageConfiguration(COMPOSE_LANGUAGE_ID, { onEnterRules }));
}
