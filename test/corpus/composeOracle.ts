// Compose's own verdict on each corpus file: `docker-compose -f FILE config -q`
// run in the file's folder with a clean environment (Compose v2, the
// standalone binary from scripts/compose-v2.mjs). Exit 0: Compose loads the
// file; otherwise its message says why. A file that Compose loads together
// with others by default (`compose.yaml` + `compose.override.yaml`) is asked
// about with all of them (`-f main -f override`), as Compose runs it.
//
// Runs two at a time (the machine has 2 cores) and keeps the verdicts under
// .cache/compose-oracle/<version>.json, keyed by the file's text, its folder
// and the folder's .env: a second run only asks Compose about what changed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { placedPath, type CorpusRecord } from './corpusFiles';

export interface ComposeVerdict {
  /** Compose's exit code: 0 when it loads the file. */
  readonly code: number;
  /** Compose's message when it refuses (stderr, trimmed). */
  readonly message: string;
}

interface Job {
  readonly record: CorpusRecord;
  readonly key: string;
  readonly cwd: string;
  readonly args: string[];
  readonly stdin?: string;
}

const TIMEOUT_MS = 15_000;
const CACHE_DIR = path.resolve(__dirname, '..', '..', '.cache', 'compose-oracle');

function readIfThere(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * How Compose is asked about one record. Inline fragments are "placed" in
 * their Go package's folder (see placedPath) without being written there, so
 * Compose reads them from stdin with that folder as the project directory.
 */
function jobFor(corpus: string, record: CorpusRecord, projectFiles: readonly string[]): Job {
  const real = path.join(corpus, record.path);
  const placed = placedPath(corpus, record);
  if (placed === real && projectFiles.length > 1 && projectFiles.includes(real)) {
    const cwd = path.dirname(projectFiles[0]!);
    const hash = createHash('sha256');
    for (const file of projectFiles) hash.update(path.relative(corpus, file)).update('\0').update(readIfThere(file)).update('\0');
    hash.update(readIfThere(path.join(cwd, '.env')));
    return { record, key: hash.digest('hex'), cwd, args: [...projectFiles.flatMap((f) => ['-f', path.relative(cwd, f)]), 'config', '-q'] };
  }
  const projectDir = path.dirname(placed);
  // A placed fragment's package folder may hold no corpus file at all, so it may not exist: run from its nearest existing parent.
  let cwd = projectDir;
  while (!fs.existsSync(cwd)) cwd = path.dirname(cwd);
  const text = fs.readFileSync(real, 'utf8');
  const key = createHash('sha256')
    .update(text)
    .update('\0')
    .update(path.relative(corpus, placed))
    .update('\0')
    .update(readIfThere(path.join(projectDir, '.env')))
    .digest('hex');
  if (placed === real) return { record, key, cwd, args: ['-f', path.basename(real), 'config', '-q'] };
  return { record, key, cwd, args: ['-f', '-', '--project-directory', projectDir, 'config', '-q'], stdin: text };
}

function runOne(binary: string, job: Job, home: string): Promise<ComposeVerdict> {
  return new Promise((resolve) => {
    // A clean environment: no COMPOSE_*, DOCKER_* or variables of whoever runs the tests.
    const child = spawn(binary, job.args, { cwd: job.cwd, env: { PATH: '/usr/bin:/bin', HOME: home }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    // An alias bomb keeps Compose 2.26 busy (and growing) for minutes: not loading within the limit is a refusal.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, message: `could not run ${binary}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ code: 124, message: `Compose did not finish loading the file within ${TIMEOUT_MS / 1000} s` });
      else resolve({ code: code ?? -1, message: signal ? `killed by ${signal}` : stderr.trim() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(job.stdin ?? '');
  });
}

/** Compose's verdict on every record, from the cache where it is known. */
export async function composeVerdicts(
  binary: string,
  version: string,
  corpus: string,
  records: readonly CorpusRecord[],
  /** The files Compose loads together with each record (by record path); absent: the record alone. */
  projectFilesOf: (record: CorpusRecord) => readonly string[],
  concurrency = 2,
): Promise<{ verdicts: Map<string, ComposeVerdict>; asked: number }> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const cacheFile = path.join(CACHE_DIR, `${version.replace(/[^\w.-]/g, '_')}.json`);
  let cache: Record<string, ComposeVerdict> = {};
  try {
    cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, ComposeVerdict>;
  } catch {
    /* no cache yet, or a broken one: ask Compose again */
  }
  const jobs = records.map((r) => jobFor(corpus, r, projectFilesOf(r)));
  const todo = jobs.filter((j) => !cache[j.key]);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-oracle-home-'));
  try {
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const job = todo[next++]!;
        const verdict = await runOne(binary, job, home);
        if (verdict.code === -1) throw new Error(`Compose did not give a verdict on ${job.record.path}: ${verdict.message}`);
        cache[job.key] = verdict;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    if (todo.length > 0) {
      // Only this corpus's entries, so the file does not grow with every edit of it.
      const kept: Record<string, ComposeVerdict> = {};
      for (const job of jobs) if (cache[job.key]) kept[job.key] = cache[job.key]!;
      const temp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temp, JSON.stringify(kept));
      fs.renameSync(temp, cacheFile);
    }
  }
  return { verdicts: new Map(jobs.map((j) => [j.record.path, cache[j.key]!])), asked: todo.length };
}
