// Dockhand: Show Topology in real VS Code (code-server with the packaged
// .vsix, in headless Chromium), on copies of the examples/ projects and one
// project the test runs on the real engine. Everything is checked in the
// webview's own DOM: service boxes inside their network groups, the arrows,
// the `localhost:HOST → service:CONTAINER` labels on the host edge; a click
// moves the editor to the service; an edit of the file redraws the picture;
// after Compose Up the boxes say "running".
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { projectContainers, TEST_IMAGE, uniqueName } from '../docker/helpers/engine';
import { engineProjectSuite } from './harness/engineProject';
import { examplesDir, openFile, positionOf, runCommand, screenshot, waitForCursor } from './harness';

const project = uniqueName('dh-e2e-topology');

const LIVE = `services:
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    stop_grace_period: 1s
    ports:
      - "127.0.0.1::80"
    networks: [front, back]
    depends_on:
      worker: {condition: service_started}
  worker:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    networks: [back]
networks:
  front: {}
  back: {}
`;

// The examples are copied beside the live project; they have no containers.
const suite = engineProjectSuite({
  name: project,
  files: { 'live/compose.yaml': LIVE },
  folderPrefix: 'dockhand-e2e-topology-',
  prepare: (dir) => {
    for (const example of ['myapp', 'multi-file', 'volumes']) cpSync(join(examplesDir, example), join(dir, example), { recursive: true });
  },
});

/**
 * The topology page that draws `service`: the webview's inner frame whose heading names the project.
 * Every project of this window is named after the dockhand.compose.projectName setting (Compose runs
 * them all with -p), so the service drawn tells the views apart.
 */
async function topologyFrame(p: Page, service: string, timeoutMs = 90_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of p.frames()) {
      const heading = await frame
        .locator('header h1')
        .textContent({ timeout: 200 })
        .catch(() => '');
      if (heading?.trim() !== `Topology: ${project}`) continue;
      if ((await frame.locator(`g.node.service[data-service="${service}"]`).count().catch(() => 0)) > 0) return frame;
    }
    await p.waitForTimeout(500);
  }
  throw new Error(`no topology view of ${project} drawing ${service} within ${timeoutMs / 1000} s`);
}

/**
 * Waits until the page has drawn more than `after` times and, if given, shows `selector`.
 * (A function, not a string: the page's CSP refuses eval, which is the point.)
 */
async function drawn(frame: Frame, options: { after?: number; selector?: string } = {}, timeoutMs = 60_000): Promise<void> {
  await frame.waitForFunction(
    ({ after, selector }) => Number(document.body.dataset.drawn || 0) > after && (!selector || !!document.querySelector(selector)),
    { after: options.after ?? 0, selector: options.selector ?? '' },
    { timeout: timeoutMs },
  );
}

