// One read of the engine shared by every caller until the engine changes.
// Callers never get a value read before the latest change: a read that was
// already on its way when the change came is thrown away and made again.
// Without this, a slow list (the engine's disk-usage call can take seconds)
// begun before "Create volume" could land after the fresh one and put back a
// warning about the volume just created.
export class EngineSnapshot<T> {
  private generation = 0;
  private pending: Promise<T> | undefined;

  /** `tries` bounds the re-reads when the engine keeps changing: the last read is then answered. */
  constructor(
    private readonly read: () => Promise<T>,
    private readonly tries = 3,
  ) {}

  /** The engine changed: what was read (or is being read) no longer counts. */
  invalidate(): void {
    this.generation++;
    this.pending = undefined;
  }

  /** A value read after the latest invalidate(). A failed read is not kept. */
  async current(): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const generation = this.generation;
      const pending = (this.pending ??= this.read());
      let value: T;
      try {
        value = await pending;
      } catch (error) {
        if (this.pending === pending) this.pending = undefined;
        if (generation === this.generation || attempt >= this.tries) throw error;
        continue;
      }
      if (generation === this.generation || attempt >= this.tries) return value;
    }
  }
}
