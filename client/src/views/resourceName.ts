// The name for a volume or network to create: the one a quick fix passes, else asked, as the engine takes it.
import * as vscode from 'vscode';

/** `arg` when a quick fix or lens passes a name; else the name the user types, checked as Docker checks it. */
export async function nameToCreate(arg: unknown, what: 'volume' | 'network'): Promise<string | undefined> {
  if (typeof arg === 'string' && arg) return arg;
  return vscode.window.showInputBox({
    prompt: `Name of the new ${what}`,
    validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, "_", "." and "-", starting with a letter or digit'),
  });
}
