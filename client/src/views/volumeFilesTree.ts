// The Volume Files view: the files of the volume the user chose to browse, as a
// tree in the Dockhand side bar. Items open `dockhand-volume:` documents, which
// are read-only (volumeFsProvider.ts). The workspace is never changed: adding
// a workspace folder would make VS Code reload the window into a multi-root
// workspace, closing the user's editors and terminals.
import * as vscode from 'vscode';
import { volumeUri } from './volumeFsProvider';

export type VolumeFileNode =
  | { kind: 'entry'; volume: string; path: string; name: string; type: vscode.FileType }
  | { kind: 'message'; text: string };

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // FileSystemError messages carry their code in parentheses at the end.
  return message.replace(/\s*\((FileNotFound|Unavailable|NoPermissions|FileIsADirectory)\)$/, '');
}

export class VolumeFilesTreeProvider implements vscode.TreeDataProvider<VolumeFileNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VolumeFileNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private current: string | undefined;

  /** The volume shown, if any. */
  get volume(): string | undefined {
    return this.current;
  }

  show(volume: string): void {
    this.current = volume;
    this.emitter.fire(undefined);
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: VolumeFileNode): Promise<VolumeFileNode[]> {
    const volume = node?.kind === 'entry' ? node.volume : this.current;
    if (!volume || node?.kind === 'message') return [];
    const path = node?.kind === 'entry' ? `/${node.path}` : '/';
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(volumeUri(volume, path));
    } catch (error) {
      return [{ kind: 'message', text: `Cannot read ${volume}${path}: ${errorText(error)}` }];
    }
    if (entries.length === 0) return [{ kind: 'message', text: node ? 'This folder is empty.' : `Volume ${volume} is empty.` }];
    const isDir = (t: vscode.FileType) => (t & vscode.FileType.Directory) !== 0;
    return entries
      .sort(([a, ta], [b, tb]) => Number(isDir(tb)) - Number(isDir(ta)) || a.localeCompare(b))
      .map(([name, type]) => ({ kind: 'entry', volume, name, type, path: node?.kind === 'entry' ? `${node.path}/${name}` : name }));
  }

  getTreeItem(node: VolumeFileNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.tooltip = node.text;
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    const uri = volumeUri(node.volume, `/${node.path}`);
    const folder = (node.type & vscode.FileType.Directory) !== 0;
    const item = new vscode.TreeItem(uri, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = uri.toString();
    item.label = node.name;
    // Not "dockhand.volume…": the volume menus match that prefix.
    item.contextValue = folder ? 'dockhand.browsedFolder' : 'dockhand.browsedFile';
    if (node.type & vscode.FileType.SymbolicLink) {
      item.description = 'symbolic link';
      item.tooltip = `${node.path} (a symbolic link; open its target instead)`;
    } else if (!folder) {
      item.tooltip = `${node.path} in volume ${node.volume} (read-only)`;
      item.command = { command: 'vscode.open', title: 'Open (read-only)', arguments: [uri, { preview: true }] };
    }
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
