// Read-only browsing of a volume's files through the archive API of a
// never-started helper container: the tree comes from the tar headers (file
// bodies skipped), a file's bytes from an archive of that one path. No
// container of the user's is started, nothing is written.
import type Docker from 'dockerode';
import { extract } from 'tar-stream';
import { escapesRoot } from './tarCheck';
import { MOUNT_POINT, withVolumeHelper } from './volumeHelper';

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface VolumeEntry {
  /** Relative to the volume's root, without leading "./" or trailing "/"; "" is the root. */
  path: string;
  name: string;
  type: EntryType;
  size: number;
  mtime: number;
  linkTarget?: string;
}

export class VolumePathError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'not-a-file' | 'invalid',
  ) {
    super(message);
    this.name = 'VolumePathError';
  }
}

/** "./sub/deep/" -> "sub/deep"; "./" -> "". */
export function normaliseEntryName(name: string): string {
  return name.replace(/^\.\/?/, '').replace(/\/+$/, '');
}

/** "/sub/x/" -> "sub/x"; refuses ".." so a path never leaves the volume. */
export function normaliseRequestPath(path: string): string {
  const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (clean && escapesRoot(clean)) throw new VolumePathError(`"${path}" is outside the volume.`, 'invalid');
  return clean;
}

function entryType(type: string | null | undefined): EntryType {
  if (type === 'file' || type === 'contiguous-file') return 'file';
  if (type === 'directory') return 'directory';
  if (type === 'symlink') return 'symlink';
  return 'other';
}

/** Reads a tar stream's headers into entries, skipping the bodies. */
export function readTree(archive: NodeJS.ReadableStream): Promise<Map<string, VolumeEntry>> {
  return new Promise((resolve, reject) => {
    const tree = new Map<string, VolumeEntry>();
    const parser = extract();
    parser.on('entry', (header, stream, next) => {
      const path = normaliseEntryName(header.name);
      stream.on('error', () => undefined); // the parser reports the same failure
      tree.set(path, {
        path,
        name: path.split('/').pop() ?? '',
        type: path === '' ? 'directory' : entryType(header.type),
        size: header.size ?? 0,
        mtime: header.mtime ? header.mtime.getTime() : 0,
        linkTarget: header.linkname ?? undefined,
      });
      stream.on('end', next);
      stream.resume();
    });
    parser.on('finish', () => resolve(tree));
    parser.on('error', reject);
    archive.on('error', reject);
    archive.pipe(parser);
  });
}

export function childrenOf(tree: Map<string, VolumeEntry>, dir: string): VolumeEntry[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const out: VolumeEntry[] = [];
  for (const entry of tree.values()) {
    if (entry.path === dir || !entry.path.startsWith(prefix)) continue;
    if (!entry.path.slice(prefix.length).includes('/')) out.push(entry);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Browses volumes; the tree of each is kept for `ttlMs` so expanding folders does not re-read it. */
export class VolumeBrowser {
  private readonly trees = new Map<string, { at: number; tree: Promise<Map<string, VolumeEntry>> }>();

  constructor(
    private readonly docker: Docker,
    /** The helper image; asked each time, as the choice may change (helperImage.ts). */
    private readonly image: () => string | Promise<string>,
    private readonly ttlMs = 10_000,
  ) {}

  forget(volume?: string): void {
    if (volume) this.trees.delete(volume);
    else this.trees.clear();
  }

  tree(volume: string): Promise<Map<string, VolumeEntry>> {
    const cached = this.trees.get(volume);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.tree;
    const tree = Promise.resolve(this.image()).then((image) =>
      withVolumeHelper(this.docker, { volume, image, readOnly: true }, async (container) => readTree(await container.getArchive({ path: `${MOUNT_POINT}/.` }))),
    );
    this.trees.set(volume, { at: Date.now(), tree });
    tree.catch(() => this.trees.delete(volume));
    return tree;
  }

  async stat(volume: string, path: string): Promise<VolumeEntry> {
    const clean = normaliseRequestPath(path);
    const entry = (await this.tree(volume)).get(clean);
    if (!entry) throw new VolumePathError(`No "${clean}" in volume "${volume}".`, 'not-found');
    return entry;
  }

  async readDirectory(volume: string, path: string): Promise<VolumeEntry[]> {
    const entry = await this.stat(volume, path);
    if (entry.type !== 'directory') throw new VolumePathError(`"${entry.path}" in volume "${volume}" is not a folder.`, 'not-a-file');
    return childrenOf(await this.tree(volume), entry.path);
  }

  async readFile(volume: string, path: string): Promise<Buffer> {
    const entry = await this.stat(volume, path);
    if (entry.type === 'symlink') {
      throw new VolumePathError(`"${entry.path}" is a symbolic link to "${entry.linkTarget}"; open its target instead.`, 'not-a-file');
    }
    if (entry.type !== 'file') throw new VolumePathError(`"${entry.path}" in volume "${volume}" is not a file.`, 'not-a-file');
    return withVolumeHelper(this.docker, { volume, image: await this.image(), readOnly: true }, async (container) => {
      const archive = await container.getArchive({ path: `${MOUNT_POINT}/${entry.path}` });
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let found = false;
        const parser = extract();
        parser.on('entry', (header, stream, next) => {
          const isTarget = !found && entryType(header.type) === 'file';
          if (isTarget) found = true;
          stream.on('error', () => undefined); // the parser reports the same failure
          stream.on('data', (chunk: unknown) => {
            if (isTarget) chunks.push(chunk as Buffer);
          });
          stream.on('end', next);
        });
        parser.on('finish', () => (found ? resolve(Buffer.concat(chunks)) : reject(new VolumePathError(`No file "${entry.path}" in volume "${volume}".`, 'not-found'))));
        parser.on('error', reject);
        archive.on('error', reject);
        archive.pipe(parser);
      });
    });
  }
}
