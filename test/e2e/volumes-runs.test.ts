// Volumes and runs as a first-time user meets them, in real VS Code (code-server
// with the packaged .vsix, in headless Chromium) against the real engine:
// - Browse Volume Files shows the files in the Dockhand side bar and opens them
//   read-only, and the window is not reloaded: the workspace, the open editor
//   and the terminals stay.
// - Restore into a volume holding data asks (replace or merge), a helper image
//   that is missing is asked for before a pull, the running container using the
//   volume is named and stopped on request, and replace leaves exactly the archive.
// - An empty Logs terminal says it is following, and the file's lenses follow
//   the engine while the editor has lost the focus; Compose Down ends the shell
//   in a calm line, with no error notification.
// Another project with the same keys runs beside it, listed first in the
// Compose view, as a user's engine often has.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { pack } from 'tar-stream';
import { repositoryOf, TOOLBOX_REPOSITORIES } from '../../client/src/docker/helperImage';
import { dockerCli, engine, projectContainers, removeProject, tempProject, TEST_IMAGE, uniqueName, type TempProject } from '../docker/helpers/engine';
import { answerFileDialog, contextMenu, hoverToken, openFile, runCommand, screenshot, sideBarPane, startCommand, terminalText, treeRow } from './harness';
import { engineProjectSuite, QUIET_APP_WITH_VOLUME } from './harness/engineProject';

const project = uniqueName('dh-e2e-vol');
// Another project on the engine, listed first in the Compose view (by name), with the same service and
// volume keys: each row must be found under this project's own.
const neighbour = uniqueName('dh-e2e-neighbour');
let neighbourFolder: TempProject | undefined;
const volume = `${project}_data`;
const toolboxTag = `busybox:${project}`;
let outDir: string;
let containerName = '';

const pane = sideBarPane;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A modal dialog showing `text`. */
async function modal(p: Page, text: RegExp): Promise<Locator> {
  const box = p.locator('.monaco-dialog-box', { hasText: text }).first();
  await box.waitFor({ state: 'visible', timeout: 60_000 });
  return box;
}

