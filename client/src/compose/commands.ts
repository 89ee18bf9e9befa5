// Compose commands (up, down, logs...) and the CodeLens: owned by the "run Compose" work.
import type * as vscode from 'vscode';

export function registerComposeCommands(_context: vscode.ExtensionContext): void {}
