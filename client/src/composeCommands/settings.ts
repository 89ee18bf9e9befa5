// The settings Compose commands read, resolved for one file's folder.
import * as vscode from 'vscode';

export interface ComposeUserSettings {
  composeCommand: string;
  dockerHost: string;
  buildOnUp: boolean;
  /** Relative to the compose file's folder, or absolute. */
  envFile: string;
  profiles: string[];
  projectName: string;
  codeLens: boolean;
  /** `--resolve-image` for stack deploys. */
  stackResolveImage: 'always' | 'changed' | 'never';
}

export function readComposeSettings(uri?: vscode.Uri): ComposeUserSettings {
  const config = vscode.workspace.getConfiguration('dockhand', uri);
  return {
    composeCommand: config.get<string>('composeCommand', '').trim(),
    dockerHost: config.get<string>('dockerHost', '').trim(),
    buildOnUp: config.get<boolean>('compose.buildOnUp', false),
    envFile: config.get<string>('compose.envFile', '').trim(),
    profiles: config.get<string[]>('compose.profiles', []).filter((p) => typeof p === 'string' && p.trim()),
    projectName: config.get<string>('compose.projectName', '').trim(),
    codeLens: config.get<boolean>('compose.codeLens', true),
    stackResolveImage: config.get<'always' | 'changed' | 'never'>('stack.resolveImage', 'always'),
  };
}