async function press(box: Locator, label: string): Promise<void> {
  await box.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${label}$`) }).first().click();
  await box.waitFor({ state: 'hidden', timeout: 30_000 });
}

/** The volume's row in the Compose view, under this project's Volumes folder (other projects may be listed). */
async function volumeRow(p: Page): Promise<Locator> {
  await runCommand(p, 'Dockhand: Focus on Compose View');
  return treeRow(pane(p, /^compose$/i), [project, 'Volumes', volume]);
}

/** Runs a palette command that asks for a container (Logs, Shell), and picks `name`. */
async function runOnContainer(p: Page, label: string, name: string): Promise<void> {
  const widget = await startCommand(p, label);
  // The same widget comes back as our container pick.
  await widget.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
  await p.keyboard.type(name);
  await widget.locator('.monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await p.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * A notification matching `pattern`: a toast if one shows, else in the
 * notification centre (toasts are not shown while, e.g., a terminal has focus).
 */
async function notification(p: Page, pattern: RegExp, timeoutMs = 120_000): Promise<Locator> {
  const item = (scope: string) => p.locator(`${scope} .notification-list-item`, { hasText: pattern }).first();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await item('.notifications-toasts').isVisible()) return item('.notifications-toasts');
    if (!(await p.locator('.notifications-center').isVisible())) await runCommand(p, 'Notifications: Show Notifications');
    if (await item('.notifications-center').isVisible()) return item('.notifications-center');
    await p.waitForTimeout(1000);
  }
  throw new Error(`no notification matching ${pattern} within ${timeoutMs / 1000} s`);
}

/** Every notification's text (toasts and the centre), then clears them all. */
async function takeNotifications(p: Page): Promise<string> {
  await runCommand(p, 'Notifications: Show Notifications');
  const text = (await p.locator('.notification-list-item').allInnerTexts()).join('\n');
  await runCommand(p, 'Notifications: Clear All Notifications');
  // Clearing the last notification closes the centre, and the palette offers "Hide Notifications" only
  // while it shows: asking for it then waited a minute for a row that never came, and left the palette
  // open with its text for the next step (a file dialog's answer was once typed into it).
  const centre = p.locator('.notifications-center');
  if (!(await centre.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) await runCommand(p, 'Notifications: Hide Notifications');
  return text;
}

/** Everything the user had open is still there, in the same page: no reload, same single-folder workspace. */
async function assertNothingLost(p: Page, terminals: string[]): Promise<void> {
  assert.equal(await p.evaluate(() => (window as unknown as { dockhandMarker?: string }).dockhandMarker), 'still-here', 'the window was not reloaded');
  assert.match(p.url(), /[?&]folder=/, 'still a single-folder window');
  assert.doesNotMatch(await p.title(), /Workspace/, 'not turned into a multi-root workspace');
  await p.locator('.tabs-container .tab', { hasText: 'compose.yaml' }).first().waitFor({ state: 'attached', timeout: 10_000 });
  const tabs = (await p.locator('.terminal-tabs-entry, .single-terminal-tab').allInnerTexts()).join(' | ');
  for (const t of terminals) assert.ok(tabs.includes(t), `the terminal "${t}" is still open (terminals: ${tabs})`);
}

async function volumeFiles(): Promise<string> {
  const r = dockerCli(['run', '--rm', '-v', `${volume}:/d:ro`, TEST_IMAGE, 'sh', '-c', 'cd /d && find . | sort && cat ./*.txt 2>/dev/null']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function toolboxImages(): Promise<string[]> {
  const images = await engine().listImages();
  return images.flatMap((i) => (i.RepoTags ?? []).filter((t) => TOOLBOX_REPOSITORIES.includes(repositoryOf(t))));
}

const live = engineProjectSuite({
  name: project,
  files: {
    'compose.yaml': QUIET_APP_WITH_VOLUME,
  },
  folderPrefix: 'dockhand-e2e-vol-',
  settings: {
    // Not on the engine: Dockhand has to find another image, or ask before pulling this one.
    'dockhand.volumes.helperImage': 'dockhand-test/not-on-this-engine:never',
    // The DOM renderer: terminal text can be read from the page.
    'terminal.integrated.gpuAcceleration': 'off',
  },
});

before(() => {
  outDir = mkdtempSync(join(tmpdir(), 'dockhand-e2e-restore-'));
  neighbourFolder = tempProject({ 'compose.yaml': QUIET_APP_WITH_VOLUME }, 'dockhand-e2e-neighbour-');
  const up = dockerCli(['compose', '-p', neighbour, 'up', '-d'], { cwd: neighbourFolder.dir });
  assert.equal(up.code, 0, up.stderr);
});

after(async () => {
  await removeProject(neighbour).catch(() => undefined);
  neighbourFolder?.cleanup();
  dockerCli(['rmi', toolboxTag]);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('volumes and runs in VS Code, as a first-time user meets them', () => {
  // The state each step ended in, passed or not: what a person looks at when one fails.
  let step = 0;
  afterEach(async () => {
    await screenshot(live.page, `volumes-runs-end-of-step-${++step}`).catch(() => undefined);
  });

  it('Compose Up; an empty Logs terminal says it is following and that there is no output yet', async () => {
    await openFile(live.page, 'compose.yaml');
    await runCommand(live.page, 'Dockhand: Compose Up');
    const [container] = await until('the app container to run', async () => {
      const list = (await projectContainers(project)).filter((c) => c.State === 'running');
      return list.length === 1 && list;
    }, 120_000);
    containerName = container.Names[0].replace(/^\//, '');
    const write = dockerCli(['exec', container.Id, 'sh', '-c', 'echo old > /data/old.txt && mkdir -p /data/sub && echo deep > /data/sub/deep.txt']);
    assert.equal(write.code, 0, write.stderr);
    await live.page.evaluate(() => ((window as unknown as { dockhandMarker?: string }).dockhandMarker = 'still-here'));

    await runOnContainer(live.page, 'Dockhand: Container Logs', containerName);
    await until('the logs terminal to explain itself', async () => {
      const text = await terminalText(live.page);
      return /Following the logs of/.test(text) && /No output yet/.test(text);
    });
    // The palette and the terminal took the focus while Compose started the container: the file's lenses still
    // follow the engine. (VS Code drops a lens refresh still waiting when the editor loses focus; they stayed at
    // "created" and "not created yet" until a click in the file.)
    const lenses = async () => (await live.page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).join(' | ');
    await until('the lenses to say the service runs and the volume exists', async () => {
      const text = await lenses();
      return /\brunning\b/.test(text) && text.includes(`${volume} exists`);
    }, 20_000).catch(async (error: Error) => {
      throw new Error(`${error.message}; the lenses said: ${await lenses()}`);
    });
    await screenshot(live.page, 'volumes-runs-empty-logs');
  });

  it('the service hover names the containers the way the Compose the client found does', async () => {
    // The engine's own container name says which Compose ran: v1 `p_app_1`, v2 `p-app-1`.
    const [ours, other] = containerName.endsWith('_app_1') ? ['_app_1', '-app-1'] : ['-app-1', '_app_1'];
    await openFile(live.page, 'compose.yaml');
    const text = await hoverToken(live.page, /^app$/, ours);
    assert.ok(text.includes(ours), text);
    assert.ok(!text.includes(other), `only the naming of the Compose in use: ${text}`);
    await live.page.keyboard.press('Escape');
  });

  it('a volume\'s size is the same in its CodeLens and in the Volumes view, even when a container writes to it between their reads (no event says so), and Refresh brings both up to date', async () => {
    const lensSize = async () => {
      const text = (await live.page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).join(' | ');
      return new RegExp(`${volume} exists · ([0-9.]+ (?:[KMGT]i)?B) ·`).exec(text)?.[1];
    };
    const volumesPane = pane(live.page, /^volumes$/i);
    const viewSize = async () => {
      const row = volumesPane.locator('.monaco-list-row', { hasText: volume }).first();
      if (!(await row.isVisible())) return undefined;
      return /([0-9.]+ (?:[KMGT]i)?B)/.exec(await row.locator('.label-description').innerText())?.[1];
    };
    const both = async () => {
      const [lens, view] = [await lensSize(), await viewSize()];
      return lens && view ? { lens, view } : undefined;
    };
    // While the Compose file is not on screen (its lenses wait), a container starts (an event: the Volumes view
    // reads the engine) and writes to the volume 8 s later (no event). Then the file comes back on screen: its
    // lenses must show what the view shows, not a read of their own.
    await runCommand(live.page, 'View: Close All Editors');
    await runCommand(live.page, 'Dockhand: Focus on Volumes View');
    const writer = uniqueName('dh-e2e-writer');
    const started = dockerCli(['run', '-d', '--name', writer, '-v', `${volume}:/data`, TEST_IMAGE, 'sh', '-c', 'sleep 8; dd if=/dev/zero of=/data/grow.bin bs=1024 count=256 2>/dev/null; sleep 3600']);
    assert.equal(started.code, 0, started.stderr);
    try {
      const startedAt = Date.now();
      // The view read the engine after the start: it names the writer among the volume's users.
      await until('the Volumes view to list the writer as a user', async () => (await volumesPane.locator('.monaco-list-row', { hasText: volume }).first().innerText().catch(() => '')).includes(writer) || undefined, 30_000);
      const read = await until('the Volumes view to show a size', viewSize, 30_000);
      await new Promise((r) => setTimeout(r, Math.max(0, startedAt + 11_000 - Date.now())));
      await openFile(live.page, 'compose.yaml');
      await until('a size in the lens and in the Volumes view', both, 30_000);
      // VS Code first shows the lenses it kept of the file, then asks for them again: what they say after that.
      await new Promise((r) => setTimeout(r, 4000));
      assert.deepEqual(await both(), { lens: read, view: read }, 'the lens and the view show one listing');
        // Refresh reads the engine again, for both: the write is counted.
      await runCommand(live.page, 'Dockhand: Refresh Docker Views');
      const after = await until('the written size in both', async () => {
        const now = await both();
        return now && /KiB|MiB/.test(now.lens) && now.view === now.lens ? now : undefined;
      }, 30_000);
      assert.ok(Number.parseFloat(after.lens) >= 256 || /MiB/.test(after.lens), after.lens);
      await screenshot(live.page, 'volumes-runs-sizes-agree');
    } finally {
      dockerCli(['rm', '-f', writer]);
    }
  });

  it('Browse Volume Files shows the files in the side bar and opens one read-only; nothing else changes', async () => {
    await openFile(live.page, 'compose.yaml');
    await contextMenu(live.page, await volumeRow(live.page), 'Browse Volume Files');
    const files = pane(live.page, /^volume files$/i);
    const old = files.locator('.monaco-list-row', { hasText: 'old.txt' }).first();
    await old.waitFor({ state: 'visible', timeout: 60_000 });
    const sub = files.locator('.monaco-list-row', { hasText: 'sub' }).first();
    await sub.click();
    await files.locator('.monaco-list-row', { hasText: 'deep.txt' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await old.click();
    const editorLine = live.page.locator('.editor-instance .view-lines', { hasText: 'old' }).first();
    await editorLine.waitFor({ state: 'visible', timeout: 30_000 });
    const tab = live.page.locator('.tabs-container .tab', { hasText: 'old.txt' }).first();
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
    await old.hover();
    assert.equal(await old.locator('.actions .action-label').count(), 0, 'a file row carries none of the volume actions (Back Up...)');
    await editorLine.click();
    await live.page.keyboard.type('typed');
    assert.doesNotMatch(await live.page.locator('.editor-instance .view-lines').first().innerText(), /typed/, 'the volume file cannot be edited');
    await screenshot(live.page, 'volumes-runs-browse');
    await assertNothingLost(live.page, [`Logs: ${containerName}`]);
  });

  it('Browse Volume Files run from the Command Palette offers the volume selected in the side bar first, and Enter browses it', async () => {
    await (await volumeRow(live.page)).click();
    const widget = await startCommand(live.page, 'Dockhand: Browse Volume Files');
    // The same widget comes back as the volume picker, the selected volume first, under the cursor.
    const first = widget.locator('.monaco-list-row').first();
    await widget.locator('.monaco-list-row', { hasText: volume }).first().waitFor({ timeout: 60_000 });
    const text = await first.innerText();
    assert.match(text, new RegExp(volume), text);
    assert.match(text, /selected · dh-e2e-vol/, text);
    await screenshot(live.page, 'volumes-runs-browse-palette');
    await live.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 30_000 });
    await pane(live.page, /^volume files$/i).locator('.monaco-list-row', { hasText: 'old.txt' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await assertNothingLost(live.page, [`Logs: ${containerName}`]);
  });

  it('Restore into a volume with data asks replace or merge, asks before pulling a helper, names and stops the running container', async (t) => {
    const archive = join(outDir, 'from-elsewhere.tar.gz');
    const tar = pack();
    tar.entry({ name: './restored.txt' }, 'from the archive\n');
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const c of tar) chunks.push(c as Buffer);
    const { gzipSync } = await import('node:zlib');
    writeFileSync(archive, gzipSync(Buffer.concat(chunks)));

    const restore = async () => {
      await contextMenu(live.page, await volumeRow(live.page), 'Restore Volume');
      await answerFileDialog(live.page, archive);
      const ask = await modal(live.page, /already holds data/);
      return ask;
    };

    const present = await toolboxImages();
    if (present.length === 0) {
      // Replace has to run `rm`, and no image on this engine is known to have it: ask before pulling.
      await press(await restore(), 'Replace');
      const consent = await modal(live.page, /needs the helper image/);
      assert.match(await consent.innerText(), /not-on-this-engine/);
      await screenshot(live.page, 'volumes-runs-helper-consent');
      await press(consent, 'Pull');
      // No registry serves that name: the pull fails with a message, and nothing was written.
      await notification(live.page, /Could not pull/);
      await screenshot(live.page, 'volumes-runs-helper-pull-failed');
      assert.match(await volumeFiles(), /old\.txt/);
      assert.doesNotMatch(await volumeFiles(), /restored\.txt/);
      await takeNotifications(live.page);
    } else {
      t.diagnostic(`the engine already has ${present.join(', ')}: no pull is needed, so the consent dialog is not shown`);
    }
    // An official busybox on the engine (our test busybox under that name): Dockhand uses it without asking.
    assert.equal(dockerCli(['tag', TEST_IMAGE, toolboxTag]).code, 0);

    const ask = await restore();
    assert.match(await ask.innerText(), /Replace[\s\S]*Merge/);
    await screenshot(live.page, 'volumes-runs-restore-ask');
    await press(ask, 'Replace');
    const running = await modal(live.page, /in use by running container/);
    assert.ok((await running.innerText()).includes(containerName), 'the running container is named');
    await screenshot(live.page, 'volumes-runs-restore-running');
    await press(running, 'Stop and Restore');
    const done = await notification(live.page, /Restored 1 file \(/);
    assert.match(await done.innerText(), /gzip-compressed[\s\S]*replacing its contents/);
    await screenshot(live.page, 'volumes-runs-restore-done');
    const files = await volumeFiles();
    assert.match(files, /restored\.txt/);
    assert.doesNotMatch(files, /old\.txt|sub/, 'replace emptied the volume first');
    assert.equal((await projectContainers(project))[0].State, 'exited', 'the container was stopped for the restore');
    // The Volume Files view showed this volume: it follows the restore.
    await pane(live.page, /^volume files$/i).locator('.monaco-list-row', { hasText: 'restored.txt' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await pane(live.page, /^volume files$/i).locator('.monaco-list-row', { hasText: 'old.txt' }).count(), 0);
    await done.locator('.monaco-button', { hasText: 'Start Again' }).first().click();
    await until('the container to run again', async () => (await projectContainers(project))[0]?.State === 'running');
    await assertNothingLost(live.page, [`Logs: ${containerName}`]);
  });

  it('Compose Down ends the open shell with a calm line, and no error notification', async () => {
    await runOnContainer(live.page, 'Dockhand: Open Shell in Container', containerName);
    await live.page.waitForTimeout(1500);
    await live.page.keyboard.type('echo shell-$((20+3))\n');
    await until('the shell to answer', async () => /shell-23/.test(await terminalText(live.page)));
    // The shell has the keyboard (Ctrl+P would go to it): back to the compose file by its tab.
    await live.page.locator('.tabs-container .tab', { hasText: 'compose.yaml' }).first().click();
    await live.page.locator('.tabs-container .tab.active', { hasText: 'compose.yaml' }).first().waitFor({ timeout: 30_000 });
    // Not runCommand: Down's own choice comes back in the same quick input.
    const widget = await startCommand(live.page, 'Dockhand: Compose Down');
    await widget.locator('.monaco-list-row', { hasText: 'keep volumes' }).first().waitFor({ timeout: 30_000 });
    await live.page.keyboard.press('Enter');
    await until('the project to be down', async () => (await projectContainers(project)).length === 0, 120_000);
    // Down ran in a terminal of its own: bring the shell's back to read it.
    await live.page.locator('.terminal-tabs-entry', { hasText: 'Shell:' }).first().click();
    await until('the shell to say its container stopped', async () => /stopped, so its shell ended/.test(await terminalText(live.page)), 30_000);
    await live.page.waitForTimeout(2000);
    const notices = await takeNotifications(live.page);
    assert.doesNotMatch(notices, /exit code|terminated/i, `no error notification: ${notices}`);
    await screenshot(live.page, 'volumes-runs-down-shell');
    await assertNothingLost(live.page, [`Shell: ${containerName}`]);
  });
});
