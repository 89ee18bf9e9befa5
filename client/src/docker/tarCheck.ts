// Checks a tar archive completely before anything is written from it: every
// header parses (tar-stream verifies checksums), every entry's data is there,
// the archive ends with its end-of-archive blocks, and no entry escapes the
// folder it is extracted into. A restore reads the whole file through this first.
// A gzip-compressed tar (.tar.gz, .tgz) is recognised by its first bytes, not
// its name, and read through gunzip.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

export interface TarSummary {
  entries: number;
  files: number;
  /** Sum of the files' sizes. */
  contentBytes: number;
  /** Size of the archive file itself (compressed, if it is). */
  archiveBytes: number;
  compressed: boolean;
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

/** True when the file starts with gzip's magic bytes. */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The archive as a plain tar stream (gunzipped when compressed); `onBytes` counts the file's own bytes. */
export async function openTarFile(file: string, onBytes?: (bytesRead: number) => void): Promise<{ tar: Readable; compressed: boolean }> {
  const compressed = await isGzipFile(file);
  const source = createReadStream(file);
  let read = 0;
  source.on('data', (chunk) => {
    read += chunk.length;
    onBytes?.(read);
  });
  if (!compressed) return { tar: source, compressed };
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  return { tar: source.pipe(gunzip), compressed };
}

/** Passes the stream through, keeping its last 1024 bytes (where a tar's end-of-archive blocks are). */
function tailKeeper(): Transform & { tail(): Buffer } {
  let tail = Buffer.alloc(0);
  const t = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > 1024) tail = tail.subarray(tail.length - 1024);
      callback(null, chunk);
    },
  }) as Transform & { tail(): Buffer };
  t.tail = () => tail;
  return t;
}

/** Parses `file` to the end; resolves with a summary or rejects with InvalidTarError saying what is wrong. */
export async function checkTarFile(file: string, onBytes?: (bytesRead: number) => void): Promise<TarSummary> {
  const summary: TarSummary = { entries: 0, files: 0, contentBytes: 0, archiveBytes: 0, compressed: false };
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
  const { tar, compressed } = await openTarFile(file, (n) => {
    summary.archiveBytes = n;
    onBytes?.(n);
  });
  summary.compressed = compressed;
  const tail = tailKeeper();
  try {
    await pipeline(tar, tail, parser);
  } catch (error) {
    if (error instanceof InvalidTarError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new InvalidTarError(`Not a valid ${compressed ? 'gzip-compressed ' : ''}tar archive (${why}).`);
  }
  const end = tail.tail();
  if (end.length < 1024 || !end.every((b) => b === 0)) {
    throw new InvalidTarError('The tar archive is incomplete: it does not end with the end-of-archive marker (was it cut short?).');
  }
  return summary;
}
