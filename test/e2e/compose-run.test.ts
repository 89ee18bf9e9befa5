// Compose Up from the command palette in real VS Code (code-server with the
// packaged .vsix, in headless Chromium), against the real engine: the
// containers appear in the engine and the service's CodeLens turns from
// "not created" to "running" (refreshed by engine events).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerCli, engine, projectContainers, removeProject, TEST_IMAGE, uniqueName } from '../docker/helpers/engine';
import { goTo, notificationText, openFile, problemCounts, problems, runCommand, screenshot, startCommand, terminalText } from './harness';
import { engineProjectSuite } from './harness/engineProject';

const project = uniqueName('dh-e2e');

/** The CodeLens texts shown in the editor (VS Code renders them as links in .codelens-decoration). */
async function codeLensTexts(p: Page): Promise<string[]> {
  return p.locator('.monaco-editor .codelens-decoration').allInnerTexts();
}

/** Waits until `count` CodeLenses (default: at least one) match `pattern`: the lenses of a file update one by one. */
async function waitForLens(p: Page, pattern: RegExp, timeoutMs: number, count?: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let texts: string[] = [];
  while (Date.now() < deadline) {
    texts = await codeLensTexts(p);
    const matching = texts.filter((t) => pattern.test(t)).length;
    if (count === undefined ? matching > 0 : matching === count) return texts;
    await p.waitForTimeout(500);
  }
  throw new Error(`${count ?? 'no'} CodeLens${count === 1 ? '' : 'es'} matched ${pattern} within ${timeoutMs / 1000} s; shown: ${JSON.stringify(texts)}`);
}

/**
 * Clicks a lens that starts `service`, and waits until `count` lenses say running. VS Code redraws a file's lenses on
 * every engine event, and a click that lands during a redraw is lost (CI rehearsal of d7f7f79: the second Up of the
 * profiles test did nothing for 90 s); a user clicks again, and so does this, twice more at most, and only while the
 * engine has no container of the service at all (a second `up` beside a running one would race it). A lens that
 * stays behind a container that runs is a fault of ours, and fails here.
 */
async function startByLens(p: Page, lens: () => Locator, service: string, count: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await lens().click();
    const shown = await waitForLens(p, /running/, 30_000, count).then(() => true, (error: unknown) => error);
    if (shown === true) return;
    const made = (await projectContainers(project)).some((c) => c.Labels['com.docker.compose.service'] === service);
    if (made || attempt === 3) {
      await waitForLens(p, /running/, 60_000, count);
      return;
    }
  }
}

// More services than the CodeLens draws a lens for each (MOST_SERVICES_WITH_LENSES, client/src/composeCommands/codelens.ts).
const MANY = 1001;
const manyServices = Array.from({ length: MANY }, (_, i) => `  svc-${String(i).padStart(4, '0')}:\n    image: ${TEST_IMAGE}\n`).join('');

const live = engineProjectSuite({
  name: project,
  files: {
    // Compose rejects this one (an unknown key): its own message must reach the user.
    'broken/docker-compose.yml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    bogus_key: 1\n`,
    'many/compose.yaml': `services:\n${manyServices}`,
    // A file another Compose file includes: Compose runs its services in the including project, never on its own.
    'shop/compose.yaml': `include:\n  - ./db/compose.yaml\nservices:\n  api:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`,
    // A service kept for occasions (a profile): its lens starts it by name, and Down must take it down too.
    'profiles/compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n  debug:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n    profiles: [debug]\n`,
    // A file whose services the main file only takes with extends: a fragment of that project, never run alone.
    'extends/compose.yaml': `services:\n  web:\n    extends:\n      file: compose.base.yaml\n      service: common\n`,
    'extends/compose.base.yaml': `services:\n  common:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n`,
    // A value a later Compose brought: the Compose here refuses it, and says so on the key once the file is open.
    'newer/compose.yaml': `services:\n  app:\n    image: ${TEST_IMAGE}\n    pull_policy: daily\n`,
    // A service that Compose builds and watches (a folder synced into its container), and one it pulls and does not.
    'watch/compose.yaml': `services:\n  web:\n    build: .\n    stop_grace_period: 1s\n    develop:\n      watch:\n        - action: sync\n          path: ./app\n          target: /app\n  plain:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`,
    'watch/Dockerfile': `FROM ${TEST_IMAGE}\nCMD ["sleep", "3600"]\n`,
    'watch/app/first.txt': 'first\n',
    'shop/db/compose.yaml': `services:\n  postgres:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`,
    'compose.yaml': `services:
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    stop_grace_period: 1s
  worker:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`,
  },
  folderPrefix: 'dockhand-e2e-compose-',
  // The DOM renderer: the terminal's text can be read from the page.
  settings: { 'terminal.integrated.gpuAcceleration': 'off' },
});

