// Volume commands: create, inspect, remove (confirmed; in use -> the
// containers named), prune (confirmed; space reclaimed), browse (the Volume
// Files view, read-only), back up and restore (the helper image settled first,
// then pickers, confirmations and a progress bar here; the work is in
// docker/volumeBackup.ts). A restore into a volume holding data asks: replace
// or merge; running containers using it are named and can be stopped first.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { nameToCreate } from './resourceName';
import { formatBytes } from '../docker/stats';
import { containerAction } from '../docker/containers';
import { backupVolume, restoreVolume, volumeHasData, type RestoreMode } from '../docker/volumeBackup';
import { HelperImageMissingError } from '../docker/volumeHelper';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume, volumeUsers, VolumeInUseError, type VolumeUser } from '../docker/volumes';
import { InvalidTarError } from '../docker/tarCheck';
import { showEngineError, type EngineSession } from './engineSession';
import type { HelperImages } from './helperImages';
import type { ReadonlyJsonProvider } from './readonlyJson';
import type { VolumeFilesTreeProvider } from './volumeFilesTree';
import { volumeUri, type VolumeFileSystemProvider } from './volumeFsProvider';

/**
 * A tree node ({ volume }), a name string, or nothing (then ask: run from the Command Palette, with the volume
 * selected in the Compose or Volumes view first, so Enter takes it).
 */
async function volumeName(session: EngineSession, arg: unknown, placeHolder: string, selected?: string): Promise<string | undefined> {
  if (typeof arg === 'string' && arg) return arg;
  const v = (arg as { volume?: { name?: string } } | undefined)?.volume?.name;
  if (v) return v;
  const { docker } = await session.engine();
  const volumes = await listVolumes(docker, { withSizes: false });
  if (volumes.length === 0) {
    void vscode.window.showInformationMessage('There are no volumes on this engine.');
    return undefined;
  }
  const items = volumes.map((x) => ({ label: x.name, description: x.project ?? (x.dangling ? 'dangling' : '') }));
  const first = items.findIndex((item) => item.label === selected);
  if (first > 0) items.unshift(...items.splice(first, 1));
  // Said first: a long project name would cut it off.
  if (first >= 0) items[0] = { ...items[0]!, description: ['selected', items[0]!.description].filter(Boolean).join(' · ') };
  const picked = await vscode.window.showQuickPick(items, { placeHolder });
  return picked?.label;
}

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

function progressReporter(progress: vscode.Progress<{ message?: string }>) {
  let last = 0;
  return (bytes: number, phase: 'checking' | 'copying') => {
    // Updating the notification on every chunk would flood the UI.
    if (bytes - last < 256 * 1024 && bytes !== 0) return;
    last = bytes;
    progress.report({ message: `${phase === 'checking' ? 'checking the archive' : 'copied'} ${formatBytes(bytes)}` });
  };
}

async function explainVolumeError(session: EngineSession, helpers: HelperImages | undefined, what: string, error: unknown): Promise<void> {
  // The chosen image was removed meanwhile: choose again next time.
  if (error instanceof HelperImageMissingError) helpers?.forget();
  if (error instanceof VolumeInUseError || error instanceof HelperImageMissingError || error instanceof InvalidTarError) {
    void vscode.window.showErrorMessage(`${what}: ${error.message}`);
    return;
  }
  await showEngineError(session, what, error);
}

/** What the volume commands work with, made once in register.ts. */
export interface VolumeViews {
  session: EngineSession;
  json: ReadonlyJsonProvider;
  helpers: HelperImages;
  volumeFiles: VolumeFilesTreeProvider;
  volumeFilesView: vscode.TreeView<unknown>;
  volumeFs: VolumeFileSystemProvider;
  /** The volume selected in the Compose or Volumes view (selectedVolume.ts), offered first when a command asks. */
  selectedVolume(): string | undefined;
}

