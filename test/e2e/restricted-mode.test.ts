// The manifest says Dockhand supports untrusted workspaces in a limited way:
// the language features work, the commands that run Compose or Docker do
// not. Here a person answers "don't trust" and checks both halves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hoverToken, openFile, openSession, paletteEntries, screenshot, type Session } from './harness';

let session: Session;
let page: Page;

before(async () => {
  session = await openSession({ workspaceTrust: true });
  page = await session.browser.openWorkbench();
});

after(async () => {
  await session?.stop();
});

describe('in an untrusted workspace (Restricted Mode)', () => {
  it('opens the folder in Restricted Mode unless the user trusts it', async () => {
    // Depending on the startup-prompt setting VS Code asks first, or opens in
    // Restricted Mode and says so in a banner: answer "don't trust" if asked.
    const dontTrust = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ });
    const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await dontTrust.or(restricted).first().waitFor({ timeout: 120_000 });
    if (await dontTrust.isVisible()) await dontTrust.click();
    await restricted.waitFor({ timeout: 60_000 });
    await screenshot(page, 'restricted-mode');
  });

  it('still activates on a Compose file and explains a port mapping on hover', async () => {
    await page.locator('.part.statusbar').click({ position: { x: 600, y: 5 } });
    await openFile(page, 'myapp/compose.yaml');
    await page.locator('.statusbar-item[id="dockhand.dockhand.dockhand.status"]').waitFor({ state: 'visible', timeout: 120_000 });
    const text = await hoverToken(page, /^"?8001(:5432"?)?$/, /CONTAINER_PORT/);
    assert.match(text, /HOST_PORT\s*8001/);
    await screenshot(page, 'restricted-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('does not offer the commands that run Compose', async () => {
    const shown = await paletteEntries(page, 'Dockhand: Compose', { screenshot: 'restricted-command-palette' });
    const runners = shown.filter((entry) => /Compose (Up|Down|Restart|Stop|Start|Pull|Build)\b/.test(entry));
    assert.deepEqual(runners, []);
  });
});
