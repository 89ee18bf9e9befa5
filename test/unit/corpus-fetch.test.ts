// `npm run corpus:fetch` without internet: arguments, the Go raw-string
// extraction, and whole fetches from a local stand-in for GitHub's archives
// (a small pinned corpus): where it writes, what it refuses, and the clear
// error when the archives cannot be reached. Nothing of ../shared is read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchAll, goRawStrings, parseArgs, readPins, SOURCES_FILE, UsageError, type FetchOptions } from '../../scripts/corpus-fetch.mjs';
import { fetchedDataDir, locate, repoRoot } from '../../scripts/external-data.mjs';
import { serveArchives, type Archives } from '../support/archiveServer';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const GO_COMMIT = 'a'.repeat(40);
const COMPOSE_COMMIT = 'b'.repeat(40);

const goTest = [
  'package loader',
  '',
  '// a comment with a ` backtick that opens nothing',
  'func TestLoad(t *testing.T) {',
  '\tr := \'`\'',
  '\ts := "a `quoted` string"',
  '\tyaml := `',
  'services:',
  '  web:',
  '    image: nginx',
  '`',
  '\tother := `name: inline`',
  '}',
  '',
].join('\n');
const fileYaml = 'services:\n  db:\n    image: postgres\n';
const envFile = 'TAG=1\n';
const schema = '{"$schema":"https://json-schema.org/draft/2020-12/schema"}\n';

function pinsFor(): object {
  const sources = {
    'go@a': { repo: 'compose-spec/compose-go', commit: GO_COMMIT, ref: 'HEAD' },
    'compose@b': { repo: 'docker/compose', commit: COMPOSE_COMMIT, ref: 'refs/heads/main' },
  };
  return {
    sources,
    schema: { from: 'go@a', sourcePath: 'schema/compose-spec.json', sha256: sha(schema) },
    licences: [{ path: 'LICENSE-compose-go', from: 'go@a', sourcePath: 'LICENSE' }],
    files: [
      {
        path: 'valid/compose-go/inline/loader__loader_test/TestLoad_1.yaml',
        from: 'go@a',
        sourcePath: 'loader/loader_test.go',
        sha256: sha('services:\n  web:\n    image: nginx\n'),
        literal: { offset: 120 },
        record: { kind: 'compose', source_func: 'TestLoad', expected: 'valid' },
      },
      { path: 'valid/docker-compose/main/fixtures/compose.yaml', from: 'compose@b', sourcePath: 'fixtures/compose.yaml', sha256: sha(fileYaml), record: { kind: 'compose', expected: 'invalid', note: 'why' } },
      { path: 'valid/docker-compose/main/fixtures/.env', from: 'compose@b', sourcePath: 'fixtures/.env', sha256: sha(envFile) },
    ],
  };
}

function archives(overrides: Record<string, string> = {}): Archives {
  const go = new Map<string, string>([
    ['loader/loader_test.go', goTest],
    ['schema/compose-spec.json', schema],
    ['LICENSE', 'Apache License\n'],
  ]);
  const compose = new Map<string, string>([
    ['fixtures/compose.yaml', fileYaml],
    ['fixtures/.env', envFile],
    ['README.md', 'not wanted\n'],
  ]);
  for (const [k, v] of Object.entries(overrides)) (k.startsWith('go:') ? go : compose).set(k.slice(k.indexOf(':') + 1), v);
  return new Map([
    ['compose-spec/compose-go', new Map([[GO_COMMIT, go]])],
    ['docker/compose', new Map([[COMPOSE_COMMIT, compose]])],
  ]);
}

