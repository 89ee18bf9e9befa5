// When to recompute a document's diagnostics. The first change of a burst is
// answered at once (nothing to wait for); changes that follow while the user
// types are coalesced, so a long file is not re-validated on every keystroke.
export const BURST_DELAY_MS = 120;
export const SIBLING_DELAY_MS = 400;

export class DiagnosticScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();

  constructor(private readonly run: (uri: string) => void) {}

  schedule(uri: string): void {
    const now = Date.now();
    const last = this.lastRun.get(uri) ?? 0;
    if (!this.timers.has(uri) && now - last > BURST_DELAY_MS) {
      // Outside a burst: run on the next tick (after the document store has the new text).
      this.arm(uri, 0);
      return;
    }
    this.arm(uri, BURST_DELAY_MS);
  }

  scheduleLater(uri: string): void {
    if (!this.timers.has(uri)) this.arm(uri, SIBLING_DELAY_MS);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastRun.delete(uri);
  }

  private arm(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.lastRun.set(uri, Date.now());
        this.run(uri);
      }, delay),
    );
  }
}
