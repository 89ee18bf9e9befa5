// Folders the e2e harness and tests share.
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
/** Screenshots and logs a person can look at after a run (git-ignored). */
export const artifactsDir = join(repoRoot, 'test', 'e2e', '.artifacts');
export const examplesDir = join(repoRoot, 'examples');
