// The fuzz tier's main run: thousands of mutated corpus documents through the
// real server as edits, with requests at random offsets. Fails on what an
// editor would suffer (an unanswered request, a dead server, an unhandled
// rejection, runaway memory); exceptions the server caught and still
// answered are listed with their reproducers for the feature's owner.
//   DOCKHAND_FUZZ_SEED=<n>     replay a run (the seed is printed)
//   DOCKHAND_FUZZ_DOCS=<n>     how many documents (default 3000)
//   DOCKHAND_FUZZ_SECONDS=<n>  time cap for the stream (default 80)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readManifest } from '../corpus/corpusFiles';
import { withExternalData } from '../support/externalData';
import { FuzzDriver, summarise } from './driver';
import { int, mutate, prng } from './mutations';

const SEED = Number(process.env.DOCKHAND_FUZZ_SEED ?? 20261127);
const DOCUMENTS = Number(process.env.DOCKHAND_FUZZ_DOCS ?? 3000);
const SECONDS = Number(process.env.DOCKHAND_FUZZ_SECONDS ?? 80);
const SLOTS = 12;
const MAX_CHAINED_CHARS = 150_000;

withExternalData('fuzz: mutated corpus documents through the real server', ['corpus'], ({ corpus }) => {
  let driver: FuzzDriver;
  let root: string;

  function corpusTexts(): { name: string; text: string }[] {
    return readManifest(corpus).map((e) => ({ name: e.path, text: fs.readFileSync(path.join(corpus, e.path), 'utf8') }));
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-fuzz-'));
    driver = await FuzzDriver.start(root, SLOTS, { requestTimeoutMs: 15_000, rssLimitMb: 800, seed: SEED });
  });

  after(async () => {
    await driver?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test(`mutated corpus documents through the real server (seed ${SEED})`, { timeout: (SECONDS + 60) * 1000 }, async () => {
    const corpus = corpusTexts();
    assert.ok(corpus.length > 500, `the corpus at ${corpus} should hold its ~1,000 files`);
    const random = prng(SEED);
    const current: string[] = [];
    const started = Date.now();
    console.log(`fuzz: seed ${SEED} (replay with DOCKHAND_FUZZ_SEED=${SEED}), up to ${DOCUMENTS} documents or ${SECONDS} s`);
    let i = 0;
    for (; i < DOCUMENTS && Date.now() - started < SECONDS * 1000 && driver.alive; i++) {
      const slot = i % SLOTS;
      // Mostly keep damaging the slot's document (errors pile up as in a long edit), sometimes start over.
      const chain = current[slot] !== undefined && current[slot].length < MAX_CHAINED_CHARS && random() < 0.6;
      const source = chain ? { name: `slot ${slot}`, text: current[slot] } : corpus[int(random, corpus.length)];
      const { text, applied } = mutate(source.text, random);
      current[slot] = text;
      const requests = text.length > 100_000 ? 2 : 3 + int(random, 3);
      await driver.document(slot, text, random, `document #${i} (${source.name} + ${applied.join(', ')})`, requests);
    }
    const seconds = (Date.now() - started) / 1000;
    const s = driver.stats;
    const guarded = driver.incidents.filter((x) => x.kind === 'guarded-exception');
    console.log(
      `fuzz: ${s.documents} documents, ${s.edits} edits, ${s.requests} requests, ${s.diagnostics} diagnostics rounds in ${seconds.toFixed(0)} s; ` +
        `slowest request ${s.maxRequestMs.toFixed(0)} ms; server RSS max ${s.maxRssMb.toFixed(0)} MB (peak ${driver.peakRssMb()?.toFixed(0)} MB)`,
    );
    if (guarded.length) console.log(`fuzz: ${guarded.length} exceptions caught by the server and answered (route to the feature's owner):\n${summarise(guarded)}`);
    const failures = driver.failures();
    assert.ok(driver.alive, `the server died:\n${summarise(failures)}`);
    assert.equal(failures.length, 0, `the server failed on mutated documents (seed ${SEED}):\n${summarise(failures)}`);
    assert.ok(s.documents >= Math.min(DOCUMENTS, 200), `only ${s.documents} documents in ${SECONDS} s: the machine is too slow to fuzz meaningfully`);
    assert.ok(s.requests >= s.documents * 2, 'every document got requests');
  });
});
