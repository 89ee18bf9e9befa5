// What a terminal that follows logs says of itself, said once for both kinds:
// the views' Logs (the engine's log stream of one container) and Compose's
// `logs --follow` (the CodeLens and the Logs command). A followed log that
// is empty is otherwise a blank terminal, which reads as "stuck" or "broken".
// Plain Node (no `vscode`), so the unit tier checks the words and the timing.

/** Quiet before the first log line: long enough for the backlog to arrive, short enough to explain a blank terminal. */
export const NO_OUTPUT_YET_MS = 1500;

/** The first line: whose logs, how much of the past (when it is cut), and how to stop. */
export function followingLine(whose: string, lastLines?: number): string {
  const past = lastLines === undefined ? '' : ` (the last ${lastLines} lines, then new ones as they come)`;
  return `Following the logs of ${whose}${past}. Close this terminal to stop.`;
}

/** Said once nothing came for NO_OUTPUT_YET_MS; `writer` is "the container", "web", "the services" (`many`). */
export function noOutputYetLine(writer: string, many = false): string {
  return `No output yet: ${writer} ${many ? 'have' : 'has'} not written anything. New lines appear here as they are written.`;
}

/** What Compose's `logs --follow` terminal says of itself: for the services named, or all of them. */
export function composeLogsNotice(services: readonly string[], tail?: number): { intro: string; quiet: string } {
  const many = services.length !== 1;
  const named = services.length <= 1 ? services[0] : `${services.slice(0, -1).join(', ')} and ${services[services.length - 1]}`;
  return {
    intro: followingLine(named ?? 'every service', tail),
    quiet: noOutputYetLine(named ?? 'the services', many),
  };
}

/**
 * Calls `onQuiet` once if `seen()` is not called within NO_OUTPUT_YET_MS;
 * `stop()` when the stream ends or the terminal closes.
 */
export function watchForQuiet(onQuiet: () => void, ms = NO_OUTPUT_YET_MS): { seen(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    timer = undefined;
    onQuiet();
  }, ms);
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return { seen: stop, stop };
}
