// How often the check on save (composeOnSave.ts) may ask Compose. Compose's
// `config -q` grows with the project: on this machine 0.3 s for a few
// services, 1.4 s and 160 MB for 1,000 services, 7.6 s at 1.4 cores and
// 760 MB for 5,000 (7 Dec 2026). With auto save (`files.autoSave: afterDelay`
// saves every second while the user types) one check after another would keep
// a core busy beside the language server for as long as the typing goes on.
// So after a check that took d, the next one waits until REST_FACTOR x d has
// passed since it ended: Compose gets at most a tenth of the time, a small
// project's check still follows its save within a second or two, and a save
// made meanwhile is checked once, at the end of the rest.
// Plain Node: no `vscode` import.

/** The rest after a check, as a multiple of how long it took. */
export const REST_FACTOR = 9;

export class ComposeCheckPacing {
  private restUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** How long to wait before the next check may start (0: now). */
  waitMs(): number {
    return Math.max(0, this.restUntil - this.now());
  }

  /** A check ran from `startedAt` until now: the next one rests in proportion. */
  ran(startedAt: number): void {
    const end = this.now();
    this.restUntil = end + REST_FACTOR * Math.max(0, end - startedAt);
  }
}
