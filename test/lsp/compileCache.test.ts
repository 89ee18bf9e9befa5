// The compile cache over stdio (server/src/compileCache.ts, server/src/boot.ts):
// started through dist/serverBoot.js with a folder of its own, as the VS Code
// client starts it, the server writes its compiled code there once its first
// file's diagnostics and warm-up are done, and a second server started the
// same way compiles from it and answers the same. Started without a folder it
// writes nothing. The cache API came in Node 22.1 (its flush in 22.10), so the
// servers here run on the Node 24 the project fetches (scripts/node24.mjs),
// whatever Node runs this tier.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNode24 } from '../../scripts/node24.mjs';
import { fixture } from '../support/fixture';
import { fileUri, SERVER_BOOT_JS, SERVER_JS, startServer, type LspSession } from './helpers/server';

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

test('a server started with a cache folder saves its compiled code there, and the next start compiles from it', async () => {
  const first = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { DOCKHAND_COMPILE_CACHE: cacheDir } });
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
  assert.ok(files.some((f) => f.size > 100_000), `the cache folder holds ${JSON.stringify(files)}`);

  // Node says on stderr, when asked, whether it took the cached code for the bundle.
  const second = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { DOCKHAND_COMPILE_CACHE: cacheDir, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
  try {
    assert.deepEqual(await openAndSettle(second), firstFindings, 'the same findings from the cached code');
    const accepted = second.log.join('').includes(`V8 code cache for CommonJS ${SERVER_JS} was accepted`);
    assert.ok(accepted, `Node did not take the cached code for ${SERVER_JS}:\n${second.log.join('').split('\n').filter((l) => l.includes('compile cache')).slice(0, 10).join('\n')}`);
  } finally {
    await second.stop();
  }
});

test('a server started without a cache folder writes none', async () => {
  const server = await startServer({ rootUri: fileUri(fx.dir), node, entry: SERVER_BOOT_JS, env: { DOCKHAND_COMPILE_CACHE: '' } });
  try {
    await openAndSettle(server);
    await until(() => server.log.some((line) => line.includes('warmed up the edit path')));
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(saved(server), false, server.log.join('\n'));
  } finally {
    await server.stop();
  }
});
