// The shared regression corpus (../shared/corpus), as the corpus tests read it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export interface CorpusRecord {
  readonly path: string;
  readonly expected: 'valid' | 'invalid' | 'unknown';
  readonly kind: 'compose' | 'legacy-v1' | 'not-compose';
  readonly note?: string;
  readonly source_path: string;
}

export function readManifest(): CorpusRecord[] {
  const file = path.join(CORPUS, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`The corpus is missing: ${file} not found. The corpus tier needs ../shared/corpus beside the repository.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusRecord[];
}

/**
 * Where a file "lives" for the server. Inline fragments (YAML blocks taken
 * out of Go tests, `<repo>/inline/<pkg>__<test>/X.yaml`) were written next to
 * the Go package in their test, so their relative references
 * (`./testdata/extends/base.yaml`) resolve from the package folder, which
 * stayed in `valid/<repo>/`. They are opened there as editor documents (never
 * written to disk).
 */
export function placedPath(record: CorpusRecord): string {
  const m = /^(?:valid|invalid)\/(.*?\/)inline\/[^/]+\/([^/]+)$/.exec(record.path);
  if (!m) return path.join(CORPUS, record.path);
  return path.join(CORPUS, 'valid', m[1]!, path.dirname(record.source_path), m[2]!);
}
