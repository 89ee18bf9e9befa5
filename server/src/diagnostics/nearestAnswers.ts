// "Did you mean" for the service checks (serviceChecks.ts): a suggestion over
// a list of names derived from a check's index, kept while those names stay;
// and the answer for one word read as a key of its own, so that a finding
// with it is checked again when that answer changes, not whenever a name of
// the project comes or goes (each key typed in a new service's name changes
// the names, and every service with an unknown host would be checked again).
import type { FactIndex } from './factIndex';
import { NearestNames } from './suggest';

/**
 * "Did you mean" over a list of names derived from the index, kept while `reads` stay clean (a suggestion
 * depends on the set of names alone, see suggest.ts), made again once its budget is spent.
 */
export function keptNearest(index: FactIndex, name: string, reads: readonly string[], names: () => readonly string[]): NearestNames {
  const holder = index.keep(name, reads, () => ({ nearest: undefined as NearestNames | undefined }));
  if (!holder.nearest || holder.nearest.exhausted) holder.nearest = new NearestNames(names());
  return holder.nearest;
}

/** Keys of "did you mean" answers (`nearestName`): NEAREST, the key of the names, a NUL, the word. */
const NEAREST = '\0nearest\0';

/** The name among the values of `namesKey` nearest to `word` (or undefined), read as the key of that answer. */
export function nearestName(index: FactIndex, namesKey: string, word: string, read: (key: string) => void): string | undefined {
  read(`${NEAREST}${namesKey}\0${word}`);
  return nearestOf(index, namesKey).closest(word);
}

function nearestOf(index: FactIndex, namesKey: string): NearestNames {
  return keptNearest(index, `nearest ${namesKey}`, [namesKey], () => [...new Set(index.values(namesKey))]);
}

function namesKeyOf(key: string): string {
  return key.slice(NEAREST.length, key.indexOf('\0', NEAREST.length));
}

function answer(index: FactIndex, key: string): string | undefined {
  return nearestOf(index, namesKeyOf(key)).closest(key.slice(key.indexOf('\0', NEAREST.length) + 1));
}

/** The answer of each "did you mean" key that kept findings read, as it was when they read it. */
export class NearestAnswers {
  private readonly answers = new Map<string, string | undefined>();

  /** A key a kept finding read: when it is an answer not noted yet, its answer now (the index the finding was checked with). */
  noteRead(key: string, index: FactIndex): void {
    if (key.charCodeAt(0) === 0 && key.startsWith(NEAREST) && !this.answers.has(key)) this.answers.set(key, answer(index, key));
  }

  /**
   * Adds to `dirty` each answer whose names are dirty and whose answer changed with them (the index is
   * the new one, its derived lists forgotten); forgets the answers no kept finding reads any more.
   */
  addChanged(dirty: Set<string>, index: FactIndex, isRead: (key: string) => boolean): void {
    for (const [key, before] of this.answers) {
      if (!isRead(key)) {
        this.answers.delete(key);
        continue;
      }
      if (!dirty.has(namesKeyOf(key))) continue;
      const now = answer(index, key);
      if (now === before) continue;
      dirty.add(key);
      this.answers.set(key, now);
    }
  }
}
