// The "see what Compose created" half of the client: the Dockhand activity-bar
// views (Compose, Volumes), container and volume commands, live stats, the
// read-only volume file system, and the volume CodeLens on compose files.
import * as vscode from 'vscode';
import { nameToCreate } from './resourceName';
import { listNetworks } from '../docker/networks';
import { ComposeTreeProvider, type ComposeNode } from './composeTree';
import { registerComposeVolumeStatus } from './composeVolumeLens';
import { registerContainerCommands } from './containerCommands';
import { EngineSession, showEngineError } from './engineSession';
import { INSPECT_SCHEME, ReadonlyJsonProvider } from './readonlyJson';
import { StatsPanel } from './statsPanel';
import { registerTopology } from './topologyPanel';
import { registerVolumeCommands } from './volumeCommands';
import { HelperImages } from './helperImages';
import { VolumeFilesTreeProvider } from './volumeFilesTree';
import { VOLUME_SCHEME, VolumeFileSystemProvider } from './volumeFsProvider';
import { VolumesTreeProvider } from './volumesTree';
import { SelectedVolume } from './selectedVolume';

/** What tests inside the extension host reach through the `dockhand.internal.views` command. */
export interface DockerViewsApi {
  compose: ComposeTreeProvider;
  volumes: VolumesTreeProvider;
  volumeFiles: VolumeFilesTreeProvider;
  helpers: HelperImages;
  session: EngineSession;
  statsPanel(project: string): StatsPanel | undefined;
}

export function registerDockerViews(context: vscode.ExtensionContext): DockerViewsApi {
  const session = new EngineSession();
  const compose = new ComposeTreeProvider(session);
  const volumes = new VolumesTreeProvider(session);
  const json = new ReadonlyJsonProvider();
  const helpers = new HelperImages(session);
  const volumeFiles = new VolumeFilesTreeProvider();
  const volumeFs = new VolumeFileSystemProvider(session, helpers);
  const volumeFilesView = vscode.window.createTreeView('dockhand.volumeFiles', { treeDataProvider: volumeFiles, showCollapseAll: true });
  const composeView = vscode.window.createTreeView('dockhand.compose', { treeDataProvider: compose, showCollapseAll: true });
  const volumesView = vscode.window.createTreeView('dockhand.volumes', { treeDataProvider: volumes });
  const selection = new SelectedVolume([composeView, volumesView]);
  context.subscriptions.push(
    session,
    compose,
    volumes,
    json,
    helpers,
    volumeFiles,
    volumeFilesView,
    composeView,
    volumesView,
    selection,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, json),
    vscode.workspace.registerFileSystemProvider(VOLUME_SCHEME, volumeFs, { isReadonly: true, isCaseSensitive: true }),
  );
  registerContainerCommands(context, session, json);
  registerVolumeCommands(context, { session, json, helpers, volumeFiles, volumeFilesView, volumeFs, selectedVolume: () => selection.name });
  registerComposeVolumeStatus(context, session);
  registerTopology(context, session);

  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('dockhand.refreshViews', () => session.refresh());
  register('dockhand.projectStats', async (arg) => {
    let project = typeof arg === 'string' ? arg : (arg as ComposeNode | undefined)?.kind === 'project' ? (arg as { project: { name: string } }).project.name : undefined;
    if (!project) {
      const children = await compose.getChildren();
      const names = children.flatMap((n) => (n.kind === 'project' ? [n.project.name] : []));
      if (names.length === 0) {
        void vscode.window.showInformationMessage('No Compose projects are running on this engine.');
        return;
      }
      project = names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { placeHolder: 'Live stats of which project?' });
    }
    if (project) StatsPanel.show(session, project);
  });
  register('dockhand.networkInspect', async (arg) => {
    const network = (arg as ComposeNode | undefined)?.kind === 'network' ? (arg as { network: { id: string; name: string } }).network : undefined;
    try {
      const { docker } = await session.engine();
      const target =
        network ??
        (await (async () => {
          const list = await listNetworks(docker);
          const picked = await vscode.window.showQuickPick(list.map((n) => ({ label: n.name, description: n.driver, id: n.id })), { placeHolder: 'Network to inspect' });
          return picked && { id: picked.id, name: picked.label };
        })());
      if (!target) return;
      await json.show('network', target.name, await docker.getNetwork(target.id).inspect());
    } catch (error) {
      await showEngineError(session, 'Could not inspect the network', error);
    }
  });

  register('dockhand.networkCreate', async (arg) => {
    const name = await nameToCreate(arg, 'network');
    if (!name) return;
    try {
      const { docker } = await session.engine();
      // A bridge network, as `docker network create NAME` makes it: what an external network is most often.
      await docker.createNetwork({ Name: name, CheckDuplicate: true });
      session.refresh();
      void vscode.window.showInformationMessage(`Created network ${name}.`);
      return name;
    } catch (error) {
      await showEngineError(session, `Could not create network ${name}`, error);
    }
  });

  const api: DockerViewsApi = { compose, volumes, volumeFiles, helpers, session, statsPanel: (project) => StatsPanel.of(project) };
  // For the end-to-end tests running inside the extension host; not in the palette.
  register('dockhand.internal.views', () => api);
  return api;
}