describe('Compose Up in VS Code', () => {
  it('shows each service as not created before anything runs', async () => {
    await openFile(live.page, 'compose.yaml');
    const texts = await waitForLens(live.page, /not created/, 120_000);
    assert.ok(texts.some((t) => /Up all/.test(t)), `lenses: ${JSON.stringify(texts)}`);
    await screenshot(live.page, 'compose-codelens-not-created');
  });

  it('runs Compose Up from the command palette: the containers run in the engine', async () => {
    await runCommand(live.page, 'Dockhand: Compose Up');
    const deadline = Date.now() + 120_000;
    let running: string[] = [];
    while (Date.now() < deadline) {
      const containers = await projectContainers(project);
      running = containers.filter((c) => c.State === 'running').map((c) => c.Labels['com.docker.compose.service']).sort();
      if (running.length === 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual(running, ['web', 'worker']);
    const containers = await projectContainers(project);
    const info = await engine().getContainer(containers[0].Id).inspect();
    assert.equal(info.Config.Image, TEST_IMAGE);
    // Compose v2 (`docker compose`, what a user has by default) ran it: v2 names containers PROJECT-SERVICE-1.
    assert.deepEqual(containers.map((c) => c.Names[0]).sort(), [`/${project}-web-1`, `/${project}-worker-1`]);
    console.log(`e2e Compose Up ran Compose ${info.Config.Labels['com.docker.compose.version']}`);
  });

  it('the CodeLens state changes to running', async () => {
    // One lens per service: both say running once the view has caught up with the engine.
    const texts = await waitForLens(live.page, /running/, 60_000, 2);
    assert.equal(texts.filter((t) => /running/.test(t)).length, 2, `lenses: ${JSON.stringify(texts)}`);
    await screenshot(live.page, 'compose-codelens-running');
  });

  it('Compose Config opens the merged configuration beside the file', async () => {
    await runCommand(live.page, 'Dockhand: Compose Config');
    const tab = live.page.locator('.tabs-container .tab', { hasText: 'merged config' });
    await tab.first().waitFor({ state: 'visible', timeout: 60_000 });
    // The merged file is Compose's own output: both services, in the second editor group.
    const merged = live.page.locator('.editor-group-container').nth(1).locator('.monaco-editor .view-lines');
    await merged.filter({ hasText: 'worker' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await merged.first().innerText(), /httpd/);
    await screenshot(live.page, 'compose-config-merged');
  });

  it('Compose Down (keeping volumes) removes the containers and the CodeLens says not created again', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'compose.yaml');
    const widget = await startCommand(live.page, 'Dockhand: Compose Down');
    // Our own pick follows in the same widget: "Down" (first) or "Down and remove volumes".
    await widget.locator('.monaco-list-row', { hasText: 'Down and remove volumes' }).waitFor({ timeout: 60_000 });
    await live.page.keyboard.press('Enter');
    const deadline = Date.now() + 120_000;
    while ((await projectContainers(project)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.equal((await projectContainers(project)).length, 0);
    const texts = await waitForLens(live.page, /not created/, 60_000, 2);
    assert.equal(texts.filter((t) => /running/.test(t)).length, 0, `lenses: ${JSON.stringify(texts)}`);
  });

  it('a Compose file with an error: Compose Up shows Compose\'s own message, not a stack trace', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'broken/docker-compose.yml');
    await runCommand(live.page, 'Dockhand: Compose Up');
    let text: string;
    try {
      text = await notificationText(live.page, 'Compose rejected', 90_000);
    } finally {
      await screenshot(live.page, 'compose-file-error');
    }
    assert.match(text, /bogus_key/);
    assert.doesNotMatch(text, /Traceback|at .*\.js:\d+/);
    assert.equal((await projectContainers(project)).length, 0, 'nothing ran');
  });

  it('a file of more than 1,000 services has no lens for each service, and its Up Services… lens opens the service picker', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'many/compose.yaml');
    const texts = await waitForLens(live.page, /Up Services/, 120_000);
    assert.ok(texts.some((t) => /1,001 services/.test(t)), `lenses: ${JSON.stringify(texts)}`);
    assert.deepEqual(texts.filter((t) => /not created|running|engine not reachable|\bLogs\b/.test(t)), [], 'no lens for each service');
    await screenshot(live.page, 'compose-codelens-many');
    await live.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Up Services' }).first().click();
    const widget = live.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout: 60_000 });
    await widget.locator('.monaco-list-row', { hasText: 'svc-0000' }).first().waitFor({ timeout: 60_000 });
    // The picker filters the 1,001 services as the user types.
    await live.page.keyboard.type('svc-1000');
    await widget.locator('.monaco-list-row', { hasText: 'svc-1000' }).first().waitFor({ timeout: 30_000 });
    await screenshot(live.page, 'compose-up-services-picker');
    await live.page.keyboard.press('Escape');
    assert.equal((await projectContainers(project)).length, 0, 'nothing ran');
  });

  it("a file another Compose file includes runs in the including project: its lenses name it, and a service's Up runs it from the including file", async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'shop/db/compose.yaml');
    const texts = await waitForLens(live.page, /not created/, 120_000);
    assert.ok(texts.some((t) => t.includes(`Up ${project}`)) && texts.some((t) => t.includes(`Down ${project}`)), `lenses: ${JSON.stringify(texts)}`);
    await screenshot(live.page, 'compose-codelens-included');
    // The service's own Up, the first lens that says just that.
    await live.page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: /^\W*Up$/ }).first().click();
    const deadline = Date.now() + 120_000;
    let containers = await projectContainers(project);
    while (!containers.some((c) => c.State === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      containers = await projectContainers(project);
    }
    try {
      assert.deepEqual(containers.map((c) => c.Labels['com.docker.compose.service']), ['postgres'], 'the service alone, not the including file\'s api');
      // Run from the including file, in its folder: `up` there makes this same container, not a second project's.
      const from = containers[0]!.Labels['com.docker.compose.project.config_files'] ?? '';
      assert.equal(from.replace(/\\/g, '/').split('/').slice(-2).join('/'), 'shop/compose.yaml');
      await waitForLens(live.page, /running/, 60_000, 1);
    } finally {
      await removeProject(project);
    }
  });

  it('a file the main file only extends has no run of its own: its lens opens the main file, and Compose Up on it asks first', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'extends/compose.base.yaml');
    const texts = await waitForLens(live.page, /Extended by/, 120_000);
    assert.ok(texts.some((t) => /Extended by extends\/compose\.yaml/.test(t)), `lenses: ${JSON.stringify(texts)}`);
    assert.deepEqual(texts.filter((t) => /Up all|\bDown\b|not created|\bLogs\b/.test(t)), [], 'no run of its own');
    await screenshot(live.page, 'compose-codelens-extended');
    // Compose Up from the palette: a warning says what Up here would do; cancelled, nothing runs.
    await runCommand(live.page, 'Dockhand: Compose Up');
    const dialog = live.page.locator('.monaco-dialog-box', { hasText: 'takes services from' }).first();
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), /Up extends\/compose\.yaml/);
    await screenshot(live.page, 'compose-up-extended-asks');
    await live.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal((await projectContainers(project)).length, 0, 'nothing ran');
    // The lens opens the main file.
    await live.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Extended by' }).first().click();
    await live.page.locator('.tab.active', { hasText: 'compose.yaml' }).first().waitFor({ timeout: 60_000 });
  });

  it('a value newer than the Compose here: its refusal shows on the key once the file is open, and goes when the mended file is saved', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'newer/compose.yaml');
    let rows: string[];
    try {
      rows = await problems(live.page, 'refuses this project as saved');
    } finally {
      await screenshot(live.page, 'compose-refuses');
    }
    const row = rows.find((r) => /refuses this project as saved/.test(r)) ?? '';
    assert.match(row, /services\.app\.pull_policy must be one of the following/);
    assert.match(row, /\[Ln 4, Col 5\]/, 'on the key');
    await goTo(live.page, 4, 18);
    await live.page.keyboard.press('Shift+End');
    await live.page.keyboard.type('always');
    await live.page.keyboard.press('Control+S');
    const deadline = Date.now() + 60_000;
    while ((await problemCounts(live.page)).errors > 0 && Date.now() < deadline) await live.page.waitForTimeout(500);
    assert.deepEqual(await problemCounts(live.page), { errors: 0, warnings: 0 });
  });

  it("Down takes down a service of a profile that its own Up lens started, with the project's network, as well as the others", async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'profiles/compose.yaml');
    await waitForLens(live.page, /not created/, 120_000, 2);
    try {
      await startByLens(live.page, () => live.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Up all' }).first(), 'app', 1);
      // The second service's own Up: it has a profile, so Up all left it out and the name starts it.
      await startByLens(live.page, () => live.page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: /^\W*Up$/ }).nth(1), 'debug', 2);
      assert.deepEqual((await projectContainers(project)).map((c) => c.Labels['com.docker.compose.service']).sort(), ['app', 'debug']);
      const widget = await startCommand(live.page, 'Dockhand: Compose Down');
      await widget.locator('.monaco-list-row', { hasText: 'Down and remove volumes' }).waitFor({ timeout: 60_000 });
      await live.page.keyboard.press('Enter');
      // Compose removes the network after the containers: wait for both to go (or the deadline).
      const networks = async () => (await engine().listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } })).map((n) => n.Name);
      const deadline = Date.now() + 120_000;
      while (((await projectContainers(project)).length > 0 || (await networks()).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual((await projectContainers(project)).map((c) => c.Labels['com.docker.compose.service']), [], 'every container is down, the profile\'s too');
      assert.deepEqual(await networks(), [], 'and the network');
      await waitForLens(live.page, /not created/, 60_000, 2);
    } finally {
      await removeProject(project);
    }
  });

  it('Compose Watch from the palette on a project with no watch rules says so, and runs nothing', async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'compose.yaml');
    await runCommand(live.page, 'Dockhand: Compose Watch');
    const said = await notificationText(live.page, /develop\.watch rules/, 60_000);
    assert.match(said, new RegExp(`No service of project "${project}" has develop\\.watch rules, so Compose Watch has nothing to watch`));
    await screenshot(live.page, 'compose-watch-nothing');
    assert.equal((await projectContainers(project)).length, 0, 'nothing ran');
  });

  it("Compose Watch from a service's lens builds and starts the project, a file written under the watched path reaches the container, and Ctrl+C stops watching with the containers left running", async () => {
    await runCommand(live.page, 'View: Close All Editors');
    await openFile(live.page, 'watch/compose.yaml');
    // One Watch lens: the service with rules, not the one without.
    const texts = await waitForLens(live.page, /Watch/, 120_000, 1);
    assert.equal(texts.filter((t) => /\bUp\b/.test(t) && !/Up all/.test(t)).length, 2, `lenses: ${JSON.stringify(texts)}`);
    const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s; the terminal shows:\n${await terminalText(live.page)}`);
        await live.page.waitForTimeout(500);
      }
    };
    try {
      // Watch builds and starts the project first: both services run.
      await startByLens(live.page, () => live.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Watch' }).first(), 'web', 2);
      await until('Compose to say it watches', async () => /Watch enabled/.test(await terminalText(live.page)), 120_000);
      // Written where code-server opened the folder (its copy of the suite's files), and again every few seconds, as
      // a user saves again, should Compose's watcher not be in place yet when it says it watches.
      let written = 0;
      const write = () => writeFileSync(join(live.session.server.workspace, 'watch', 'app', 'added.txt'), `written by another tool, ${++written}\n`);
      let lastWrite = 0;
      await until('Compose to sync the file', async () => {
        if (/Syncing "web" after changes were detected/.test(await terminalText(live.page))) return true;
        if (Date.now() - lastWrite > 5_000) {
          write();
          lastWrite = Date.now();
        }
        return false;
      }, 60_000);
      const web = (await projectContainers(project)).find((c) => c.Labels['com.docker.compose.service'] === 'web');
      assert.ok(web, 'the web container runs');
      await until('the file to be in the container', async () => /^written by another tool, \d+\n$/.test(dockerCli(['exec', web.Id, 'cat', '/app/added.txt']).stdout), 30_000);
      await screenshot(live.page, 'compose-watch-synced');
      // Into the watch's own terminal, as a user clicks it: the suite's earlier runs left terminals of their own,
      // listed as tabs beside it (a single terminal has no list).
      const tab = live.page.locator('.terminal-tabs-entry', { hasText: 'Compose watch' }).first();
      if (await tab.isVisible()) await tab.click();
      await live.page.locator('.terminal-wrapper.active .xterm').first().click();
      await live.page.keyboard.press('Control+C');
      await until('the terminal to say the watch ended', async () => /\[cancelled\]/.test(await terminalText(live.page)), 30_000);
      const running = (await projectContainers(project)).filter((c) => c.State === 'running').map((c) => c.Labels['com.docker.compose.service']).sort();
      assert.deepEqual(running, ['plain', 'web'], 'the containers keep running');
    } finally {
      await removeProject(project);
      dockerCli(['image', 'rm', '-f', `${project}-web`]);
    }
  });
});