/** Ids of the groups whose rectangle holds the box of `nodeId` (boxes and groups are drawn in separate layers). */
async function groupsHolding(frame: Frame, nodeId: string): Promise<string[]> {
  return frame.evaluate((id) => {
    const node = document.querySelector(`g.node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
    if (!node) return [];
    return [...document.querySelectorAll<SVGGElement>('g.group')]
      .filter((g) => {
        const r = g.getBoundingClientRect();
        return node.left >= r.left && node.right <= r.right && node.top >= r.top && node.bottom <= r.bottom;
      })
      .map((g) => g.dataset.id ?? '');
  }, nodeId);
}

async function labels(frame: Frame): Promise<string[]> {
  return frame.locator('text[data-label]').evaluateAll((list) => list.map((t) => t.getAttribute('data-label') ?? ''));
}

async function showTopologyFromLens(p: Page): Promise<void> {
  const lens = p.locator('.monaco-editor .codelens-decoration a', { hasText: 'Show Topology' }).first();
  await lens.waitFor({ state: 'visible', timeout: 120_000 });
  await lens.click();
}


/** What the page reports of its drawing, for a failure's message. */
async function pageState(frame: Frame): Promise<string> {
  return frame
    .evaluate(() => `drawn ${document.body.dataset.drawn ?? '?'} times; boxes: ${[...document.querySelectorAll('g.node.service')].map((n) => n.getAttribute('data-service')).join(', ')}`)
    .catch((error: unknown) => `the page did not answer (${String(error)})`);
}

/** The notifications and terminals the workbench shows, for a failure's message. */
async function workbenchNotes(p: Page): Promise<string> {
  const notes = await p.locator('.notifications-toasts .notification-list-item').allInnerTexts();
  const terminals = await p.locator('.terminal-tabs-entry, .single-terminal-tab, .tabs-list .terminal-tabs-entry').allInnerTexts();
  return JSON.stringify({ notifications: notes, terminals });
}

/**
 * Clicks a box until the editor's cursor is on `line`. A click that reaches the webview while it is
 * still taking the focus from the editor can be lost on a loaded machine; the user would click again,
 * and so does this (once, and it says so). A box that never moves the cursor still fails.
 */
async function clickUntilCursor(p: Page, target: Locator, line: number): Promise<void> {
  await target.click();
  const moved = await waitForCursor(p, line, undefined, 15_000).then(
    () => true,
    () => false,
  );
  if (moved) return;
  console.log(`topology: the click did not move the cursor to Ln ${line} within 15 s; clicking again`);
  await target.click();
  await waitForCursor(p, line);
}

/**
 * Clicks the "Up all" CodeLens and waits for the project's containers to run: the count running. A
 * lens row VS Code is drawing again when the click lands takes it without running anything; if no
 * container exists 30 s after the click, it is clicked once more (and it says so). Up is idempotent.
 */
async function upFromLens(p: Page): Promise<number> {
  const lens = p.locator('.monaco-editor .codelens-decoration a', { hasText: 'Up all' }).first();
  const runningCount = async () => (await projectContainers(project)).filter((c) => c.State === 'running').length;
  await lens.click();
  let deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await projectContainers(project)).length === 0) await new Promise((r) => setTimeout(r, 500));
  if ((await projectContainers(project)).length === 0) {
    console.log(`topology: no container 30 s after clicking Up all (${await workbenchNotes(p)}); clicking again`);
    await lens.click();
  }
  deadline = Date.now() + 120_000;
  while (Date.now() < deadline && (await runningCount()) < 2) await new Promise((r) => setTimeout(r, 500));
  return runningCount();
}

describe('Dockhand: Show Topology', () => {
  // The workbench, once the suite's set-up has opened it.
  let page: Page;
  before(() => {
    page = suite.page;
  });

  it('myapp: the CodeLens opens the picture beside the file with both services in the default network, the arrow and the port labels', async () => {
    await openFile(page, 'myapp/compose.yaml');
    await showTopologyFromLens(page);
    const frame = await topologyFrame(page, 'db');
    await drawn(frame);
    for (const service of ['web', 'db']) {
      assert.equal(await frame.locator(`g.node.service[data-service="${service}"]`).count(), 1, `one box for ${service}`);
      assert.deepEqual(await groupsHolding(frame, `service:${service}@network:default`), ['network:default'], `${service} sits in the default network`);
    }
    // Docker names follow the project name Compose runs with (the setting), not the folder's.
    assert.ok(((await frame.locator('g.group.network[data-name="default"]').textContent()) ?? '').includes(`${project}_default`));
    const arrow = frame.locator('g.edge.depends_on[data-from="service:web@network:default"][data-to="service:db@network:default"]');
    assert.equal(await arrow.count(), 1, 'web depends_on db is an arrow');
    assert.equal(await arrow.locator('path[marker-end]').count(), 1);
    assert.equal(await arrow.locator('text.edge-label').textContent(), 'depends_on: started');
    const shown = await labels(frame);
    assert.ok(shown.includes('localhost:8000 → web:8000'), `labels: ${JSON.stringify(shown)}`);
    assert.ok(shown.includes('localhost:8001 → db:5432'), `labels: ${JSON.stringify(shown)}`);
    assert.deepEqual(await groupsHolding(frame, 'ports:db'), ['host'], 'published ports sit on the host edge');
    assert.equal(await frame.locator('g.edge.port[data-from="ports:db"]').count(), 1);
    // The editor stays beside the picture.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'compose.yaml' }).count() >= 1, true);
    await screenshot(page, 'topology-myapp');
  });

  it('clicking a box moves the editor to the service', async () => {
    const frame = await topologyFrame(page, 'db');
    const text = readFileSync(join(suite.dir, 'myapp', 'compose.yaml'), 'utf8');
    const db = positionOf(text, '  db:', 2);
    await clickUntilCursor(page, frame.locator('g.node.service[data-service="db"] text.title'), db.line);
    const web = positionOf(text, '  web:', 2);
    await clickUntilCursor(page, frame.locator('g.node.service[data-service="web"] rect'), web.line);
    await screenshot(page, 'topology-myapp-revealed');
  });

  it('follows an edit of the file: a new service appears without reopening the view', async () => {
    const frame = await topologyFrame(page, 'db');
    const before = Number(await frame.evaluate(() => document.body.dataset.drawn));
    // The workspace VS Code has open is the harness's copy of ours.
    const file = join(suite.session.server.workspace, 'myapp', 'compose.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  db:\n', '  cache:\n    image: redis\n    expose: ["6379"]\n  db:\n'));
    // VS Code reloads the open file from the disk first; a failure here is the editor's, not the view's.
    await page
      .locator('.editor-instance .monaco-editor .view-lines', { hasText: 'redis' })
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(() => {
        throw new Error('the editor did not show the file as written on disk within 60 s: VS Code saw no change');
      });
    await drawn(frame, { after: before, selector: 'g.node.service[data-service="cache"]' }).catch(async () => {
      throw new Error(`the view did not redraw with the new service within 60 s of the editor showing it: ${await pageState(frame)}`);
    });
    assert.match((await frame.locator('g.node.service[data-service="cache"]').textContent()) ?? '', /expose 6379 \(inside only\)/);
    // The old boxes were replaced in one step, never removed first.
    assert.equal(await frame.locator('g.node.service').count(), 3);
    await screenshot(page, 'topology-myapp-edited');
  });

  it('multi-file: the override\'s port and the included service are part of the picture', async () => {
    await openFile(page, 'multi-file/compose.yaml');
    await runCommand(page, 'Dockhand: Show Topology');
    const frame = await topologyFrame(page, 'api');
    await drawn(frame, { selector: 'g.node.service[data-service="cache"]' });
    const shown = await labels(frame);
    assert.ok(shown.includes('localhost:8080 → api:8080'), `labels: ${JSON.stringify(shown)}`);
    assert.ok(shown.includes('localhost:9229 → api:9229'), `the override's port; labels: ${JSON.stringify(shown)}`);
    assert.match((await frame.locator('g.node.port').textContent()) ?? '', /only on 127\.0\.0\.1/);
    assert.equal(await frame.locator('g.edge.depends_on[data-from^="service:api"][data-to^="service:cache"]').count(), 1);
    await screenshot(page, 'topology-multi-file');
  });

  it('volumes: the named volume is a box with its Docker name, mounted by both services', async () => {
    await openFile(page, 'volumes/compose.yaml');
    await runCommand(page, 'Dockhand: Show Topology');
    const frame = await topologyFrame(page, 'writer');
    await drawn(frame, { selector: 'g.node.volume' });
    assert.ok(((await frame.locator('g.node.volume[data-id="volume:appdata"]').textContent()) ?? '').includes(`${project}_appdata`));
    assert.equal(await frame.locator('g.edge.mount[data-to="volume:appdata"]').count(), 2);
    assert.equal(await frame.locator('g.edge.mount[data-from^="service:reader"] text.edge-label').textContent(), '/data (ro)');
    await screenshot(page, 'topology-volumes');
  });

  it('a service on two networks is drawn in both and joined; after Compose Up the boxes say running', async () => {
    await openFile(page, 'live/compose.yaml');
    await showTopologyFromLens(page);
    const frame = await topologyFrame(page, 'worker');
    await drawn(frame);
    assert.deepEqual(await groupsHolding(frame, 'service:web@network:front'), ['network:front']);
    assert.deepEqual(await groupsHolding(frame, 'service:web@network:back'), ['network:back']);
    assert.equal(await frame.locator('g.edge.same-service[data-from="service:web@network:front"][data-to="service:web@network:back"]').count(), 1);
    await frame.waitForFunction(() => document.querySelector('g.node.service[data-service="web"]')?.getAttribute('data-state') === 'not-created', undefined, { timeout: 60_000 });
    await screenshot(page, 'topology-live-before-up');

    // Up all, from the CodeLens above `services:` of the file.
    await openFile(page, 'live/compose.yaml');
    const running = await upFromLens(page);
    await screenshot(page, 'topology-live-after-up');
    assert.equal(running, 2, `both containers run; the workbench shows: ${await workbenchNotes(page)}`);
    // From the engine's events, as the CodeLens: no reload of the view.
    await frame.waitForFunction(
      () => [...document.querySelectorAll('g.node.service')].every((n) => n.getAttribute('data-state') === 'running'),
      undefined,
      { timeout: 60_000 },
    );
    assert.match((await frame.locator('g.node.service[data-service="worker"] text.state').textContent()) ?? '', /running/);
    await screenshot(page, 'topology-live-running');
  });
});
