// Changes on disk that no watcher reported. The client reports every file
// of the workspace that changes, through VS Code's watcher; but that watcher
// misses a change inside a folder tree made while it watches (seen in
// code-server: `mkdir -p` of a tree came as one creation, and a Dockerfile
// changed in it afterwards never came), and an editor other than VS Code may
// watch nothing at all. So the server looks at the paths its projects asked
// about every few seconds, while they are few (`MAX_LOOKED_AT`: a stat each;
// a large project mounts a file per service and is left to the watcher).
import * as fs from 'node:fs';

/** The most paths one look stats. */
export const MAX_LOOKED_AT = 300;

/**
 * What the findings can see of a path: missing, a folder (its entries are
 * asked about one by one, so its time is left out), or a file and its time
 * and size.
 */
function stateOf(file: string): string {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return '?'; // unreadable now: compared as a state of its own
  }
  if (!stat) return '-';
  return stat.isDirectory() ? 'd' : `f${stat.mtimeMs}:${stat.size}`;
}

export class DiskLook {
  /** Each path's state at the last look it was part of. */
  private seen = new Map<string, string>();

  /**
   * A watcher reported these paths (none given: any path): the next look
   * notes their state instead of reporting them a second time.
   */
  reported(paths?: readonly string[]): void {
    if (!paths) this.seen.clear();
    else for (const file of paths) this.seen.delete(file);
  }

  /**
   * The paths among `asked` whose state changed since the last look at them.
   * A path looked at for the first time is only noted. Nothing is looked at
   * while no path is asked (a project being rebuilt keeps what was seen) or
   * when more than MAX_LOOKED_AT are.
   */
  changed(asked: ReadonlySet<string>): string[] {
    if (asked.size === 0) return [];
    if (asked.size > MAX_LOOKED_AT) {
      this.seen.clear();
      return [];
    }
    const seen = new Map<string, string>();
    const changed: string[] = [];
    for (const file of asked) {
      const now = stateOf(file);
      const before = this.seen.get(file);
      if (before !== undefined && before !== now) changed.push(file);
      seen.set(file, now);
    }
    this.seen = seen;
    return changed;
  }
}
