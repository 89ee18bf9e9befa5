// Paths in a service's mounts, as Compose reads them: the short volume syntax
// (`./data:/data:ro`), a tmpfs entry's path, and which paths are the host's,
// the container's or the project's. Format checks (formats.ts), hover and the
// mount rules share them.
import { posix as posixPath } from 'node:path';
import { isInterpolated } from './interpolated';
import type { Parsed } from './types';
import { boundedMemo } from './boundedMemo';

export interface VolumeShort {
  /** A host path (bind mount) or a volume name; absent for an anonymous volume. */
  readonly source?: string;
  /** The path in the container. */
  readonly target: string;
  /** The options after the second colon, as written (`ro`, `ro,z`...). */
  readonly mode?: string;
  /** The source is a host path (starts with `/`, `.`, `~`, `\\` or a Windows drive), not a named volume. */
  readonly isBind: boolean;
}

const VOLUME_OPTIONS = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate', 'consistent', 'cached', 'delegated']);
const VOLUME_SYNTAX = '[SOURCE:]TARGET[:MODE]';


/** Compose's own rule for telling a host path from a volume name. */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[a-zA-Z]:[\\/]/.test(source);
}

function isAbsoluteContainerPath(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function splitVolume(text: string): string[] {
  // Colons split the parts, except the one after a Windows drive letter (`C:\data`)
  // and those inside `${VAR:-default}`, as in Compose's own parser.
  // Each part is sliced from `start` (no string built a character at a time).
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch !== ':' || depth !== 0) continue;
    // `C:` followed by a slash: a drive letter, not a separator.
    if (i - start === 1 && /[a-zA-Z]/.test(text[start]!) && /[\\/]/.test(text[i + 1] ?? '')) continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The short volume syntax read from `text`. Each value is asked for by up to five checks in a run (its format,
 * options Compose drops, mounts written twice, bind sources, the value's kind), four of them while its block is
 * checked: it is read once among the last 1,024 texts.
 */
export const parseVolumeShortDetailed: (text: string) => Readonly<Parsed<VolumeShort>> = boundedMemo(1024, (text: string) => readVolumeShort(text));

function readVolumeShort(text: string): Parsed<VolumeShort> {
  const fail = (why: string): Parsed<VolumeShort> => ({ error: `'${text}' is not a volume: ${why}` });
  if (text.trim() === '') return fail(`use ${VOLUME_SYNTAX}`);
  const parts = splitVolume(text);
  if (parts.some((p) => p === '')) return fail(`it has an empty part between colons; use ${VOLUME_SYNTAX}`);
  if (parts.length > 3) return fail(`it has too many colons; use ${VOLUME_SYNTAX}`);
  if (parts.length === 1) {
    const target = parts[0]!;
    if (!isAbsoluteContainerPath(target) && !isInterpolated(target)) return fail(`an anonymous volume needs an absolute container path, such as /data`);
    return { value: { target, isBind: false } };
  }
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (!isAbsoluteContainerPath(target) && !isInterpolated(target)) return fail(`the container path '${target}' must be absolute, such as /data`);
  const isBind = isHostPath(source);
  if (!isBind && !isInterpolated(source) && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) {
    return fail(`'${source}' is neither a host path (start it with ./ or /) nor a volume name (letters, digits, _ . -)`);
  }
  // An option Compose does not know is dropped when it loads the file (formatWarning says so).
  return { value: { source, target, mode, isBind } };
}

/** Options of a short volume that Compose does not know, which it drops: the file loads, the mount goes without them. */
export function ignoredVolumeOptions(text: string): string | undefined {
  const mode = parseVolumeShort(text)?.mode;
  const unknown = mode?.split(',').filter((o) => !VOLUME_OPTIONS.has(o)) ?? [];
  if (unknown.length === 0) return undefined;
  return `'${unknown.join(',')}' is not a mount option: Compose drops it and mounts the volume without it. Use ro, rw, z, Z, nocopy or a propagation mode such as rshared`;
}

/** A container path as the folder it names, as Compose cleans a short volume's target: `/data/` and `/data/./` are `/data`. */
export function containerFolder(target: string): string {
  return posixPath.normalize(target).replace(/(.)\/+$/, '$1');
}

/** The path of a `tmpfs` entry (`/run:size=64m`): what comes before its options. */
export function tmpfsPath(text: string): string {
  return text.split(':')[0]!;
}

/**
 * The mount flags the engine takes among a tmpfs entry's options (`/run:noexec,nosuid`); any other word it
 * refuses when it creates the container ("invalid tmpfs option"). Measured on the engine (the docker tier).
 */
const TMPFS_FLAGS: ReadonlySet<string> = new Set([
  'defaults', 'ro', 'rw', 'suid', 'nosuid', 'dev', 'nodev', 'exec', 'noexec', 'sync', 'async', 'dirsync', 'remount',
  'mand', 'nomand', 'atime', 'noatime', 'diratime', 'nodiratime', 'bind', 'rbind', 'unbindable', 'runbindable',
  'private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave', 'relatime', 'norelatime', 'strictatime', 'nostrictatime',
]);

/**
 * The options with a value the engine passes to the kernel's tmpfs, and the values the kernel takes (any other
 * fails the mount, so the container does not start): sizes and counts with a k/m/g... suffix (a size also in %
 * of the memory), the root's mode in octal, owners as numbers. `mpol` (a NUMA policy) is left to the kernel.
 */
const TMPFS_VALUES: Readonly<Record<string, { readonly valid: RegExp; readonly like: string }>> = {
  size: { valid: /^\d+([kKmMgGtTpPeE]|%)?$/, like: 'bytes with an optional k, m or g (64m, 1g) or a share of the memory (50%)' },
  nr_blocks: { valid: /^\d+[kKmMgGtTpPeE]?$/, like: 'a count with an optional k, m or g (10k)' },
  nr_inodes: { valid: /^\d+[kKmMgGtTpPeE]?$/, like: 'a count with an optional k, m or g (10k)' },
  mode: { valid: /^0*[0-7]{1,4}$/, like: 'permission bits in octal (1777, 0755)' },
  uid: { valid: /^\d+$/, like: 'a user id as a number (1000)' },
  gid: { valid: /^\d+$/, like: 'a group id as a number (1000)' },
  mpol: { valid: /^/, like: '' },
};

/** What the engine or the kernel refuses in a tmpfs entry's options (after the path's `:`), or undefined. */
export function tmpfsOptionsProblem(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  for (const option of text.slice(colon + 1).split(',')) {
    if (option === '' || TMPFS_FLAGS.has(option)) continue;
    const equals = option.indexOf('=');
    const name = equals < 0 ? option : option.slice(0, equals);
    const value = TMPFS_VALUES[name];
    if (!value || equals < 0) {
      return `'${option}' is not a tmpfs option: the engine refuses the container ("invalid tmpfs option"). Use size=, mode=, uid=, gid=, nr_inodes=, or a mount flag such as noexec, nosuid or ro`;
    }
    const given = option.slice(equals + 1);
    if (!value.valid.test(given)) {
      return `'${given}' is not a ${name} the kernel takes for a tmpfs: the container does not start (the mount fails with "${option}: invalid argument"). Write ${value.like}`;
    }
  }
  return undefined;
}

/** The parts of a short volume (`./data:/data:ro`), or undefined when it is not one. */
export function parseVolumeShort(text: string): VolumeShort | undefined {
  return parseVolumeShortDetailed(text).value;
}

/** A path from the root: `/app`, or a Windows container's `C:\\app`. */
export function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text);
}

/**
 * A path of the project on this machine, read from the project's folder: not absolute, not `~` nor a
 * network share (the engine host's, which may not be this machine), no variable left to fill in.
 */
export function isProjectPath(text: string): boolean {
  return !isInterpolated(text) && !isAbsolutePath(text) && !text.startsWith('~') && !text.startsWith('\\\\');
}
