// Telling VS Code that a provider's CodeLenses changed, so that it asks again
// even when the editor has just lost focus.
//
// VS Code's CodeLens contribution waits a moment after onDidChangeCodeLenses
// before it asks, and cancels that wait when the editor's text loses focus; it
// waits again only on focus or on an edit. Engine events come just as a user
// moves to a terminal, the palette or a view (Compose Up, then Logs...), so a
// lens kept an old state ("created" for a running container, a volume "not
// created yet") until the user clicked back into the file. Seen in code-server.
// So a change that is not followed by a request for lenses is signalled again,
// a few times at most, while a compose file is on screen.
//
// No `vscode` import: the providers pass the event to fire, and the unit tier
// runs this without VS Code.

export interface LensRefreshOptions {
  /** Signals the change (fires the provider's onDidChangeCodeLenses). */
  readonly signal: () => void;
  /** Whether a document this provider serves is on screen, so that VS Code would ask. */
  readonly onScreen: () => boolean;
  /** How long to wait for VS Code to ask before signalling again. */
  readonly waitMs?: number;
  /** How many times at most to signal again after one change. */
  readonly retries?: number;
}

export class LensRefresh {
  private awaitingRequest = false;
  private retriesLeft = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waitMs: number;
  private readonly retries: number;

  constructor(private readonly options: LensRefreshOptions) {
    this.waitMs = options.waitMs ?? 2000;
    this.retries = options.retries ?? 3;
  }

  /** The lenses changed: tell VS Code, and again later if it does not ask. */
  changed(): void {
    this.retriesLeft = this.retries;
    this.signal();
  }

  /** VS Code asked for lenses (call it first in provideCodeLenses). */
  asked(): void {
    this.awaitingRequest = false;
    this.clearTimer();
  }

  dispose(): void {
    this.clearTimer();
  }

  private signal(): void {
    this.awaitingRequest = true;
    this.options.signal();
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.awaitingRequest || this.retriesLeft <= 0 || !this.options.onScreen()) return;
      this.retriesLeft--;
      this.signal();
    }, this.waitMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
