// Whether a process of this machine runs, by its pid: what tells a container
// left by a process that died (a cut-off volume job, a killed test run) from
// one still in use.

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
