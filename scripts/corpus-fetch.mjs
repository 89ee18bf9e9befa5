// `npm run corpus:fetch`: downloads the test data that lives outside the
// repository (the Compose corpus and the Compose JSON schema) from the
// upstream repositories at pinned commits, for a machine without ../shared.
// scripts/corpus-sources.json pins every file: which repository and commit,
// which path (or which raw-string literal of a Go test), its sha256, and the
// expectations the corpus tests read. Nothing is written unless every file
// arrives and matches its sha256; an existing copy is replaced only with
// --force. Not run by CI (CI has ../shared).
//
//   npm run corpus:fetch [-- --out DIR] [--force]
//   node scripts/corpus-fetch.mjs --write-sources CORPUS_DIR SCHEMA_FILE   (maintainers: re-pin from a corpus)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { fetchedDataDir, repoRoot } from './external-data.mjs';

export const SOURCES_FILE = join(repoRoot, 'scripts', 'corpus-sources.json');
/** Where repository archives come from (<base>/<owner>/<repo>/tar.gz/<commit>); the tests serve their own. */
export const GITHUB_ARCHIVES = 'https://codeload.github.com';
const DOWNLOAD_TIMEOUT_MS = 300_000;

const USAGE = `usage: npm run corpus:fetch [-- --out DIR] [--force]
Downloads the Compose corpus and the Compose JSON schema at the commits pinned in
scripts/corpus-sources.json into DIR (default ${relative(process.cwd(), fetchedDataDir) || '.'}):
DIR/corpus and DIR/compose-spec/compose-spec.json, where the tests look for them.
  --out DIR   write there instead (then set DOCKHAND_CORPUS=DIR/corpus and
              DOCKHAND_COMPOSE_SCHEMA=DIR/compose-spec/compose-spec.json)
  --force     replace a corpus or schema already in DIR`;

export function parseArgs(argv) {
  const options = { out: fetchedDataDir, force: false, help: false, sources: SOURCES_FILE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--out') options.out = resolve(value());
    else if (arg === '--force') options.force = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--sources') options.sources = resolve(value());
    else if (arg === '--write-sources') options.writeSources = { corpus: resolve(value()), schema: resolve(value()) };
    else throw new UsageError(`Unknown argument "${arg}".`);
  }
  return options;
}

export class UsageError extends Error {}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The raw-string literals (`...`) of a Go source, as the corpus took them:
 * the text between the backticks without its first newline. Backticks inside
 * comments, strings and runes are skipped.
 */
export function goRawStrings(source) {
  const found = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') i = nextIndex(source, '\n', i);
    else if (c === '/' && source[i + 1] === '*') i = nextIndex(source, '*/', i + 2) + 1;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '`') {
      const end = nextIndex(source, '`', i + 1);
      const text = source.slice(i + 1, end);
      found.push({ offset: i, text: text.startsWith('\n') ? text.slice(1) : text });
      i = end + 1;
    } else i++;
  }
  return found;
}

function nextIndex(text, needle, from) {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

/** The files of a repository archive (tar.gz) that `wanted` names, by path inside the repository. */
async function downloadFiles(archiveBase, source, wanted) {
  const url = `${archiveBase}/${source.repo}/tar.gz/${source.commit}`;
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    const cause = error.cause?.message ?? error.message;
    throw new Error(
      `Could not download ${source.repo} at ${source.commit.slice(0, 12)} (${url}): ${cause}. ` +
        'corpus:fetch needs access to github.com. Without it, copy the corpus from a machine that has it and set DOCKHAND_CORPUS and DOCKHAND_COMPOSE_SCHEMA (or put it at ../shared).',
    );
  }
  if (!response.ok || !response.body) throw new Error(`Could not download ${source.repo} at ${source.commit.slice(0, 12)} (${url}): HTTP ${response.status}.`);
  const files = new Map();
  const parser = extract();
  parser.on('entry', (header, stream, next) => {
    // Archives hold one top folder (<repo>-<commit>/).
    const path = header.name.split('/').slice(1).join('/');
    if (header.type !== 'file' || !wanted.has(path)) {
      stream.on('end', next);
      stream.resume();
      return;
    }
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      files.set(path, Buffer.concat(chunks));
      next();
    });
  });
  await pipeline(Readable.fromWeb(response.body), createGunzip(), parser);
  return files;
}