export function registerVolumeCommands(context: vscode.ExtensionContext, views: VolumeViews): void {
  const { session, json, helpers } = views;
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('dockhand.volumeCreate', async (arg) => {
    const name = await nameToCreate(arg, 'volume');
    if (!name) return;
    try {
      const { docker } = await session.engine();
      await createVolume(docker, name);
      session.refresh();
      void vscode.window.showInformationMessage(`Created volume ${name}.`);
      return name;
    } catch (error) {
      await explainVolumeError(session, helpers, `Could not create volume ${name}`, error);
    }
  });

  register('dockhand.volumeInspect', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to inspect', views.selectedVolume());
    if (!name) return;
    try {
      const { docker } = await session.engine();
      await json.show('volume', name, await inspectVolume(docker, name));
    } catch (error) {
      await explainVolumeError(session, helpers, `Could not inspect volume ${name}`, error);
    }
  });

  register('dockhand.volumeRemove', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to remove', views.selectedVolume());
    if (!name) return;
    const answer = await vscode.window.showWarningMessage(
      `Remove volume ${name}? Its data is deleted and cannot be recovered.`,
      { modal: true },
      'Remove',
    );
    if (answer !== 'Remove') return;
    try {
      const { docker } = await session.engine();
      await removeVolume(docker, name);
      session.refresh();
      vscode.window.setStatusBarMessage(`$(check) Removed volume ${name}`, 3000);
    } catch (error) {
      await explainVolumeError(session, helpers, `Could not remove volume ${name}`, error);
    }
  });

  register('dockhand.volumePrune', async () => {
    try {
      const { docker } = await session.engine();
      const dangling = (await listVolumes(docker, { withSizes: false })).filter((v) => v.dangling);
      if (dangling.length === 0) {
        void vscode.window.showInformationMessage('No unused volumes: every volume is mounted by some container.');
        return;
      }
      const names = dangling.map((v) => v.name);
      const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, and ${names.length - 10} more` : '');
      const answer = await vscode.window.showWarningMessage(
        `Remove ${names.length} unused volume${names.length === 1 ? '' : 's'} (${shown})? Their data is deleted and cannot be recovered.`,
        { modal: true },
        'Prune',
      );
      if (answer !== 'Prune') return;
      const result = await pruneVolumes(docker);
      session.refresh();
      void vscode.window.showInformationMessage(
        `Removed ${result.deleted.length} volume${result.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(result.spaceReclaimed)}.`,
      );
    } catch (error) {
      await explainVolumeError(session, helpers, 'Could not prune volumes', error);
    }
  });

  register('dockhand.volumeBrowse', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to browse', views.selectedVolume());
    if (!name) return;
    if (!(await helpers.ensure('archive', `Browsing volume ${name}`))) return;
    // Read the root now, so a failure is said here rather than as an empty view.
    views.volumeFs.forget(name);
    try {
      await vscode.workspace.fs.readDirectory(volumeUri(name));
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not browse volume ${name}: ${error instanceof Error ? error.message.replace(/\s*\(\w+\)$/, '') : String(error)}`);
      return;
    }
    views.volumeFiles.show(name);
    views.volumeFilesView.description = `${name} (read-only)`;
    await vscode.commands.executeCommand('dockhand.volumeFiles.focus');
    return volumeUri(name).toString();
  });

  register('dockhand.volumeFilesRefresh', () => {
    const name = views.volumeFiles.volume;
    if (name) views.volumeFs.forget(name);
    views.volumeFiles.refresh();
  });

  /** arg: a node or name; target: a path (skips the dialog; used by tests and other commands). */
  register('dockhand.volumeBackup', async (arg, targetArg) => {
    const name = await volumeName(session, arg, 'Volume to back up', views.selectedVolume());
    if (!name) return;
    // Settle the helper image before any dialog: a missing one must not surface after the user picked a file.
    const image = await helpers.ensure('archive', `Backing up volume ${name}`);
    if (!image) return;
    let target = typeof targetArg === 'string' ? targetArg : undefined;
    if (!target) {
      const base = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(homedir());
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const picked = await vscode.window.showSaveDialog({
        title: `Back up volume ${name} (.tar.gz or .tgz: compressed; .tar: plain)`,
        defaultUri: vscode.Uri.joinPath(base, `${name}-${stamp}.tar.gz`),
        // "gz" and "tgz" as well: the dialog appends the filter's extension to a name that has none of them.
        filters: { 'Tar archives (.tar, .tar.gz, .tgz)': ['tar', 'gz', 'tgz'], 'All files': ['*'] },
        saveLabel: 'Back Up',
      });
      if (!picked) return;
      target = picked.fsPath;
    } else if (existsSync(target)) {
      // The save dialog asks about overwriting itself; a path given directly is asked here.
      const answer = await vscode.window.showWarningMessage(`${target} exists. Replace it with the backup of ${name}?`, { modal: true }, 'Replace');
      if (answer !== 'Replace') return;
    }
    const file = target;
    try {
      const { docker } = await session.engine();
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Backing up volume ${name}`, cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return backupVolume({ docker, volume: name, image, target: file, onProgress: progressReporter(progress), signal: abort.signal });
        },
      );
      const kind = result.compressed ? 'a gzip-compressed tar' : 'a plain tar (name it .tar.gz to compress)';
      void vscode.window.showInformationMessage(`Backed up volume ${name} to ${file}: ${kind}, ${files(result.files)}, ${formatBytes(result.archiveBytes)}.`);
      return file;
    } catch (error) {
      await explainVolumeError(session, helpers, `Could not back up volume ${name}`, error);
    }
  });

  register('dockhand.volumeRestore', async (arg, sourceArg) => {
    const name = await volumeName(session, arg, 'Volume to restore into', views.selectedVolume());
    if (!name) return;
    const image = await helpers.ensure('archive', `Restoring volume ${name}`);
    if (!image) return;
    let source = typeof sourceArg === 'string' ? sourceArg : undefined;
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        title: `Restore volume ${name} from (.tar, .tar.gz or .tgz)`,
        filters: { 'Tar archives (.tar, .tar.gz, .tgz)': ['tar', 'gz', 'tgz'], 'All files': ['*'] },
        canSelectMany: false,
        openLabel: 'Restore',
      });
      if (!picked?.[0]) return;
      source = picked[0].fsPath;
    }
    const file = source;
    let stopped: VolumeUser[] = [];
    try {
      const { docker } = await session.engine();
      const users = volumeUsers(await docker.listContainers({ all: true, filters: { volume: [name] } })).get(name) ?? [];
      const running = users.filter((u) => u.state === 'running');
      const runningNames = running.map((u) => u.containerName).join(', ');

      let mode: RestoreMode = 'merge';
      while (await volumeHasData(docker, name, image)) {
        const usedBy = users.length ? ` It is mounted by ${users.map((u) => `${u.containerName} (${u.state})`).join(', ')}.` : '';
        const answer = await vscode.window.showWarningMessage(
          `Volume ${name} already holds data. How should ${basename(file)} go into it?`,
          {
            modal: true,
            detail:
              `Replace: empty the volume first, so it holds exactly the archive. The data in it now is deleted.\n` +
              `Merge: write the archive's files into it. Files of the same name are overwritten; other files stay.\n\n` +
              `Back Up First saves the volume as it is now, then asks again.${usedBy}`,
          },
          // The first button is the one Enter presses: the choice that loses nothing comes first, the one that deletes last.
          'Back Up First',
          'Merge',
          'Replace',
        );
        if (!answer) return;
        if (answer === 'Back Up First') {
          if (!(await vscode.commands.executeCommand<string | undefined>('dockhand.volumeBackup', name))) return;
          continue;
        }
        mode = answer === 'Replace' ? 'replace' : 'merge';
        break;
      }
      const runImage = mode === 'replace' ? await helpers.ensure('run', `Emptying volume ${name}`) : image;
      if (!runImage) return;

      if (running.length) {
        const answer = await vscode.window.showWarningMessage(
          `Volume ${name} is in use by running container${running.length === 1 ? '' : 's'} ${runningNames}.`,
          {
            modal: true,
            detail:
              'Restoring while they run can leave them with a mix of old and new files, and what they write meanwhile may be lost. ' +
              'Stopping them first is safer; Dockhand offers to start them again afterwards.',
          },
          'Stop and Restore',
          'Restore While Running',
        );
        if (!answer) return;
        if (answer === 'Stop and Restore') {
          await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Stopping ${runningNames}` }, async () => {
            for (const u of running) await containerAction(docker, u.containerId, 'stop');
          });
          stopped = running;
          session.refresh();
        }
      }

      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Restoring volume ${name}${mode === 'replace' ? ' (replacing its contents)' : ''}`, cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return restoreVolume({ docker, volume: name, image, runImage, mode, source: file, onProgress: progressReporter(progress), signal: abort.signal });
        },
      );
      session.refresh();
      // The Volume Files view may show this volume: what it listed is gone or changed.
      if (views.volumeFiles.volume === name) await vscode.commands.executeCommand('dockhand.volumeFilesRefresh');
      const what = `Restored ${files(result.files)} (${formatBytes(result.contentBytes)}) from ${result.compressed ? 'a gzip-compressed' : 'a plain'} tar into volume ${name}${mode === 'replace' ? ', replacing its contents' : ''}.`;
      void offerRestart(session, what, stopped, (m, ...items) => vscode.window.showInformationMessage(m, ...items));
      return name;
    } catch (error) {
      await explainVolumeError(session, helpers, `Could not restore volume ${name}`, error);
      if (stopped.length) void offerRestart(session, `Volume ${name} was not restored.`, stopped, (m, ...items) => vscode.window.showWarningMessage(m, ...items));
    }
  });
}

/** After a restore (or its failure): the containers Dockhand stopped for it, started again if the user says so. */
async function offerRestart(
  session: EngineSession,
  message: string,
  stopped: VolumeUser[],
  show: (message: string, ...items: string[]) => Thenable<string | undefined>,
): Promise<void> {
  if (stopped.length === 0) {
    await show(message);
    return;
  }
  const names = stopped.map((u) => u.containerName).join(', ');
  const answer = await show(`${message} ${names} ${stopped.length === 1 ? 'was' : 'were'} stopped for it.`, 'Start Again');
  if (answer !== 'Start Again') return;
  try {
    const { docker } = await session.engine();
    for (const u of stopped) await containerAction(docker, u.containerId, 'start');
    session.refresh();
    vscode.window.setStatusBarMessage(`$(check) Started ${names}`, 3000);
  } catch (error) {
    await showEngineError(session, `Could not start ${names}`, error);
  }
}
