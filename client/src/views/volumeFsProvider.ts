// `dockhand-volume://<volume>/<path>`: a volume's files, read-only, for the
// Volume Files view and editors (never added to the workspace: that would turn
// the window into a multi-root workspace and reload it). All reading goes
// through VolumeBrowser (archive API of a never-started helper container);
// every write is refused.
import * as vscode from 'vscode';
import { VolumeBrowser, VolumePathError, type VolumeEntry } from '../docker/volumeFiles';
import { HelperImageMissingError } from '../docker/volumeHelper';
import type { EngineSession } from './engineSession';
import type { HelperImages } from './helperImages';

export const VOLUME_SCHEME = 'dockhand-volume';

export function volumeUri(volume: string, path = '/'): vscode.Uri {
  return vscode.Uri.from({ scheme: VOLUME_SCHEME, authority: volume, path });
}

function fileType(entry: VolumeEntry): vscode.FileType {
  if (entry.type === 'directory') return vscode.FileType.Directory;
  if (entry.type === 'symlink') return vscode.FileType.SymbolicLink | vscode.FileType.File;
  if (entry.type === 'file') return vscode.FileType.File;
  return vscode.FileType.Unknown;
}

export class VolumeFileSystemProvider implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private browser: VolumeBrowser | undefined;

  constructor(
    private readonly session: EngineSession,
    private readonly helpers: HelperImages,
  ) {
    session.onDidChange(() => this.browser?.forget());
  }

  /** Reads the volume afresh next time (Browse and Refresh). */
  forget(volume: string): void {
    this.browser?.forget(volume);
  }

  private async volumes(): Promise<VolumeBrowser> {
    const { docker } = await this.session.engine();
    this.browser ??= new VolumeBrowser(docker, () => this.helpers.require('archive'));
    return this.browser;
  }

  private async call<T>(uri: vscode.Uri, fn: (browser: VolumeBrowser, volume: string, path: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.volumes(), uri.authority, uri.path || '/');
    } catch (error) {
      if (error instanceof VolumePathError) {
        if (error.kind === 'not-found') throw vscode.FileSystemError.FileNotFound(uri);
        if (error.kind === 'not-a-file') throw vscode.FileSystemError.FileIsADirectory(uri);
        throw vscode.FileSystemError.NoPermissions(error.message);
      }
      if (error instanceof HelperImageMissingError) {
        this.helpers.forget();
        throw vscode.FileSystemError.Unavailable(`${error.message} Browse Volume Files offers to pull it.`);
      }
      throw vscode.FileSystemError.Unavailable(await this.session.explain(error));
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.call(uri, async (b, volume, path) => {
      const e = await b.stat(volume, path);
      return { type: fileType(e), ctime: e.mtime, mtime: e.mtime, size: e.size, permissions: vscode.FilePermission.Readonly };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.call(uri, async (b, volume, path) => (await b.readDirectory(volume, path)).map((e) => [e.name, fileType(e)] as [string, vscode.FileType]));
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.call(uri, (b, volume, path) => b.readFile(volume, path));
  }

  private readonly readonly = (): never => {
    throw vscode.FileSystemError.NoPermissions('Volumes are browsed read-only. Use Restore Volume to change a volume.');
  };
  createDirectory = this.readonly;
  writeFile = this.readonly;
  delete = this.readonly;
  rename = this.readonly;
}
