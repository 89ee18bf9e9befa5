// The Compose view: projects -> services -> containers (state, health,
// ports), with each project's networks and volumes. Rebuilt from the engine
// when it reports changes (debounced in EngineSession), never polled.
import * as vscode from 'vscode';
import { listProjects } from '../docker/containers';
import { formatBytes } from '../docker/stats';
import { listNetworks, type AttachedContainer, type NetworkView } from '../docker/networks';
import { formatPort, type ContainerView, type PortMapping, type ProjectView, type ServiceView } from '../docker/projects';
import type { VolumeInfo } from '../docker/volumes';
import type { EngineSession } from './engineSession';

export type ComposeNode =
  | { kind: 'message'; text: string; detail?: string }
  | { kind: 'project'; project: ProjectView }
  | { kind: 'service'; project: string; service: ServiceView }
  | { kind: 'container'; container: ContainerView }
  | { kind: 'port'; container: ContainerView; port: PortMapping }
  | { kind: 'networks'; project: string }
  | { kind: 'network'; network: NetworkView }
  | { kind: 'attached'; network: string; attached: AttachedContainer }
  | { kind: 'volumes'; project: string }
  | { kind: 'volume'; volume: VolumeInfo };

function stateIcon(c: ContainerView): vscode.ThemeIcon {
  if (c.health === 'unhealthy') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (c.state === 'running') {
    return new vscode.ThemeIcon(c.health === 'starting' ? 'loading~spin' : 'vm-running', new vscode.ThemeColor('testing.iconPassed'));
  }
  if (c.state === 'paused') return new vscode.ThemeIcon('debug-pause');
  if (c.state === 'restarting') return new vscode.ThemeIcon('sync~spin');
  if (c.state === 'exited' && !/Exited \(0\)/.test(c.status)) return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  return new vscode.ThemeIcon('vm-outline');
}

export function containerDescription(c: ContainerView): string {
  const parts = [c.health ? `${c.state} (${c.health})` : c.state];
  const published = c.ports.filter((p) => p.hostPort).map(formatPort);
  if (published.length) parts.push(published.join(', '));
  return parts.join(' · ');
}

