// When a test's typing paused, on the page's clock. The typing hold
// (server/src/typingHold.ts) shows what is wrong once the user pauses for
// HOLD_MS; a problem shown then is the design, a problem shown while keys keep
// coming is a flash. A test types with fixed delays, but on a loaded 2-core
// machine the browser, the extension host or a screenshot can stall the keys
// for longer than the hold, and then the server rightly sees a pause. So the
// page records the time of every key it receives, and a test tells a flash
// from a pause by the keys around it, instead of trusting its own delays.
import type { Page } from 'playwright-core';
import { HOLD_MS } from '../../../server/src/typingHold';

/**
 * The gap between two keys, as the page received them, that counts as a pause. Shorter than HOLD_MS:
 * a key's way from the page to the server (code-server, the extension host, the language client) varies
 * by some tens of milliseconds under load, so the server may see a longer gap than the page did.
 */
export const PAUSE_MS = HOLD_MS - 150;

interface TimedWindow {
  dockhandKeyTimes?: number[];
}

/** From now on the page notes the time (performance.now()) of every key pressed in it. Idempotent. */
export async function recordKeyTimes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as TimedWindow;
    if (w.dockhandKeyTimes) return;
    const times: number[] = [];
    w.dockhandKeyTimes = times;
    // Capture: the editor stops some keys (Enter, Tab) from reaching listeners below it.
    document.addEventListener('keydown', () => times.push(performance.now()), true);
  });
}

/** The times of the keys recorded so far, in order. */
export async function keyTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => [...((window as unknown as TimedWindow).dockhandKeyTimes ?? [])]);
}

/** The page's clock now, to compare with the key times. */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * Whether something the page showed at `at` came after a pause in the typing: PAUSE_MS or more without
 * a key, ending no more than `withinMs` before `at` (what the hold releases at a pause reaches the page
 * some time after it, and keys pressed in between do not undo the pause), or still going on at `at`.
 */
export function afterPause(keys: readonly number[], at: number, withinMs = 3000): boolean {
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    if (key >= at) continue;
    const end = Math.min(keys[i + 1] ?? at, at);
    if (end < at - withinMs) return false;
    if (end - key >= PAUSE_MS) return true;
  }
  return false;
}

/** The longest gaps between keys, in ms, for a failure message. */
export function longestGaps(keys: readonly number[], count = 5): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < keys.length; i++) gaps.push(Math.round(keys[i]! - keys[i - 1]!));
  return gaps.sort((a, b) => b - a).slice(0, count);
}
