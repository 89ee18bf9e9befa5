// The Dockhand views in real VS Code (code-server with the packaged .vsix, in
// headless Chromium) against the real engine: after Compose Up the Compose
// view shows the project's service, container and volume, and Back Up Volume
// from the view's context menu writes a complete tar where the user said.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { extract } from 'tar-stream';
import { createReadStream } from 'node:fs';
import { checkTarFile } from '../../client/src/docker/tarCheck';
import { dockerCli, engine, projectContainers, TEST_IMAGE, uniqueName } from '../docker/helpers/engine';
import { answerFileDialog, contextMenu, notificationText, openFile, repoRoot, runCommand, runExtensionHostSuite, screenshot, sideBarPane, startCommand, treeRow } from './harness';
import { engineProjectSuite, QUIET_APP_WITH_VOLUME } from './harness/engineProject';

const project = uniqueName('dh-e2e-views');
const volume = `${project}_data`;
const externalVolume = `${project}-external`;
const externalNetwork = `${project}-extnet`;
let outDir: string;

/** The Compose view's pane (the Volumes view below it lists the same volume). */
function composePane(p: Page): Locator {
  return sideBarPane(p, /^compose$/i);
}

async function tarNames(file: string): Promise<string[]> {
  const names: string[] = [];
  const parser = extract();
  parser.on('entry', (header, stream, next) => {
    names.push(header.name);
    stream.on('end', next);
    stream.resume();
  });
  await new Promise((resolve, reject) => {
    parser.on('finish', () => resolve(undefined));
    parser.on('error', reject);
    createReadStream(file).pipe(parser);
  });
  return names;
}

const live = engineProjectSuite({
  name: project,
  files: {
    'compose.yaml': QUIET_APP_WITH_VOLUME,
    // A second project whose external volume does not exist (yet): the warning and its quick fix.
    'ext/compose.yaml': `services:
  reader:
    image: ${TEST_IMAGE}
    volumes:
      - shared:/shared
volumes:
  shared:
    external: true
    name: ${externalVolume}
`,
    // A project joining an external network that does not exist (yet): Compose Up would refuse it.
    'extnet/compose.yaml': `services:
  reader:
    image: ${TEST_IMAGE}
    networks: [proxy]
networks:
  proxy:
    external: true
    name: ${externalNetwork}
`,
  },
  folderPrefix: 'dockhand-e2e-views-',
  settings: { 'dockhand.volumes.helperImage': TEST_IMAGE },
  env: { DOCKHAND_E2E_PROJECT: project, DOCKHAND_E2E_EXTERNAL: externalVolume, DOCKHAND_E2E_EXTERNAL_NETWORK: externalNetwork },
});

before(() => {
  outDir = mkdtempSync(join(tmpdir(), 'dockhand-e2e-backup-'));
});

