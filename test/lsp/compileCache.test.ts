// The compiled code kept between starts over stdio (server/src/compileCache.ts,
// server/src/boot.ts): started through dist/serverBoot.js with a folder of its
// own, as the VS Code client starts it, the server writes its compiled code
// there once its first file's diagnostics and warm-up are done, and a second
// server started the same way runs from it and answers the same. A cache cut
// short is refused and made again; started without a folder, the server
// writes nothing. The servers run on the Node 24 the bench and the client's
// tests use (scripts/node24.mjs), whatever Node runs this tier.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNode24 } from '../../scripts/node24.mjs';
import { fixture } from '../support/fixture';
import { COMPILE_CACHE_ENV, COMPILE_CACHE_SUFFIX } from '../../common/src/serverEnvironment';
import { fileUri, SERVER_BOOT_JS, startServer, type LspSession } from './helpers/server';

const fx = fixture(after, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80", "8080:81"]\n' });
const cacheDir = mkdtempSync(join(tmpdir(), 'dockhand-compile-cache-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));
let node: string;
before(async () => {
  node = await ensureNode24();
});

const saved = (server: LspSession) => server.log.some((line) => line.includes('saved the compiled code for the next start'));

async function until(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The files the cache folder holds (Node keeps them in a folder per Node version), with their sizes. */
function cachedFiles(): { name: string; size: number }[] {
  return readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })
    .map((name) => ({ name, size: statSync(join(cacheDir, name)).size }))
    .filter((file) => statSync(join(cacheDir, file.name)).isFile());
}

async function openAndSettle(server: LspSession) {
  const uri = fileUri(fx.path('compose.yaml'));
  server.open(uri, fx.text('compose.yaml'));
  const diagnostics = await server.diagnostics(uri);
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort();
}

test('a server started with a cache folder saves its compiled code there, and the next start runs from it', async () => {
  const first = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { [COMPILE_CACHE_ENV]: cacheDir } });
  let firstFindings: string[];
  try {
    firstFindings = await openAndSettle(first);
    assert.ok(firstFindings.some((f) => f.startsWith('port-conflict')), `the file's findings: ${firstFindings.join(', ')}`);
    await until(() => saved(first));
  } finally {
    await first.stop();
  }
  const files = cachedFiles();
  // The bundle's compiled code is hundreds of KB; an empty or stub entry would be a few bytes.
  assert.ok(files.some((f) => f.name.endsWith(COMPILE_CACHE_SUFFIX) && f.size > 100_000), `the cache folder holds ${JSON.stringify(files)}`);

  const ranFromCache = (server: LspSession) => server.log.some((line) => line.includes('started from the compiled code the last start saved'));
  const second = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { [COMPILE_CACHE_ENV]: cacheDir } });
  try {
    assert.deepEqual(await openAndSettle(second), firstFindings, 'the same findings from the cached code');
    await until(() => ranFromCache(second));
    assert.equal(saved(second), false, 'a start that ran from the cache does not write it again');
    // Later runs (an edit) neither write the cache nor say again where the code came from.
    const uri = fileUri(fx.path('compose.yaml'));
    second.change(uri, fx.text('compose.yaml').replace('8080:81', '8081:81'));
    assert.deepEqual(await second.diagnostics(uri), [], 'the edit took away the port clash');
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(second.log.filter((line) => line.includes('started from the compiled code')).length, 1, second.log.join('\n'));
    assert.equal(saved(second), false);
  } finally {
    await second.stop();
  }

  // Cut short (a disk full while it was written, say): V8 refuses it, the server compiles as usual and writes it anew.
  const [cache] = cachedFiles();
  writeFileSync(join(cacheDir, cache!.name), readFileSync(join(cacheDir, cache!.name)).subarray(0, 5_000));
  const third = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { [COMPILE_CACHE_ENV]: cacheDir } });
  try {
    assert.deepEqual(await openAndSettle(third), firstFindings, 'the same findings with the cache refused');
    await until(() => saved(third));
    assert.ok(third.log.some((line) => line.includes('V8 refused the one there')), third.log.join('\n'));
    assert.equal(ranFromCache(third), false);
  } finally {
    await third.stop();
  }
  assert.ok(cachedFiles().some((f) => f.size > 100_000), `written anew: ${JSON.stringify(cachedFiles())}`);
});

test('a server started without a cache folder writes none', async () => {
  const server = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { [COMPILE_CACHE_ENV]: '' } });
  try {
    await openAndSettle(server);
    await until(() => server.log.some((line) => line.includes('warmed up the edit path')));
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(saved(server), false, server.log.join('\n'));
  } finally {
    await server.stop();
  }
});