describe('corpus:fetch arguments', () => {
  it('writes to .cache/test-data by default, where the tests look, and elsewhere with --out', () => {
    assert.equal(parseArgs([]).out, path.join(repoRoot, '.cache', 'test-data'));
    assert.equal(parseArgs([]).out, fetchedDataDir);
    assert.equal(parseArgs(['--out', 'some/dir']).out, path.resolve('some/dir'));
    assert.equal(parseArgs(['--force']).force, true);
    assert.equal(parseArgs([]).sources, SOURCES_FILE);
  });

  it('refuses unknown arguments and a missing value', () => {
    assert.throws(() => parseArgs(['--bogus']), (e: Error) => e instanceof UsageError && /Unknown argument "--bogus"/.test(e.message));
    assert.throws(() => parseArgs(['--out']), /--out needs a value/);
    assert.throws(() => parseArgs(['--out', '--force']), /--out needs a value/);
  });

  it('the command prints its usage, and exits 2 on a bad argument', () => {
    const script = path.join(repoRoot, 'scripts', 'corpus-fetch.mjs');
    const help = spawnSync(process.execPath, [script, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage: npm run corpus:fetch/);
    const bad = spawnSync(process.execPath, [script, '--nope'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Unknown argument "--nope"[\s\S]*usage:/);
  });
});

describe('Go raw-string literals', () => {
  it('takes the text between backticks without its first newline, skipping backticks in comments, runes and strings', () => {
    assert.deepEqual(
      goRawStrings(goTest).map((l) => l.text),
      ['services:\n  web:\n    image: nginx\n', 'name: inline'],
    );
    assert.equal(goTest[goRawStrings(goTest)[0]!.offset], '`');
  });

  it('keeps a literal that does not end with a newline, and an unterminated one runs to the end', () => {
    assert.deepEqual(goRawStrings('x := `a: 1`').map((l) => l.text), ['a: 1']);
    assert.deepEqual(goRawStrings('x := `\n  b: 2').map((l) => l.text), ['  b: 2']);
  });
});

describe('corpus:fetch from archives', () => {
  let work: string;
  let pinsFile: string;
  let options: (extra?: Partial<FetchOptions>) => FetchOptions;
  let server: Awaited<ReturnType<typeof serveArchives>>;
  const quiet = () => undefined;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-corpus-fetch-'));
    pinsFile = path.join(work, 'pins.json');
    fs.writeFileSync(pinsFile, JSON.stringify(pinsFor()));
    server = await serveArchives(archives());
    options = (extra = {}) => ({ out: path.join(work, 'out'), force: false, help: false, sources: pinsFile, archiveBase: server.base, ...extra });
  });
  after(async () => {
    await server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes the pinned files, a manifest and the schema, one download per pinned commit', async () => {
    const { corpusDir, schemaFile } = await fetchAll(options(), quiet);
    assert.equal(corpusDir, path.join(work, 'out', 'corpus'));
    assert.equal(fs.readFileSync(path.join(corpusDir, 'valid/compose-go/inline/loader__loader_test/TestLoad_1.yaml'), 'utf8'), 'services:\n  web:\n    image: nginx\n');
    assert.equal(fs.readFileSync(path.join(corpusDir, 'valid/docker-compose/main/fixtures/.env'), 'utf8'), envFile);
    assert.equal(fs.readFileSync(path.join(corpusDir, 'LICENSE-compose-go'), 'utf8'), 'Apache License\n');
    assert.equal(fs.readFileSync(schemaFile, 'utf8'), schema);
    assert.ok(!fs.existsSync(path.join(corpusDir, 'valid/docker-compose/main/README.md')), 'only pinned files are written');
    const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest, readPins(pinsFile).manifest());
    assert.deepEqual(
      manifest.map((r: Record<string, unknown>) => [r.path, r.expected, r.source_repo, r.commit, r.source_path, r.extracted ?? null]),
      [
        ['valid/compose-go/inline/loader__loader_test/TestLoad_1.yaml', 'valid', 'compose-spec/compose-go', GO_COMMIT, 'loader/loader_test.go', 'go raw-string literal'],
        ['valid/docker-compose/main/fixtures/compose.yaml', 'invalid', 'docker/compose', COMPOSE_COMMIT, 'fixtures/compose.yaml', null],
      ],
    );
    assert.deepEqual(server.requests.sort(), [`/compose-spec/compose-go/tar.gz/${GO_COMMIT}`, `/docker/compose/tar.gz/${COMPOSE_COMMIT}`]);
    // The tests find it where the variables point.
    assert.equal(locate('corpus', { DOCKHAND_CORPUS: corpusDir }).path, corpusDir);
    assert.equal(locate('composeSchema', { DOCKHAND_COMPOSE_SCHEMA: schemaFile }).path, schemaFile);
  });

  it('leaves an existing copy alone unless --force', async () => {
    const marker = path.join(work, 'out', 'corpus', 'mine.txt');
    fs.writeFileSync(marker, 'keep');
    await assert.rejects(fetchAll(options(), quiet), (e: Error) => e instanceof UsageError && /already there; nothing changed\. Run again with --force/.test(e.message));
    assert.ok(fs.existsSync(marker));
    await fetchAll(options({ force: true }), quiet);
    assert.ok(!fs.existsSync(marker), '--force replaces the corpus');
    assert.ok(fs.existsSync(path.join(work, 'out', 'corpus', 'manifest.json')));
  });

  it('a file that is not what was pinned fails the fetch, naming it, and writes nothing', async () => {
    const changed = await serveArchives(archives({ 'compose:fixtures/compose.yaml': 'services: {}\n', 'go:loader/loader_test.go': 'package loader\n' }));
    try {
      const out = path.join(work, 'changed');
      await assert.rejects(fetchAll(options({ out, archiveBase: changed.base }), quiet), (e: Error) => {
        assert.match(e.message, /does not match the pins[\s\S]*valid\/docker-compose\/main\/fixtures\/compose\.yaml: the file in fixtures\/compose\.yaml/);
        assert.match(e.message, /TestLoad_1\.yaml: no raw-string literal in loader\/loader_test\.go/);
        return true;
      });
      assert.deepEqual(fs.existsSync(out) ? fs.readdirSync(out) : [], []);
      assert.ok(!fs.readdirSync(work).some((n) => n.includes('.partial-')), 'no staging folder left behind');
    } finally {
      await changed.close();
    }
  });

  it('offline: a clear error saying what it needs and what to do instead, and nothing written', async () => {
    const out = path.join(work, 'offline');
    // A loopback port nobody listens on any more: the connection is refused at once.
    const gone = await serveArchives(new Map());
    await gone.close();
    await assert.rejects(fetchAll(options({ out, archiveBase: gone.base }), quiet), (e: Error) => {
      assert.ok(e.message.startsWith(`Could not download compose-spec/compose-go at aaaaaaaaaaaa (${gone.base}/compose-spec/compose-go/tar.gz/${GO_COMMIT}): connect ECONNREFUSED`), e.message);
      assert.match(e.message, /needs access to github\.com[\s\S]*DOCKHAND_CORPUS/);
      return true;
    });
    assert.ok(!fs.existsSync(out));
  });

  it('an archive missing at the pinned commit (HTTP 404) is named', async () => {
    const pins = pinsFor() as { sources: Record<string, { commit: string }> };
    pins.sources['compose@b']!.commit = 'c'.repeat(40);
    const other = path.join(work, 'pins-404.json');
    fs.writeFileSync(other, JSON.stringify(pins));
    await assert.rejects(fetchAll(options({ out: path.join(work, 'nf'), sources: other }), quiet), /docker\/compose at cccccccccccc .*HTTP 404/);
  });
});

describe('the pins of the real corpus', () => {
  it('name a pinned source for every file, the schema and the licences, with a full commit and sha256', () => {
    const pins = readPins(SOURCES_FILE);
    assert.ok(pins.files.length > 1000, `${pins.files.length} files pinned`);
    for (const s of Object.values(pins.sources)) assert.match(s.commit, /^[0-9a-f]{40}$/);
    for (const f of [...pins.files, pins.schema]) {
      assert.ok(pins.sources[f.from], `${f.sourcePath}: unknown source ${f.from}`);
      assert.match(f.sha256, /^[0-9a-f]{64}$/);
    }
    const repos = new Set(Object.values(pins.sources).map((s) => s.repo));
    assert.deepEqual([...repos].sort(), ['compose-spec/compose-go', 'docker/compose']);
    assert.equal(pins.manifest().length, pins.files.filter((f) => f.record).length);
  });
});
