// Whether a process runs, by its pid, and where a pid means that process: what
// tells a container left by a process that died (a cut-off volume job, a
// killed test run) from one still in use.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** True while the process runs (as any user); false once it is gone. */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Where this process's pid means this process: the machine's name and, on Linux, its pid namespace. One engine
 * is often shared across namespaces on one machine with one name: WSL and Windows beside Docker Desktop, two WSL
 * distributions, a container beside its host. A pid of another namespace cannot be looked up from here.
 */
export function pidScope(): string {
  let namespace: string = process.platform;
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // No /proc (Windows, macOS): the platform tells WSL's processes from Windows' at least.
  }
  return `${hostname()}/${namespace}`;
}
