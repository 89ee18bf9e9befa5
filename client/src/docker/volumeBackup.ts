// Back up a volume to a tar file and restore one from it, through the archive
// API of a never-started helper container (volumeHelper.ts).
// - Backup streams into a temporary file beside the target, checks that what
//   arrived is a complete tar, and only then renames it into place; on any
//   failure the partial file is deleted, so a cut-off stream never looks like
//   a backup. The target's name is kept as given: gzip-compressed when it ends
//   in .gz or .tgz, a plain tar otherwise.
// - Restore parses the whole archive first (tarCheck.ts; plain or gzip) and
//   refuses a broken one before the volume is touched. 'merge': files in the
//   archive replace files of the same name, other files stay. 'replace': the
//   volume is emptied first (volumeHelper.emptyVolume), so it ends up holding
//   exactly the archive.
// The archive holds the volume's content relative to its root (`./a.txt`), the
// same layout as `tar -C <volume> -cf - .`, so other tools can read it.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type Docker from 'dockerode';
import { extract } from 'tar-stream';
import { engineMessage } from './engine';
import { checkTarFile, openTarFile, type TarSummary } from './tarCheck';
import { emptyVolume, MOUNT_POINT, withVolumeHelper } from './volumeHelper';

export interface TransferOptions {
  volume: string;
  /** The helper image (helperImage.ts chooses it). */
  image: string;
  /** Bytes moved so far, called as data flows. */
  onProgress?: (bytes: number, phase: 'checking' | 'copying') => void;
  signal?: AbortSignal;
}

export interface TransferResult extends TarSummary {
  file: string;
}

function counter(onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      onBytes(total);
      callback(null, chunk);
    },
  });
}

/** Whether a backup written to `target` is gzip-compressed: the name says so. */
export function compressesByName(target: string): boolean {
  return /\.(gz|tgz)$/i.test(target);
}

/** The temporary name a backup is written under until it is complete. */
export function partialName(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`);
}

export async function backupVolume(options: TransferOptions & { docker: Docker; target: string }): Promise<TransferResult> {
  const { docker, target } = options;
  const partial = partialName(target);
  try {
    await withVolumeHelper(docker, { volume: options.volume, image: options.image, readOnly: true }, async (container) => {
      let archive: NodeJS.ReadableStream;
      try {
        // "<mount>/." makes the entries relative to the volume's root.
        archive = await container.getArchive({ path: `${MOUNT_POINT}/.` });
      } catch (error) {
        throw new Error(`The engine would not read volume "${options.volume}": ${engineMessage(error)}`);
      }
      const copied = counter((n) => options.onProgress?.(n, 'copying'));
      const file = createWriteStream(partial, { flags: 'wx' });
      if (compressesByName(target)) await pipeline(archive, copied, createGzip(), file, { signal: options.signal });
      else await pipeline(archive, copied, file, { signal: options.signal });
    });
    // A connection that closes early can look like a normal end: only a complete tar counts.
    const summary = await checkTarFile(partial).catch((error: Error) => {
      throw new Error(`The backup of "${options.volume}" arrived incomplete (${error.message}); no backup was written.`);
    });
    await rename(partial, target);
    return { ...summary, file: target };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export type RestoreMode = 'merge' | 'replace';

export async function restoreVolume(
  options: TransferOptions & { docker: Docker; source: string; mode?: RestoreMode; /** Runs `rm` for 'replace'; defaults to `image`. */ runImage?: string },
): Promise<TransferResult> {
  const { docker, source } = options;
  // Whole archive first; an InvalidTarError here means the volume was never touched.
  const summary = await checkTarFile(source, (n) => options.onProgress?.(n, 'checking'));
  options.signal?.throwIfAborted();
  if (options.mode === 'replace') {
    await emptyVolume(docker, options.volume, options.runImage ?? options.image);
    // A helper image that exits 0 without deleting must not pass for an empty volume.
    if (await volumeHasData(docker, options.volume, options.image)) {
      throw new Error(`Volume "${options.volume}" still holds files after emptying it with ${options.runImage ?? options.image}; nothing was restored.`);
    }
  }
  await withVolumeHelper(docker, { volume: options.volume, image: options.image, readOnly: false }, async (container) => {
    const { tar } = await openTarFile(source);
    const body = tar.pipe(counter((n) => options.onProgress?.(n, 'copying')));
    options.signal?.addEventListener('abort', () => body.destroy(new Error('Restore cancelled')), { once: true });
    try {
      await container.putArchive(body, { path: MOUNT_POINT });
    } catch (error) {
      throw new Error(`The engine could not write the archive into volume "${options.volume}": ${engineMessage(error)}`);
    }
  });
  return { ...summary, file: source };
}

/** Whether the volume holds any file or folder; reads only until the first entry below the root. */
export async function volumeHasData(docker: Docker, volume: string, image: string): Promise<boolean> {
  return withVolumeHelper(docker, { volume, image, readOnly: true }, async (container) => {
    const archive = (await container.getArchive({ path: `${MOUNT_POINT}/.` })) as NodeJS.ReadableStream & { destroy(): void };
    return new Promise<boolean>((resolve, reject) => {
      const parser = extract();
      let found = false;
      parser.on('entry', (header, stream, next) => {
        stream.on('error', () => undefined); // the parser reports the same failure
        if (header.name !== './' && header.name !== '.') {
          found = true;
          archive.destroy();
          parser.destroy();
          resolve(true);
          return;
        }
        stream.on('end', next);
        stream.resume();
      });
      parser.on('finish', () => resolve(found));
      parser.on('error', (e) => (found ? undefined : reject(e)));
      archive.on('error', (e) => (found ? undefined : reject(e)));
      archive.pipe(parser);
    });
  });
}
