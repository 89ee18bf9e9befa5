// `npm start` as a person uses it: it prints a loopback address, VS Code at
// that address has Dockhand working on examples/, and Ctrl+C stops every
// process it started.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumExecutable, screenshot } from './harness/browser';
import { groupAlive } from './harness/processes';
import { examplesDir, repoRoot } from './harness/paths';
import { focusWorkbench, openFile } from './harness/workbench';

let stateDir: string;
let start: ChildProcess;
let output = '';
let url: string;
let codeServerGroup: number;
let context: BrowserContext | undefined;


before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'dockhand-start-'));
  // Its own process group, as a terminal would give it; SIGINT to the group is Ctrl+C.
  start = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, DOCKHAND_START_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  start.stdout!.on('data', (d) => (output += d));
  start.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 600_000;
  while (!/process group is (\d+)/.test(output)) {
    if (start.exitCode !== null) throw new Error(`npm start exited (${start.exitCode}) before printing an address:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no address in time:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  url = /(http:\/\/\S+)/.exec(output.slice(output.lastIndexOf('is running')))![1];
  codeServerGroup = Number(/process group is (\d+)/.exec(output)![1]);
});

after(async () => {
  await context?.close().catch(() => undefined);
  for (const pgid of [start?.pid, codeServerGroup]) {
    if (pgid && groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  }
  await rm(stateDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves VS Code on a loopback address, on examples/', () => {
    const address = new URL(url);
    assert.equal(address.hostname, '127.0.0.1');
    assert.equal(address.searchParams.get('folder'), examplesDir);
  });

  it('has Dockhand working at that address', async () => {
    context = await chromium.launchPersistentContext(join(stateDir, 'chromium-profile'), {
      executablePath: await chromiumExecutable(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'myapp' }).waitFor({ timeout: 120_000 });
    // npm start opens the examples' README first (workbench.startupEditor: readme), once the workbench
    // has restored, which can come after the explorer shows. Opening a file before that lets the README
    // take the active editor back, and Dockhand's status item (shown for a Compose editor) goes away.
    await page.locator('.tabs-container .tab', { hasText: 'README.md' }).waitFor({ timeout: 120_000 });
    await focusWorkbench(page);
    try {
      await openFile(page, 'web-swarm/compose.yaml');
      await page.locator('.statusbar-item[id="dockhand.dockhand.dockhand.status"]').waitFor({ timeout: 120_000 });
    } finally {
      await screenshot(page, 'npm-start');
    }
    await context.close();
    context = undefined;
  });

  it('stops everything it started on Ctrl+C', async () => {
    assert.ok(groupAlive(codeServerGroup), 'code-server was not running before Ctrl+C');
    process.kill(-start.pid!, 'SIGINT');
    const code = await new Promise<number | null>((resolve) => {
      if (start.exitCode !== null) resolve(start.exitCode);
      else start.once('exit', (exitCode) => resolve(exitCode));
    });
    assert.equal(code, 0, output.slice(-2000));
    const deadline = Date.now() + 10_000;
    while (groupAlive(codeServerGroup) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(groupAlive(codeServerGroup), false, 'code-server processes are still running');
    await assert.rejects(fetch(new URL('/healthz', url)), 'the address still answers');
  });
});