after(async () => {
  await engine().getVolume(externalVolume).remove().catch(() => undefined);
  await engine().getNetwork(externalNetwork).remove().catch(() => undefined);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('Dockhand views in VS Code', () => {
  it('after Compose Up, the Compose view shows the project, its service and container', async () => {
    await openFile(live.page, 'compose.yaml');
    await runCommand(live.page, 'Dockhand: Compose Up');
    // Compose Up ends in one of two states a user can see: the container runs, or Dockhand shows
    // an error. Wait for either (how long Compose takes depends on the machine's load).
    const failure = live.page.locator('.notification-toast', { has: live.page.locator('.codicon-error') }).first();
    let running = 0;
    while (running !== 1) {
      if (await failure.isVisible()) assert.fail(`Compose Up failed: ${await failure.innerText()}`);
      await new Promise((r) => setTimeout(r, 500));
      running = (await projectContainers(project)).filter((c) => c.State === 'running').length;
    }
    const [container] = await projectContainers(project);
    const write = dockerCli(['exec', container.Id, 'sh', '-c', 'echo from-e2e > /data/hello.txt']);
    assert.equal(write.code, 0, write.stderr);

    await runCommand(live.page, 'Dockhand: Focus on Compose View');
    // The view follows the engine's events: wait for the state, then read it.
    const projectRow = composePane(live.page).locator('.monaco-list-row[aria-level="1"]', { hasText: project }).filter({ hasText: /1\/1 running/ }).first();
    await projectRow.waitFor({ state: 'visible', timeout: 60_000 });
    // Services are expanded; a single container's state shows on the service row and as its own row.
    await treeRow(composePane(live.page), [project, 'app'], 30_000);
    const containerName = container.Names[0].replace(/^\//, '');
    await composePane(live.page).locator('.monaco-list-row', { hasText: containerName }).filter({ hasText: /running/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(live.page, 'docker-views-compose');
  });

  it('shows the project volume under the project, and a backup from the view writes the file', async () => {
    // Under this project's own Volumes folder: the engine may list other projects.
    const volumeRow = await treeRow(composePane(live.page), [project, 'Volumes', volume]);
    assert.match(await volumeRow.innerText(), new RegExp(`${project}/app`), 'the volume names the service using it');
    await screenshot(live.page, 'docker-views-volume');

    const target = join(outDir, 'e2e-backup.tar');
    await contextMenu(live.page, volumeRow, 'Back Up Volume');
    // code-server's save dialog is VS Code's own: a quick input holding the path.
    await answerFileDialog(live.page, target);
    await screenshot(live.page, 'docker-views-backup-dialog');
    // The backup runs under a progress notification; it ends with a message about the volume: done, or why not.
    const outcome = await notificationText(live.page, new RegExp(`(Backed up|Could not back up) volume ${volume}`), 120_000);
    assert.match(outcome, /Backed up/, 'the backup says it is done');
    assert.ok(existsSync(target), `the backup file ${target} was written`);
    const summary = await checkTarFile(target);
    assert.ok(summary.files >= 1);
    assert.ok((await tarNames(target)).includes('./hello.txt'));
    await screenshot(live.page, 'docker-views-backup-done');
  });

  it('the compose file says the volume exists (CodeLens from the engine, under the project name Compose used)', async () => {
    await openFile(live.page, 'compose.yaml');
    const lens = live.page.locator('.monaco-editor .codelens-decoration', { hasText: `${volume} exists` });
    await lens.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await lens.first().innerText(), /used by app/);
    await screenshot(live.page, 'docker-views-volume-codelens');
  });

  it('Live Stats shows a card per container with CPU and memory, drawn in the webview', async () => {
    const widget = await startCommand(live.page, 'Dockhand: Live Stats');
    const frame = live.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const card = frame.locator('.card', { hasText: 'app' }).first();
    // With other projects on the engine a pick of the project comes first; with ours alone the panel opens.
    const pick = widget.locator('.monaco-list-row', { hasText: project }).first();
    const first = await Promise.race([
      card.waitFor({ state: 'visible', timeout: 60_000 }).then(() => 'card', () => 'none'),
      pick.waitFor({ state: 'visible', timeout: 60_000 }).then(() => 'pick', () => 'none'),
    ]);
    if (first === 'pick') {
      await live.page.keyboard.type(project);
      await live.page.keyboard.press('Enter');
    }
    await card.waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('.card polyline').first().waitFor({ state: 'attached', timeout: 30_000 });
    const text = await card.innerText();
    assert.match(text, /CPU\s+[\d.]+ %/);
    assert.match(text, /Memory\s+[\d.]+ (B|KiB|MiB)/);
    assert.match(text, /No deploy\.resources\.limits/);
    await screenshot(live.page, 'docker-views-stats');
  });

  it('in the extension host: volume files, live stats while visible, the missing external volume quick fix', async (t) => {
    const run = await runExtensionHostSuite(live.session.server, live.session.browser, join(repoRoot, 'test', 'e2e', 'host', 'docker-views.host.ts'));
    assert.ok(run.results.length > 0, 'the suite ran no test');
    for (const result of run.results) {
      await t.test(result.title, () => {
        if (result.state === 'failed') assert.fail(result.error ?? 'failed');
      });
    }
    assert.equal(run.exitCode, 0, `the extension host exited with ${run.exitCode}`);
  });
});
