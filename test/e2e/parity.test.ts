// Formatting, inlay hints, image links and the port check in real VS Code
// (code-server in headless Chromium, the packaged .vsix), each checked state
// saved as a screenshot under test/e2e/.artifacts/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseQuickFix, focusWorkbench, goTo, openFile, openSession, positionOf, problemCounts, problems, runCommand, screenshot, type Session } from './harness';

const SLOW = 60_000;

const SHOP = [
  'services:',
  '  web:',
  '    image: nginx:${NGINX_TAG}',
  '  api:',
  '    build: ./api',
  '    ports:',
  '      - "3000:8080"',
].join('\n') + '\n';

const MESSY = [
  'services:',
  '    # the web server',
  '    web:',
  '        image: nginx:1.25   ',
  '        ports:',
  '        -   8080:80',
  '        command: |',
  '            echo one',
  '              two',
].join('\n') + '\n';

const files: Record<string, string> = {
  'shop/compose.yaml': SHOP,
  'shop/compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27-alpine\n',
  'shop/.env': 'NGINX_TAG=1.25.3\n',
  'shop/api/Dockerfile': 'FROM scratch\nEXPOSE 3000\n',
  'tidy/compose.yaml': MESSY,
  // A project whose README would say: copy .env.local.example to .env.local.
  'local/compose.yaml': 'services:\n  app:\n    image: nginx\n    env_file: .env.local\n',
  'local/.env.local.example': '# copy to .env.local\nDB_HOST=db\n',
  // A service name Compose refuses, used in the override too: its quick fix renames it in both files.
  'names/compose.yaml': 'services:\n  "web app":\n    image: nginx\n  worker:\n    image: busybox\n    depends_on: ["web app"]\n',
  'names/compose.override.yaml': 'services:\n  "web app":\n    environment:\n      MODE: dev\n',
  // Services that take their mounts from an anchored x- list: a rename of the volume reaches the list.
  'shared/compose.yaml': 'x-mounts: &mounts\n  - data:/srv/data\n  - ./conf:/etc/app\nservices:\n  web:\n    image: nginx\n    volumes: *mounts\n  worker:\n    image: busybox\n    volumes: *mounts\nvolumes:\n  data:\n',
};

let folder: string;
let session: Session;
let page: Page;

/** The visible text of the active editor (inlay hints are rendered into its lines). */
function editorText(): Promise<string> {
  // VS Code renders spaces as no-break spaces.
  return page.locator('.editor-instance .view-lines').first().innerText().then((text) => text.replace(/\u00a0/g, ' '));
}

async function waitForEditorText(pattern: RegExp, timeoutMs = SLOW): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText();
    if (pattern.test(text)) return text;
    await page.waitForTimeout(300);
  }
  throw new Error(`the editor never showed ${pattern}; it shows:\n${text}`);
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dockhand-e2e-parity-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  // A fixed tab size: with detection on, VS Code would report the messy file's own 4 as the tab size.
  session = await openSession({ workspace: folder, settings: { 'editor.inlayHints.enabled': 'on', 'editor.detectIndentation': false, 'editor.tabSize': 2 } });
  // No network here: Docker Hub's page is a stand-in, so the opened tab shows which URL the link asked for.
  await session.browser.context.route('https://hub.docker.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Docker Hub stand-in</title>' }));
  page = await session.browser.openWorkbench();
  await focusWorkbench(page);
});

