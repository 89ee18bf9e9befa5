// What a user sees in real VS Code (code-server in headless Chromium) with
// the packaged .vsix installed, on a copy of examples/. Each checked state is
// saved as a screenshot under test/e2e/.artifacts/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  examplesDir,
  focusWorkbench,
  goTo,
  hoverToken,
  openFile,
  openSession,
  paletteEntries,
  positionOf,
  problems,
  repoRoot,
  runCommand,
  screenshot,
  statusBarItems,
  triggerSuggest,
  waitForCursor,
  type Session,
} from './harness';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const myapp = readFileSync(join(examplesDir, 'myapp', 'compose.yaml'), 'utf8');

let session: Session;
let page: Page;

before(async () => {
  session = await openSession();
  page = await session.browser.openWorkbench();
  await focusWorkbench(page);
});

after(async () => {
  await session?.stop();
});

describe('the packaged extension in VS Code', () => {
  it('activates on a Compose file: the status bar shows Dockhand and the language is Compose', async () => {
    await openFile(page, 'myapp/compose.yaml');
    const item = page.locator('.statusbar-item[id="dockhand.dockhand.dockhand.status"]');
    await item.waitFor({ state: 'visible', timeout: 90_000 });
    await screenshot(page, 'activation-status-bar');
    const items = await statusBarItems(page);
    assert.match(items.find((i) => i.id === 'dockhand.dockhand.dockhand.status')?.text ?? '', /Dockhand/);
    assert.equal(items.find((i) => i.id === 'status.editor.mode')?.text, 'Compose');
  });

  it('colours interpolation inside a string apart from the string itself (injection grammar)', async () => {
    // `${POSTGRES_PASSWORD:-example}` in myapp: without the grammar the whole
    // string is one token of one colour.
    const variable = page.locator('.view-lines span span', { hasText: /^POSTGRES_PASSWORD$/ });
    const fallback = page.locator('.view-lines span span', { hasText: /^example$/ });
    await variable.first().waitFor({ timeout: 30_000 });
    const colour = (locator: typeof variable) => locator.first().evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(await colour(variable), await colour(fallback));
    await screenshot(page, 'grammar-interpolation');
  });

  it('F12 on a depends_on entry jumps to the service', async () => {
    const use = positionOf(myapp, '      - db', 8);
    const definition = positionOf(myapp, '  db:', 2);
    await goTo(page, use.line, use.column);
    await page.keyboard.press('F12');
    await waitForCursor(page, definition.line);
    await screenshot(page, 'definition-depends-on');
  });

  it('hovering a port mapping explains host port and container port', async () => {
    const text = await hoverToken(page, /^"?8001(:5432"?)?$/, /CONTAINER_PORT/);
    await screenshot(page, 'hover-port-mapping');
    assert.match(text, /HOST_PORT\s*8001/);
    assert.match(text, /CONTAINER_PORT\s*5432/);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('Ctrl+Space in a service shows our key completions in the suggest widget', async () => {
    // A new key at the end of the db service (the file ends with a newline).
    await page.keyboard.press('Control+End');
    await waitForCursor(page, myapp.split('\n').length, 1);
    await page.keyboard.type('    heal');
    const labels = await triggerSuggest(page, 'healthcheck');
    await screenshot(page, 'completion-service-keys');
    assert.ok(labels.includes('healthcheck'), `the suggest widget showed ${labels.join(', ')}`);
    await page.keyboard.press('Escape');
    // Put the file back as it is on disk for the tests after this one.
    await runCommand(page, 'File: Revert File');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('a file with an undefined network shows the error in the Problems view', async () => {
    await openFile(page, 'mistakes/compose.yaml');
    const rows = await problems(page, 'undefined network "frontend"');
    await screenshot(page, 'problems-undefined-network');
    const row = rows.find((r) => r.includes('undefined network "frontend"'))!;
    assert.match(row, /dockhand/);
    assert.match(row, /undefined-network/);
    await page.keyboard.press('Control+Shift+M'); // close the panel again
  });

  it('lists every Dockhand command in the command palette under its category', async () => {
    // Commands the manifest hides from the palette (`"when": "false"`) are for menus and code only.
    const hidden = new Set(
      ((manifest.contributes.menus?.commandPalette ?? []) as { command: string; when?: string }[])
        .filter((entry) => entry.when === 'false')
        .map((entry) => entry.command),
    );
    const commands = ((manifest.contributes.commands ?? []) as { command: string; title: string; category?: string }[]).filter(
      (c) => !hidden.has(c.command),
    );
    assert.ok(commands.length > 0, 'package.json contributes no commands for the palette');
    const shown = await paletteEntries(page, 'Dockhand: ', { screenshot: 'command-palette' });
    const missing = commands
      .map(({ title, category }) => (category ? `${category}: ${title}` : title))
      .filter((label) => !shown.some((entry) => entry.includes(label)));
    assert.deepEqual(missing, [], `the palette showed:\n${shown.join('\n')}`);
  });
});
