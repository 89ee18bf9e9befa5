// Volume commands: create, inspect, remove (confirmed; in use -> the
// containers named), prune (confirmed; space reclaimed), browse (read-only
// folder in the explorer), back up and restore (pickers, confirmations and a
// progress bar here; the work is in docker/volumeBackup.ts).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { formatBytes } from '../docker/stats';
import { backupVolume, restoreVolume, volumeHasData } from '../docker/volumeBackup';
import { HelperImageMissingError } from '../docker/volumeHelper';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume, volumeUsers, VolumeInUseError } from '../docker/volumes';
import { InvalidTarError } from '../docker/tarCheck';
import { showEngineError, type EngineSession } from './engineSession';
import type { ReadonlyJsonProvider } from './readonlyJson';
import { volumeUri } from './volumeFsProvider';

/** A tree node ({ volume }), a name string, or nothing (then ask). */
async function volumeName(session: EngineSession, arg: unknown, placeHolder: string): Promise<string | undefined> {
  if (typeof arg === 'string' && arg) return arg;
  const v = (arg as { volume?: { name?: string } } | undefined)?.volume?.name;
  if (v) return v;
  const { docker } = await session.engine();
  const volumes = await listVolumes(docker, { withSizes: false });
  if (volumes.length === 0) {
    void vscode.window.showInformationMessage('There are no volumes on this engine.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    volumes.map((x) => ({ label: x.name, description: x.project ?? (x.dangling ? 'dangling' : '') })),
    { placeHolder },
  );
  return picked?.label;
}

function progressReporter(progress: vscode.Progress<{ message?: string }>) {
  let last = 0;
  return (bytes: number, phase: 'checking' | 'copying') => {
    // Updating the notification on every chunk would flood the UI.
    if (bytes - last < 256 * 1024 && bytes !== 0) return;
    last = bytes;
    progress.report({ message: `${phase === 'checking' ? 'checking the archive' : 'copied'} ${formatBytes(bytes)}` });
  };
}

async function explainVolumeError(session: EngineSession, what: string, error: unknown): Promise<void> {
  if (error instanceof VolumeInUseError || error instanceof HelperImageMissingError || error instanceof InvalidTarError) {
    void vscode.window.showErrorMessage(`${what}: ${error.message}`);
    return;
  }
  await showEngineError(session, what, error);
}

export function registerVolumeCommands(context: vscode.ExtensionContext, session: EngineSession, json: ReadonlyJsonProvider): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('dockhand.volumeCreate', async (arg) => {
    const name =
      typeof arg === 'string' && arg
        ? arg
        : await vscode.window.showInputBox({
            prompt: 'Name of the new volume',
            validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, "_", "." and "-", starting with a letter or digit'),
          });
    if (!name) return;
    try {
      const { docker } = await session.engine();
      await createVolume(docker, name);
      session.refresh();
      void vscode.window.showInformationMessage(`Created volume ${name}.`);
      return name;
    } catch (error) {
      await explainVolumeError(session, `Could not create volume ${name}`, error);
    }
  });

  register('dockhand.volumeInspect', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to inspect');
    if (!name) return;
    try {
      const { docker } = await session.engine();
      await json.show('volume', name, await inspectVolume(docker, name));
    } catch (error) {
      await explainVolumeError(session, `Could not inspect volume ${name}`, error);
    }
  });

  register('dockhand.volumeRemove', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to remove');
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
      await explainVolumeError(session, `Could not remove volume ${name}`, error);
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
      await explainVolumeError(session, 'Could not prune volumes', error);
    }
  });

  register('dockhand.volumeBrowse', async (arg) => {
    const name = await volumeName(session, arg, 'Volume to browse');
    if (!name) return;
    const uri = volumeUri(name);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.some((f) => f.uri.toString() === uri.toString())) {
      vscode.workspace.updateWorkspaceFolders(folders.length, 0, { uri, name: `Volume ${name} (read-only)` });
    }
    await vscode.commands.executeCommand('workbench.view.explorer');
    return uri.toString();
  });

  /** arg: a node or name; target: a path (skips the dialog; used by tests and other commands). */
  register('dockhand.volumeBackup', async (arg, targetArg) => {
    const name = await volumeName(session, arg, 'Volume to back up');
    if (!name) return;
    let target = typeof targetArg === 'string' ? targetArg : undefined;
    if (!target) {
      const base = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(homedir());
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const picked = await vscode.window.showSaveDialog({
        title: `Back up volume ${name}`,
        defaultUri: vscode.Uri.joinPath(base, `${name}-${stamp}.tar`),
        filters: { 'Tar archives': ['tar'] },
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
          return backupVolume({ docker, volume: name, image: session.helperImage(), target: file, onProgress: progressReporter(progress), signal: abort.signal });
        },
      );
      void vscode.window.showInformationMessage(`Backed up volume ${name} to ${file} (${result.files} files, ${formatBytes(result.archiveBytes)}).`);
      return file;
    } catch (error) {
      await explainVolumeError(session, `Could not back up volume ${name}`, error);
    }
  });

  register('dockhand.volumeRestore', async (arg, sourceArg) => {
    const name = await volumeName(session, arg, 'Volume to restore into');
    if (!name) return;
    let source = typeof sourceArg === 'string' ? sourceArg : undefined;
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        title: `Restore volume ${name} from`,
        filters: { 'Tar archives': ['tar'] },
        canSelectMany: false,
        openLabel: 'Restore',
      });
      if (!picked?.[0]) return;
      source = picked[0].fsPath;
    }
    const file = source;
    try {
      const { docker } = await session.engine();
      const image = session.helperImage();
      const running = (volumeUsers(await docker.listContainers({ filters: { volume: [name] } })).get(name) ?? []).map((u) => u.containerName);
      // Containers writing to the volume during a restore can leave a mix of old and new files.
      const inUse = running.length ? ` Running containers use it now (${running.join(', ')}); stop them first for a consistent restore.` : '';
      if (await volumeHasData(docker, name, image)) {
        const answer = await vscode.window.showWarningMessage(
          `Volume ${name} holds data. Restoring writes the archive's files over it: files of the same name are replaced, others stay.${inUse} Back it up first?`,
          { modal: true },
          'Back Up First',
          'Restore Without Backup',
        );
        if (!answer) return;
        if (answer === 'Back Up First') {
          const backedUp = await vscode.commands.executeCommand<string | undefined>('dockhand.volumeBackup', name);
          if (!backedUp) return;
        }
      }
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Restoring volume ${name}`, cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return restoreVolume({ docker, volume: name, image, source: file, onProgress: progressReporter(progress), signal: abort.signal });
        },
      );
      session.refresh();
      void vscode.window.showInformationMessage(`Restored ${result.files} files (${formatBytes(result.contentBytes)}) into volume ${name}.`);
      return name;
    } catch (error) {
      await explainVolumeError(session, `Could not restore volume ${name}`, error);
    }
  });
}
