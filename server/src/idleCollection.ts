// A full garbage collection, asked for once a document's diagnostics are
// settled and the server has then had nothing to do for a moment, when none
// was asked for yet or the heap has grown since the last one. The first settle
// after a large file opens is when the trees the open built are dropped
// (model/blockTrees.ts); V8 would keep them until its own next full
// collection, and only after a full collection does its memory reducer give
// the pages back once the server has been idle for a few seconds. Measured
// (bench/notes.md): an idle server with 5,000 services open then holds ~125-133
// MB instead of ~190 (its trees dropped), with 1,000 services ~103 MB instead
// of ~114 (its trees kept). It does not lower the peak of a burst of edits
// right after an open: V8 keeps the pages a collection frees in a pool,
// resident, until a memory-reducing collection (the reducer's, when idle),
// so the open's high-water mark stays until then (bench/notes.md).
//
// `--expose-gc` is set at run time, not on the command line, so a server
// started by any editor, with any flags, collects the same way; where V8
// refuses, nothing is collected.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Growth of the old generation's and large objects' use since the last collection that is worth another:
 * each edit of a 5,000-service file leaves ~8 MB that outlives a young collection (the new version's text,
 * 3.4 MB; the diagnostics list sent, 1.5 MB; what the run promoted), so a few edits' worth.
 */
const GROWTH_MB = 32;

/** The old generation and large objects in use after the last collection asked for (MB); undefined before the first. */
let baseline: number | undefined;

let fullCollection: (() => void) | undefined | null;

/** Whether the heap grew enough since the last collection asked for (or none was yet). */
export function collectionDue(): boolean {
  return fullCollection !== null && (baseline === undefined || oldGenerationUsedMb() - baseline >= GROWTH_MB);
}

/** Collects when `collectionDue`. */
export function collectWhenGrown(): void {
  if (!collectionDue() || !collect()) return;
  baseline = oldGenerationUsedMb();
}

function oldGenerationUsedMb(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'old_space' || space.space_name === 'large_object_space' || space.space_name === 'code_space') bytes += space.space_used_size;
  }
  return bytes / 1048576;
}

function collect(): boolean {
  if (fullCollection === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      fullCollection = runInNewContext('gc') as () => void;
    } catch {
      fullCollection = null;
    }
  }
  if (!fullCollection) return false;
  fullCollection();
  return true;
}
