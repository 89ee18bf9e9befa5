// Headless Chromium (Debian's) driven by playwright-core, with a fresh
// profile in the code-server run folder. Playwright starts Chromium in its
// own process group and kills that group on close().
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, ensureSystemPackages } from '../../../scripts/code-server.mjs';
import type { CodeServer } from './codeServer';
import { artifactsDir } from './paths';

/** The page's window with VS Code's smoke-test driver (--enable-smoke-test-driver). */
type SmokeTestWindow = Window & { driver?: { whenWorkbenchRestored(): Promise<void> } };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  /** A new tab on the workbench of `server`, once VS Code has restored it. */
  openWorkbench(query?: Record<string, string>): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, installed first when it is missing (as root on Debian;
 * elsewhere the error says what to install). Every e2e test that opens a
 * browser gets it here, so a machine without Chromium runs any e2e file alone.
 */
export async function chromiumExecutable(): Promise<string> {
  const executablePath = chromiumPath as string;
  if (!existsSync(executablePath)) await ensureSystemPackages({ needChromium: true });
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not at ${executablePath}: install Debian's chromium (apt-get install chromium) or set DOCKHAND_CHROMIUM.`);
  }
  return executablePath;
}

export async function launchBrowser(server: CodeServer): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  const profile = join(server.runDir, 'chromium-profile');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      env: { ...process.env, HOME: join(server.runDir, 'home'), TMPDIR: join(server.runDir, 'tmp') },
      timeout: 60_000,
    });
  } catch (error) {
    throw new Error(`Chromium (${executablePath}) did not start: ${(error as Error).message}`);
  }
  return {
    context,
    async openWorkbench(query) {
      const page = await context.newPage();
      await page.goto(server.workbenchUrl(query), { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      // The smoke-test driver (enabled by --vscode-option enable-smoke-test-driver)
      // resolves once the workbench has restored its editors and views.
      await page.waitForFunction(() => typeof (window as SmokeTestWindow).driver?.whenWorkbenchRestored === 'function', undefined, {
        timeout: 60_000,
      });
      await page.evaluate(() => (window as SmokeTestWindow).driver!.whenWorkbenchRestored());
      return page;
    },
    async close() {
      await context.close();
    },
  };
}

/** Saves a PNG of the page as test/e2e/.artifacts/<name>.png so a person can look at the checked state. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
