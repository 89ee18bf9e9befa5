// `npm run corpus:fetch` reproduces this corpus: archives of the pinned
// upstream commits are made from the corpus's own files (the Go tests hold
// the inline fragments as raw-string literals, as upstream does), served on
// loopback, and the fetch must rebuild every file byte for byte and the same
// manifest. It fails when the corpus changes and scripts/corpus-sources.json
// was not re-pinned (`node scripts/corpus-fetch.mjs --write-sources ...`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchAll, readPins, SOURCES_FILE } from '../../scripts/corpus-fetch.mjs';
import { serveArchives, type Archives } from '../support/archiveServer';
import { withExternalData } from '../support/externalData';
import { readManifest } from './corpusFiles';

withExternalData('corpus: npm run corpus:fetch rebuilds this corpus from its pins', ['corpus', 'composeSchema'], ({ corpus, composeSchema }) => {
  test('the pins cover every file of the corpus, and a fetch from the pinned archives rebuilds it byte for byte', async () => {
    const pins = readPins(SOURCES_FILE);
    const archives: Archives = new Map();
    const put = (from: string, sourcePath: string, content: Buffer | string) => {
      const { repo, commit } = pins.sources[from]!;
      if (!archives.has(repo)) archives.set(repo, new Map());
      const byCommit = archives.get(repo)!;
      if (!byCommit.has(commit)) byCommit.set(commit, new Map());
      byCommit.get(commit)!.set(sourcePath, content);
    };
    const goSources = new Map<string, string[]>();
    for (const f of pins.files) {
      const bytes = fs.readFileSync(path.join(corpus, f.path));
      if (!f.literal) put(f.from, f.sourcePath, bytes);
      else {
        const key = `${f.from}\0${f.sourcePath}`;
        goSources.set(key, [...(goSources.get(key) ?? []), `\tyaml := \`\n${bytes.toString('utf8')}\``]);
      }
    }
    for (const [key, literals] of goSources) {
      const [from, sourcePath] = key.split('\0') as [string, string];
      put(from, sourcePath, `package test\n\n// fragments, as in the upstream test\nfunc TestX(t *testing.T) {\n${literals.join('\n')}\n}\n`);
    }
    for (const l of pins.licences) put(l.from, l.sourcePath, fs.readFileSync(path.join(corpus, l.path)));
    put(pins.schema.from, pins.schema.sourcePath, fs.readFileSync(composeSchema));

    const server = await serveArchives(archives);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-corpus-refetch-'));
    try {
      const { corpusDir, schemaFile } = await fetchAll({ out: work, force: false, help: false, sources: SOURCES_FILE, archiveBase: server.base }, () => undefined);
      assert.deepEqual(fs.readFileSync(schemaFile), fs.readFileSync(composeSchema));
      const norm = (records: object[]) => records.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort())));
      assert.deepEqual(norm(readManifest(corpusDir)), norm(readManifest(corpus)), 'the fetched manifest is the corpus manifest');
      const pinned = new Set([...pins.files.map((f) => f.path), ...pins.licences.map((l) => l.path)]);
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir).flatMap((name) => {
          const p = path.join(dir, name);
          return fs.statSync(p).isDirectory() ? walk(p) : [path.relative(corpus, p)];
        });
      // Everything but the corpus's own notes (README.md, NOTES.md) and the manifest comes from upstream.
      const unpinned = walk(corpus).filter((p) => !pinned.has(p) && !/(^|\/)(README|NOTES)\.md$|^manifest\.json$/.test(p));
      assert.deepEqual(unpinned, [], 'files of the corpus that corpus:fetch would not bring: re-pin with --write-sources');
      for (const p of pinned) assert.ok(fs.readFileSync(path.join(corpusDir, p)).equals(fs.readFileSync(path.join(corpus, p))), `${p} differs`);
    } finally {
      await server.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
