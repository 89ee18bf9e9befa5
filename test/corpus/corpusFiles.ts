// The regression corpus's manifest and file placement, as the corpus tests
// read them. The folder itself comes from withExternalData (test/support).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/model/workspace';

export interface CorpusRecord {
  readonly path: string;
  readonly expected: 'valid' | 'invalid' | 'unknown';
  readonly kind: 'compose' | 'legacy-v1' | 'not-compose';
  readonly note?: string;
  readonly source_path: string;
}

export function readManifest(corpus: string): CorpusRecord[] {
  return JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as CorpusRecord[];
}

/**
 * Where a file "lives" for the server. Inline fragments (YAML blocks taken
 * out of Go tests, `<repo>/inline/<pkg>__<test>/X.yaml`) were written next to
 * the Go package in their test, so their relative references
 * (`./testdata/extends/base.yaml`) resolve from the package folder, which
 * stayed in `valid/<repo>/`. They are opened there as editor documents (never
 * written to disk).
 */
export function placedPath(corpus: string, record: CorpusRecord): string {
  const m = /^(?:valid|invalid)\/(.*?\/)inline\/[^/]+\/([^/]+)$/.exec(record.path);
  if (!m) return path.join(corpus, record.path);
  return path.join(corpus, 'valid', m[1]!, path.dirname(record.source_path), m[2]!);
}

/**
 * Opens a record where it lives for the server (see placedPath): a placed
 * fragment as an editor document, any other file read from disk. Returns the
 * path and URI to ask the service about.
 */
export function openPlaced(service: LanguageService, corpus: string, record: CorpusRecord): { file: string; uri: string } {
  const file = placedPath(corpus, record);
  const uri = pathToUri(file);
  if (file !== path.join(corpus, record.path)) {
    if (fs.existsSync(file)) throw new Error(`placing ${record.path} at ${file} would hide a real file`);
    service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, fs.readFileSync(path.join(corpus, record.path), 'utf8')));
  }
  return { file, uri };
}