after(async () => {
  await session?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('formatting, inlay hints, image links and ports in VS Code', () => {
  it('Format Document re-indents, quotes the port and keeps the comment and block scalar', async () => {
    await openFile(page, 'tidy/compose.yaml');
    await page.locator('.statusbar-item[id="dockhand.dockhand.dockhand.status"]').waitFor({ state: 'visible', timeout: 90_000 });
    await screenshot(page, 'format-before');
    // The language server may still be starting: run the command until the text changes. Each try waits a
    // few seconds only, so there is time to try again (a try that waited the whole minute left none).
    const deadline = Date.now() + SLOW;
    for (;;) {
      await runCommand(page, 'Format Document');
      try {
        await waitForEditorText(/- "8080:80"/, 5_000);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    await screenshot(page, 'format-after');
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: SLOW });
    assert.equal(
      readFileSync(join(session.server.workspace, 'tidy', 'compose.yaml'), 'utf8'),
      ['services:', '  # the web server', '  web:', '    image: nginx:1.25', '    ports:', '      - "8080:80"', '    command: |', '        echo one', '          two'].join('\n') + '\n',
    );
  });

  it('shows the value of ${NGINX_TAG} and the image the override sets as inlay hints', async () => {
    await openFile(page, 'shop/compose.yaml');
    // VS Code shows 43 characters of a line's hints (editor.inlayHints.maximumLength) and cuts the rest with '…':
    // the line with both hints says the value that wins, the file by its short name, then the variable's value.
    const text = await waitForEditorText(/→ nginx:1\.27-alpine \(override\)/);
    await screenshot(page, 'inlay-hints');
    const imageLine = text.split('\n').find((line) => line.includes('image:')) ?? '';
    assert.match(imageLine, /nginx:\$\{NGINX_TAG\}\s*→ nginx:1\.27-alpine \(override\)\s*= 1\.25\.3\s*$/);
    assert.doesNotMatch(imageLine, /…/, 'nothing on the line is cut');
  });

  it('Ctrl+click on the image opens its Docker Hub page', async () => {
    const link = page.locator('.editor-instance .view-lines span span', { hasText: /^nginx:/ }).first();
    await link.waitFor({ timeout: SLOW });
    const popup = page
      .context()
      .waitForEvent('page', { timeout: SLOW })
      .then(async (tab) => {
        await tab.waitForURL(/^https:/, { timeout: SLOW }).catch(() => undefined);
        return tab.url();
      })
      .catch(() => undefined);
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'hub.docker.com' });
    // The CodeLens rows (Up all, Up | Logs) come a moment after the file opens and push its lines down: a click
    // aimed at the link before they came lands on the line above it (seen once: the cursor went to line 2).
    await page.locator('.editor-instance .codelens-decoration').first().waitFor({ timeout: SLOW }).catch(() => undefined);
    await page.waitForTimeout(500);
    const deadline = Date.now() + SLOW;
    // Links arrive after the document opens: hover with Ctrl until the link is underlined, then click.
    for (;;) {
      await page.keyboard.down('Control');
      await link.hover();
      const underlined = await page.locator('.editor-instance .detected-link-active').count();
      if (underlined > 0 || Date.now() > deadline) break;
      await page.keyboard.up('Control');
      await page.mouse.move(5, 5);
      await page.waitForTimeout(500);
    }
    await screenshot(page, 'image-link-hover');
    // VS Code asks before opening an external site (or opens it straight away when the domain is trusted).
    // A click that opened neither (the lines moved under it) is made again, at most three times.
    let opened: 'dialog' | string | undefined;
    for (let attempt = 0; attempt < 3 && opened === undefined; attempt++) {
      await link.click({ modifiers: ['Control'] });
      await page.keyboard.up('Control');
      opened = await Promise.race([
        dialog.waitFor({ timeout: 15_000 }).then(() => 'dialog' as const).catch(() => undefined),
        popup,
        page.waitForTimeout(15_000).then(() => undefined),
      ]);
    }
    await screenshot(page, 'image-link-open');
    if (opened === 'dialog') {
      assert.match(await dialog.innerText(), /https:\/\/hub\.docker\.com\/_\/nginx/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: SLOW });
    } else {
      assert.match(String(opened), /^https:\/\/hub\.docker\.com\/_\/nginx/);
    }
  });

  it('warns that CONTAINER_PORT 8080 is not exposed by the Dockerfile, and the quick fix uses 3000', async () => {
    const rows = await problems(page, 'is not exposed');
    await screenshot(page, 'port-not-exposed-problem');
    assert.ok(rows.some((row) => /port-not-exposed/.test(row) && /3000\/tcp/.test(row)), rows.join('\n'));
    await page.keyboard.press('Control+Shift+M');
    const at = positionOf(SHOP, '3000:8080', 6);
    await goTo(page, at.line, at.column);
    await chooseQuickFix(page, 'Use container port 3000', 'port-not-exposed-quick-fix');
    await waitForEditorText(/"3000:3000"/);
    await screenshot(page, 'port-not-exposed-fixed');
    await runCommand(page, 'File: Revert File');
  });

  it('a missing env file: the quick fix makes it from the template beside it, and the error goes', async () => {
    await openFile(page, 'local/compose.yaml');
    const rows = await problems(page, '.env.local not found');
    assert.ok(rows.some((row) => /missing-env-file/.test(row)), rows.join('\n'));
    await page.keyboard.press('Control+Shift+M');
    const before = await problemCounts(page);
    const at = positionOf(files['local/compose.yaml']!, '.env.local');
    await goTo(page, at.line, at.column + 1);
    await chooseQuickFix(page, 'Create .env.local from .env.local.example', 'env-file-quick-fix');
    const made = join(session.server.workspace, 'local', '.env.local');
    const deadline = Date.now() + SLOW;
    while (!(existsSync(made) && readFileSync(made, 'utf8') === files['local/.env.local.example']) && Date.now() < deadline) await page.waitForTimeout(300);
    assert.equal(existsSync(made) ? readFileSync(made, 'utf8') : undefined, files['local/.env.local.example'], 'VS Code made the file with the template\'s text');
    let after = await problemCounts(page);
    while (after.errors >= before.errors && Date.now() < deadline) {
      await page.waitForTimeout(300);
      after = await problemCounts(page);
    }
    await screenshot(page, 'env-file-made');
    assert.equal(after.errors, before.errors - 1, 'the missing-env-file error went');
  });

  it('a service name Compose refuses: the quick fix renames it in this file and its override, and the errors go', async () => {
    await openFile(page, 'names/compose.yaml');
    const rows = await problems(page, 'is not a valid name');
    assert.ok(rows.some((row) => /invalid-name/.test(row)), rows.join('\n'));
    await page.keyboard.press('Control+Shift+M');
    const at = positionOf(files['names/compose.yaml']!, '"web app"');
    await goTo(page, at.line, at.column + 2);
    await chooseQuickFix(page, "Rename to 'web-app' wherever the project uses it", 'invalid-name-quick-fix');
    await waitForEditorText(/depends_on: \["web-app"\]/);
    await runCommand(page, 'File: Save All');
    const override = join(session.server.workspace, 'names', 'compose.override.yaml');
    const deadline = Date.now() + SLOW;
    while (!readFileSync(override, 'utf8').includes('"web-app":') && Date.now() < deadline) await page.waitForTimeout(300);
    assert.equal(readFileSync(override, 'utf8'), files['names/compose.override.yaml']!.replace('"web app"', '"web-app"'), 'the override renamed too');
    assert.equal(readFileSync(join(session.server.workspace, 'names', 'compose.yaml'), 'utf8'), files['names/compose.yaml']!.replaceAll('"web app"', '"web-app"'));
    // The Problems view keeps no row of the refused name (other folders' problems stay).
    await page.keyboard.press('Control+Shift+M');
    const refused = page.locator('.markers-panel .monaco-list-row', { hasText: 'is not a valid name' });
    await refused.first().waitFor({ state: 'detached', timeout: SLOW });
    await screenshot(page, 'invalid-name-renamed');
    assert.equal(await refused.count(), 0);
  });

  it('F2 on a volume the services mount through an anchored x- list renames it in the list too', async () => {
    await openFile(page, 'shared/compose.yaml');
    const text = files['shared/compose.yaml']!;
    const at = positionOf(text, '  data:\n');
    await goTo(page, at.line, at.column + 3);
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input');
    await input.waitFor({ state: 'visible', timeout: SLOW });
    await input.fill('site');
    await screenshot(page, 'rename-through-list-template-box');
    await page.keyboard.press('Enter');
    await waitForEditorText(/- site:\/srv\/data/);
    await runCommand(page, 'File: Save');
    const saved = join(session.server.workspace, 'shared', 'compose.yaml');
    const expected = text.replace('- data:/srv/data', '- site:/srv/data').replace('  data:\n', '  site:\n');
    const deadline = Date.now() + SLOW;
    while (readFileSync(saved, 'utf8') !== expected && Date.now() < deadline) await page.waitForTimeout(300);
    await screenshot(page, 'rename-through-list-template');
    assert.equal(readFileSync(saved, 'utf8'), expected);
  });
});