export class ComposeTreeProvider implements vscode.TreeDataProvider<ComposeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ComposeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  /** Per refresh: networks, loaded once and shared by every project (volumes: the session's one listing). */
  private cache: { networks?: Promise<NetworkView[]> } = {};

  constructor(private readonly session: EngineSession) {
    this.subscription = session.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.cache = {};
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private async networks(): Promise<NetworkView[]> {
    const { docker } = await this.session.engine();
    return (this.cache.networks ??= listNetworks(docker));
  }

  private volumes(): Promise<VolumeInfo[]> {
    return this.session.volumes();
  }

  async getChildren(node?: ComposeNode): Promise<ComposeNode[]> {
    try {
      return await this.children(node);
    } catch (error) {
      return [{ kind: 'message', text: await this.session.explain(error) }];
    }
  }

  private async children(node?: ComposeNode): Promise<ComposeNode[]> {
    if (!node) {
      const { docker } = await this.session.engine();
      const projects = await listProjects(docker);
      if (projects.length === 0) return [{ kind: 'message', text: 'No Compose containers on this engine.', detail: 'Run Compose Up on a compose file.' }];
      return projects.map((project) => ({ kind: 'project', project }));
    }
    switch (node.kind) {
      case 'project': {
        const name = node.project.name;
        return [
          ...node.project.services.map((service): ComposeNode => ({ kind: 'service', project: name, service })),
          { kind: 'networks', project: name },
          { kind: 'volumes', project: name },
        ];
      }
      case 'service':
        return node.service.containers.map((container) => ({ kind: 'container', container }));
      case 'container':
        return node.container.ports.map((port) => ({ kind: 'port', container: node.container, port }));
      case 'networks': {
        const nets = (await this.networks()).filter((n) => n.project === node.project);
        return nets.length ? nets.map((network) => ({ kind: 'network', network })) : [{ kind: 'message', text: 'No networks' }];
      }
      case 'network':
        return node.network.containers.map((attached) => ({ kind: 'attached', network: node.network.name, attached }));
      case 'volumes': {
        const vols = (await this.volumes()).filter((v) => v.project === node.project || v.users.some((u) => u.project === node.project));
        return vols.length ? vols.map((volume) => ({ kind: 'volume', volume })) : [{ kind: 'message', text: 'No named volumes' }];
      }
      default:
        return [];
    }
  }

  getTreeItem(node: ComposeNode): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text, None);
        item.description = node.detail;
        item.tooltip = [node.text, node.detail].filter(Boolean).join('\n');
        item.contextValue = 'dockhand.message';
        return item;
      }
      case 'project': {
        const p = node.project;
        const item = new vscode.TreeItem(p.name, Expanded);
        item.id = `project:${p.name}`;
        item.description = `${p.running}/${p.total} running`;
        item.tooltip = p.workingDir ? `${p.name}\n${p.workingDir}` : p.name;
        item.iconPath = new vscode.ThemeIcon('layers');
        item.contextValue = 'dockhand.project';
        return item;
      }
      case 'service': {
        const s = node.service;
        const running = s.containers.filter((c) => c.state === 'running').length;
        const item = new vscode.TreeItem(s.name, Expanded);
        item.id = `service:${node.project}/${s.name}`;
        item.description = s.containers.length === 1 ? containerDescription(s.containers[0]) : `${running}/${s.containers.length} running`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        item.contextValue = 'dockhand.service';
        return item;
      }
      case 'container': {
        const c = node.container;
        const item = new vscode.TreeItem(c.name, c.ports.length ? Collapsed : None);
        item.id = `container:${c.id}`;
        item.description = containerDescription(c);
        item.iconPath = stateIcon(c);
        const md = new vscode.MarkdownString(undefined, true);
        md.appendMarkdown(`**${c.name}** · ${c.service}${c.number ? ` #${c.number}` : ''}${c.oneoff ? ' (run)' : ''}\n\n`);
        md.appendMarkdown(`${c.status}\n\nImage: \`${c.image}\`\n\nID: \`${c.id.slice(0, 12)}\``);
        if (c.ports.length) md.appendMarkdown(`\n\nPorts (host → container): ${c.ports.map((p) => `\`${formatPort(p)}\``).join(', ')}`);
        item.tooltip = md;
        item.contextValue = c.state === 'running' ? 'dockhand.container.running' : 'dockhand.container.stopped';
        return item;
      }
      case 'port': {
        const item = new vscode.TreeItem(formatPort(node.port), None);
        item.iconPath = new vscode.ThemeIcon('plug');
        item.tooltip = node.port.hostPort ? 'Published: host → container' : 'Exposed only, not published on the host';
        item.contextValue = node.port.hostPort ? 'dockhand.port.published' : 'dockhand.port';
        if (node.port.hostPort && node.port.protocol === 'tcp') {
          item.command = { command: 'dockhand.openPortInBrowser', title: 'Open in Browser', arguments: [node] };
        }
        return item;
      }
      case 'networks': {
        const item = new vscode.TreeItem('Networks', Collapsed);
        item.id = `networks:${node.project}`;
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        return item;
      }
      case 'network': {
        const n = node.network;
        const item = new vscode.TreeItem(n.name, n.containers.length ? Collapsed : None);
        item.id = `network:${n.id}`;
        item.description = [n.driver, ...n.subnets, n.internal ? 'internal' : ''].filter(Boolean).join(' · ');
        item.tooltip = `${n.name}\nDriver: ${n.driver} (${n.scope})\nSubnet: ${n.subnets.join(', ') || '—'}\nGateway: ${n.gateways.join(', ') || '—'}${n.composeKey ? `\nCompose key: ${n.composeKey}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = 'dockhand.network';
        return item;
      }
      case 'attached': {
        const a = node.attached;
        const item = new vscode.TreeItem(a.name, None);
        item.description = [a.ipv4, a.ipv6, a.aliases.length ? `aliases: ${a.aliases.join(', ')}` : ''].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('vm');
        return item;
      }
      case 'volumes': {
        const item = new vscode.TreeItem('Volumes', Collapsed);
        item.id = `volumes:${node.project}`;
        item.iconPath = new vscode.ThemeIcon('database');
        return item;
      }
      case 'volume':
        return volumeTreeItem(node.volume, `project-volume:${node.volume.name}`);
    }
  }
}

export function volumeDescription(v: VolumeInfo): string {
  const parts: string[] = [];
  const services = [...new Set(v.users.map((u) => (u.project && u.service ? `${u.project}/${u.service}` : u.containerName)))];
  if (services.length) parts.push(services.join(', '));
  else if (v.project) parts.push(v.project);
  if (v.size !== undefined) parts.push(formatBytes(v.size));
  if (v.dangling) parts.push('dangling');
  return parts.join(' · ');
}

export function volumeTreeItem(v: VolumeInfo, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(v.name, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = volumeDescription(v);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${v.name}** (${v.driver})\n\n`);
  if (v.project) md.appendMarkdown(`Project: ${v.project}${v.composeKey ? `, key \`${v.composeKey}\`` : ''}\n\n`);
  md.appendMarkdown(`Size: ${v.size !== undefined ? formatBytes(v.size) : 'unknown (the engine does not report it)'}\n\n`);
  md.appendMarkdown(
    v.users.length
      ? `Used by: ${v.users.map((u) => `${u.containerName} (${u.state}) at \`${u.destination}\`${u.readOnly ? ' read-only' : ''}`).join(', ')}`
      : 'Dangling: no container uses it',
  );
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(v.dangling ? 'database' : 'database', v.dangling ? new vscode.ThemeColor('disabledForeground') : undefined);
  item.contextValue = v.dangling ? 'dockhand.volume.dangling' : 'dockhand.volume';
  return item;
}
