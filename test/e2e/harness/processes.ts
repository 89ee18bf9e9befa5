// Every process the e2e harness starts runs in its own process group (spawn
// with `detached: true` is setsid), so stopping it stops whatever it forked
// too: code-server's extension hosts, language servers, file watchers.
import { type ChildProcess } from 'node:child_process';

const liveGroups = new Set<number>();

// A crashed or interrupted test run still must not leave editors running.
process.once('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    process.exit(130);
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

/** Whether any process of the group is still running. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Remembers a detached child so that it is killed (with its group) at exit at the latest. */
export function trackGroup(child: ChildProcess): void {
  if (child.pid) liveGroups.add(child.pid);
}

/** SIGTERM to the child's whole group, SIGKILL after `graceMs`; resolves once the group is gone. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pgid = child.pid;
  if (!pgid) return;
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await new Promise((r) => setTimeout(r, 50));
  liveGroups.delete(pgid);
}
