// Checks a tar archive completely before anything is written from it: every
// header parses (tar-stream verifies checksums), every entry's data is there,
// the archive ends with its end-of-archive blocks, and no entry escapes the
// folder it is extracted into. A restore reads the whole file through this first.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';

export interface TarSummary {
  entries: number;
  files: number;
  /** Sum of the files' sizes. */
  contentBytes: number;
  /** Size of the archive itself. */
  archiveBytes: number;
}

export class InvalidTarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTarError';
  }
}

/** A name that would land outside the target folder: absolute, or with a `..` step. */
export function escapesRoot(name: string): boolean {
  if (name.startsWith('/')) return true;
  return name.split('/').some((part) => part === '..');
}

/** True when the last 1024 bytes (two 512-byte blocks) are zero: the tar end marker. */
async function endsWithEndBlocks(file: string, size: number): Promise<boolean> {
  if (size < 1024) return false;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    await handle.read(buffer, 0, 1024, size - 1024);
    return buffer.every((b) => b === 0);
  } finally {
    await handle.close();
  }
}

/** Parses `file` to the end; resolves with a summary or rejects with InvalidTarError saying what is wrong. */
export async function checkTarFile(file: string, onBytes?: (bytesRead: number) => void): Promise<TarSummary> {
  const summary: TarSummary = { entries: 0, files: 0, contentBytes: 0, archiveBytes: 0 };
  const parser = extract();
  parser.on('entry', (header, stream, next) => {
    summary.entries++;
    // tar-stream fails the open entry too when the archive breaks; the pipeline reports it.
    stream.on('error', () => undefined);
    if (escapesRoot(header.name) || (header.type === 'link' && header.linkname && escapesRoot(header.linkname))) {
      stream.resume();
      parser.destroy(new InvalidTarError(`The archive entry "${header.name}" points outside the volume; refusing to restore it.`));
      return;
    }
    if (header.type === 'file' || header.type === 'contiguous-file') {
      summary.files++;
      summary.contentBytes += header.size ?? 0;
    }
    stream.on('end', next);
    stream.resume();
  });
  const source = createReadStream(file);
  source.on('data', (chunk) => {
    summary.archiveBytes += chunk.length;
    onBytes?.(summary.archiveBytes);
  });
  try {
    await pipeline(source, parser);
  } catch (error) {
    if (error instanceof InvalidTarError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new InvalidTarError(`Not a valid tar archive (${why}). A compressed archive (.tar.gz) must be uncompressed first.`);
  }
  if (!(await endsWithEndBlocks(file, summary.archiveBytes))) {
    throw new InvalidTarError('The tar archive is incomplete: it does not end with the end-of-archive marker (was it cut short?).');
  }
  return summary;
}