/** One corpus file's bytes from its source file: the file itself, or the Go raw-string literal with its sha256. */
function contentOf(entry, sourceBytes) {
  if (!entry.literal) return sourceBytes;
  const literals = goRawStrings(sourceBytes.toString('utf8'));
  // Several literals can match (tables repeat fragments); the pinned offset picks the nearest.
  const matching = literals.filter((l) => sha256(l.text) === entry.sha256);
  if (matching.length === 0) return undefined;
  matching.sort((a, b) => Math.abs(a.offset - entry.literal.offset) - Math.abs(b.offset - entry.literal.offset));
  return Buffer.from(matching[0].text, 'utf8');
}

export async function fetchAll(options, log = console.log) {
  const pins = readPins(options.sources);
  const corpusDir = join(options.out, 'corpus');
  const schemaFile = join(options.out, 'compose-spec', 'compose-spec.json');
  const existing = [corpusDir, schemaFile].filter((p) => existsSync(p));
  if (existing.length && !options.force) {
    throw new UsageError(`${existing.join(' and ')} already there; nothing changed. Run again with --force to replace ${existing.length > 1 ? 'them' : 'it'}.`);
  }
  // What each source archive must provide.
  const wanted = new Map(Object.keys(pins.sources).map((id) => [id, new Set()]));
  for (const f of pins.files) wanted.get(f.from).add(f.sourcePath);
  for (const l of pins.licences) wanted.get(l.from).add(l.sourcePath);
  wanted.get(pins.schema.from).add(pins.schema.sourcePath);

  const archives = new Map();
  for (const [id, paths] of wanted) {
    const source = pins.sources[id];
    log(`corpus:fetch: ${source.repo} at ${source.commit.slice(0, 12)} (${paths.size} files)`);
    archives.set(id, await downloadFiles(options.archiveBase ?? GITHUB_ARCHIVES, source, paths));
  }
  const problems = [];
  const take = (from, sourcePath) => {
    const bytes = archives.get(from).get(sourcePath);
    if (!bytes) problems.push(`${pins.sources[from].repo}@${pins.sources[from].commit.slice(0, 12)} has no ${sourcePath}`);
    return bytes;
  };

  const staging = `${options.out}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const f of pins.files) {
      const source = take(f.from, f.sourcePath);
      if (!source) continue;
      const bytes = contentOf(f, source);
      if (!bytes || sha256(bytes) !== f.sha256) {
        problems.push(`${f.path}: ${f.literal ? 'no raw-string literal' : 'the file'} in ${f.sourcePath} has the pinned sha256 ${f.sha256.slice(0, 12)}`);
        continue;
      }
      writeFile(join(staging, 'corpus', f.path), bytes);
    }
    for (const l of pins.licences) {
      const bytes = take(l.from, l.sourcePath);
      if (bytes) writeFile(join(staging, 'corpus', l.path), bytes);
    }
    const schema = take(pins.schema.from, pins.schema.sourcePath);
    if (schema && sha256(schema) !== pins.schema.sha256) problems.push(`${pins.schema.sourcePath}: not the pinned sha256 ${pins.schema.sha256.slice(0, 12)}`);
    if (problems.length) throw new Error(`The downloaded data does not match the pins in ${relative(process.cwd(), options.sources)}; nothing written:\n  ${problems.join('\n  ')}`);
    writeFile(join(staging, 'compose-spec', 'compose-spec.json'), schema);
    writeFile(join(staging, 'corpus', 'manifest.json'), JSON.stringify(pins.manifest(), null, 1));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // Everything arrived: move it into place (replacing only what --force allowed).
  mkdirSync(join(options.out, 'compose-spec'), { recursive: true });
  rmSync(corpusDir, { recursive: true, force: true });
  renameSync(join(staging, 'corpus'), corpusDir);
  renameSync(join(staging, 'compose-spec', 'compose-spec.json'), schemaFile);
  rmSync(staging, { recursive: true, force: true });
  log(`corpus:fetch: ${pins.files.length} corpus files in ${corpusDir}, the schema in ${schemaFile}`);
  return { corpusDir, schemaFile };
}

function writeFile(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

export function readPins(file) {
  const pins = JSON.parse(readFileSync(file, 'utf8'));
  return {
    ...pins,
    /** The manifest the corpus tests read, rebuilt from the pins. */
    manifest: () =>
      pins.files
        .filter((f) => f.record)
        .map((f) => {
          const { repo, commit, ref } = pins.sources[f.from];
          const literal = f.literal ? { extracted: 'go raw-string literal', source_offset: f.literal.offset } : {};
          return { path: f.path, ...f.record, source_repo: repo, source_ref: ref, commit, source_path: f.sourcePath, ...literal, sha256: f.sha256 };
        }),
  };
}

/**
 * Maintainers: pins every file of a corpus folder (its manifest, and the
 * side files beside them such as .env files) and the schema, for
 * scripts/corpus-sources.json.
 */
export function writeSources(corpus, schema, target = SOURCES_FILE) {
  const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
  const sources = {};
  const sourceId = (repo, commit, ref) => {
    const id = `${repo.split('/')[1]}@${commit.slice(0, 12)}`;
    sources[id] ??= { repo, commit, ref };
    return id;
  };
  const files = [];
  /** The folder of the corpus that mirrors a source's tree: "valid/docker-compose/main/" -> its source. */
  const roots = new Map();
  for (const r of manifest) {
    const from = sourceId(r.source_repo, r.commit, r.source_ref);
    const { path, source_repo: _repo, commit: _commit, source_ref: _ref, source_path: sourcePath, sha256: sum, extracted, source_offset: offset, ...record } = r;
    const literal = extracted === 'go raw-string literal' ? { offset } : undefined;
    if (!literal) roots.set(path.slice(0, path.length - sourcePath.length).replace(/^(valid|invalid)\//, ''), from);
    files.push({ path, from, sourcePath, sha256: sum, ...(literal ? { literal } : {}), record });
  }
  const listed = new Set(manifest.map((r) => r.path));
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [relative(corpus, p)];
    });
  const licences = [];
  for (const path of walk(corpus).sort()) {
    if (listed.has(path)) continue;
    const licence = /^LICENSE-(.*)$/.exec(path);
    if (licence) {
      const repo = { 'compose-go': 'compose-spec/compose-go', 'docker-compose': 'docker/compose', 'docker-compose-v1': 'docker/compose' }[licence[1]];
      const from = Object.keys(sources).find((id) => sources[id].repo === repo && (licence[1].endsWith('v1') ? roots.get('docker-compose/v1/') === id : true));
      if (from) licences.push({ path, from, sourcePath: 'LICENSE' });
      continue;
    }
    const inner = path.replace(/^(valid|invalid)\//, '');
    const root = [...roots.keys()].filter((r) => inner.startsWith(r)).sort((a, b) => b.length - a.length)[0];
    if (root === undefined) continue; // README.md, NOTES.md: the corpus's own notes, not upstream files
    files.push({ path, from: roots.get(root), sourcePath: inner.slice(root.length), sha256: sha256(readFileSync(join(corpus, path))) });
  }
  const schemaSource = Object.keys(sources).find((id) => sources[id].repo === 'compose-spec/compose-go' && files.filter((f) => f.from === id).length > 100);
  const pins = {
    about:
      'What `npm run corpus:fetch` downloads (scripts/corpus-fetch.mjs): every file of the Compose corpus and the Compose JSON schema, pinned to an upstream commit and a sha256, with the expectations the corpus tests read. Written by `node scripts/corpus-fetch.mjs --write-sources CORPUS_DIR SCHEMA_FILE`.',
    sources,
    schema: { from: schemaSource, sourcePath: 'schema/compose-spec.json', sha256: sha256(readFileSync(schema)) },
    licences,
    files,
  };
  writeFileSync(target, `${JSON.stringify(pins, null, 0).replace(/\},\{"path"/g, '},\n{"path"')}\n`);
  return pins;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.writeSources) {
    const pins = writeSources(options.writeSources.corpus, options.writeSources.schema);
    console.log(`wrote ${relative(process.cwd(), SOURCES_FILE)}: ${pins.files.length} files from ${Object.keys(pins.sources).length} sources`);
    return;
  }
  try {
    await fetchAll(options, console.log);
  } catch (error) {
    console.error(`corpus:fetch: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
