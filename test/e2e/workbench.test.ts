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
  openFile,
  openSession,
  paletteEntries,
  positionOf,
  repoRoot,
  screenshot,
  statusBarItems,
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
