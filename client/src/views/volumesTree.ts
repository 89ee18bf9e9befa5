// The Volumes view: every volume on the engine, with the project and service
// using it, its size (engine disk-usage data) and dangling ones marked.
import * as vscode from 'vscode';
import type { VolumeInfo } from '../docker/volumes';
import type { EngineSession } from './engineSession';
import { volumeTreeItem } from './composeTree';

export type VolumeNode = { kind: 'volume'; volume: VolumeInfo } | { kind: 'message'; text: string };

export class VolumesTreeProvider implements vscode.TreeDataProvider<VolumeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VolumeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: EngineSession) {
    this.subscription = session.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  async getChildren(node?: VolumeNode): Promise<VolumeNode[]> {
    if (node) return [];
    try {
      const volumes = await this.session.volumes();
      if (volumes.length === 0) return [{ kind: 'message', text: 'No volumes on this engine.' }];
      return volumes.map((volume) => ({ kind: 'volume', volume }));
    } catch (error) {
      return [{ kind: 'message', text: await this.session.explain(error) }];
    }
  }

  getTreeItem(node: VolumeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.tooltip = node.text;
      return item;
    }
    return volumeTreeItem(node.volume, `volume:${node.volume.name}`);
  }
}
