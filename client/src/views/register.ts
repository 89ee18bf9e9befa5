// The Compose activity-bar view, volumes, stats: owned by the "see what Compose created" work.
import type * as vscode from 'vscode';

export function registerDockerViews(_context: vscode.ExtensionContext): void {}
