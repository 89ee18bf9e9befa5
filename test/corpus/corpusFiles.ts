// The regression corpus's manifest and file placement, as the corpus tests
// read them. The folder itself comes from withExternalData (test/support).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
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

/**
 * The checks of folders and files a Compose file's build and mounts name beside it: the corpus holds the
 * Compose files of the reference implementations' test suites, not their build folders, so on the corpus
 * these would speak of what was left out, not of the file (they are held to Compose and the engine in the
 * unit and docker tiers).
 */
export const FOLDERS_LEFT_OUT = ['missing-build-context', 'missing-dockerfile', 'missing-bind-source', 'missing-secret-file', 'missing-config-file'] as const;

/** A language service as the corpus tests use it: an empty environment (Compose gets one too), and the checks of left-out folders off. */
export function corpusService(): LanguageService {
  const service = new LanguageService({});
  service.configureDiagnostics({ rules: Object.fromEntries(FOLDERS_LEFT_OUT.map((code) => [code, 'off' as const])) });
  return service;
}
