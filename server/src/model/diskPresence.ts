// Whether a path is on disk, answered from a short memory. A diagnostics run
// asks after every service's build folder, env files and mounted files:
// thousands of paths on a large file, most of them in a few folders
// (`./config/app-1.yml` … `./config/app-5000.yml`). One `existsSync` per
// path was ~4% of opening 5,000 services; one listing per folder is a few
// milliseconds. A folder is listed from the second path asked in it, so a
// folder asked about once (a build context beside thousands of files) costs
// one question, not a listing.
//
// A listing only ever says yes. A name it does not hold is asked of the disk
// itself, so a file system that ignores case, or a link (listed by its own
// name, present only if its target is), is answered as `existsSync` would.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How long what the disk said is believed. */
export const PRESENCE_KEPT_MS = 2000;
/** Past this many kept answers the memory is dropped at once rather than grow without bound. */
const MAX_KEPT = 50_000;

interface Known<T> {
  readonly value: T;
  readonly at: number;
}

/**
 * What the disk said of one path, and the path's folder and name, split once: a
 * run asks again after every path it asked 2 s before (thousands on a large
 * file, each a new string), and an answer is renewed in place.
 */
interface Answer {
  value: boolean;
  at: number;
  readonly folder: string;
  readonly name: string;
}

export class DiskPresence {
  private readonly answers = new Map<string, Answer>();
  /** Per folder: the names of its entries that are not links, or undefined when it is not a readable folder. */
  private readonly listings = new Map<string, Known<ReadonlySet<string> | undefined>>();
  /** Folders asked about once within the window: the next question lists them. */
  private readonly askedOnce = new Map<string, number>();

  /** `disk` and `now` are the real ones but in the tests, which count the questions and move the clock. */
  constructor(
    private readonly disk: Disk = REAL_DISK,
    private readonly now: () => number = Date.now,
  ) {}

  exists(file: string): boolean {
    const now = this.now();
    const known = this.answers.get(file);
    if (known) {
      if (now - known.at < PRESENCE_KEPT_MS) return known.value;
      known.value = this.listed(known.folder, known.name, now) || this.disk.exists(file);
      known.at = now;
      return known.value;
    }
    if (this.answers.size >= MAX_KEPT) this.forget();
    const folder = path.dirname(file);
    const name = path.basename(file);
    const value = this.listed(folder, name, now) || this.disk.exists(file);
    this.answers.set(file, { value, at: now, folder, name });
    return value;
  }

  /** Forget every answer (the disk changed). */
  forget(): void {
    this.answers.clear();
    this.listings.clear();
    this.askedOnce.clear();
  }

  /** Whether a fresh listing of `folder` holds `name`; false when there is none (yet) or it does not. */
  private listed(folder: string, name: string, now: number): boolean {
    const listing = this.listings.get(folder);
    if (listing && now - listing.at < PRESENCE_KEPT_MS) return listing.value?.has(name) ?? false;
    const first = this.askedOnce.get(folder);
    if (first === undefined || now - first >= PRESENCE_KEPT_MS) {
      this.askedOnce.set(folder, now);
      return false;
    }
    const names = this.disk.list(folder);
    this.listings.set(folder, { value: names, at: now });
    return names?.has(name) ?? false;
  }
}

/** What DiskPresence asks of the disk. */
export interface Disk {
  exists(file: string): boolean;
  /** The names of a folder's entries that are not links; undefined when it cannot be listed. */
  list(folder: string): ReadonlySet<string> | undefined;
}

export const REAL_DISK: Disk = { exists: (file) => fs.existsSync(file), list: listFolder };

function listFolder(folder: string): ReadonlySet<string> | undefined {
  try {
    const names = new Set<string>();
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) if (!entry.isSymbolicLink()) names.add(entry.name);
    return names;
  } catch {
    return undefined; // missing, not a folder, or unreadable: each path is asked of the disk
  }
}
