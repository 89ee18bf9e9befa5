// How often the language server may be restarted after it dies: a crash now
// and then is survived with a notice; a server that keeps dying is left
// stopped, so a crash loop never eats the machine or buries the user in
// notifications. Pure, so it is tested without VS Code.
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = MAX_RESTARTS,
    readonly windowMs = RESTART_WINDOW_MS,
  ) {}

  /** Records a crash at `now`; says whether to restart, and which restart of the window this is. */
  crashed(now = Date.now()): { restart: boolean; attempt: number } {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return { restart: this.crashes.length <= this.maxRestarts, attempt: this.crashes.length };
  }
}
