// The e2e harness: real VS Code (code-server) with the packaged Dockhand, in
// headless Chromium. A test file typically does
//
//   const session = await openSession();              // code-server + Chromium on a copy of examples/
//   const page = await session.browser.openWorkbench();
//   await openFile(page, 'myapp/compose.yaml');       // then look, type, screenshot(page, 'name')
//   const run = await runExtensionHostSuite(session.server, session.browser, 'test/e2e/host/x.host.ts');
//   await session.stop();                             // kills every process group, removes the run folder
export { chromiumExecutable, launchBrowser, screenshot, type Browser } from './browser';
export { packagedVsix, startCodeServer, type CodeServer, type StartOptions } from './codeServer';
export { runExtensionHostSuite, type HostRun } from './extensionHost';
export { artifactsDir, examplesDir, repoRoot } from './paths';
export * from './workbench';
export { sideBarPane, treeRow } from './treeViews';

import { cp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { launchBrowser, screenshot, type Browser } from './browser';
import { startCodeServer, type CodeServer, type StartOptions } from './codeServer';
import { artifactsDir } from './paths';

export interface Session {
  server: CodeServer;
  browser: Browser;
  stop(): Promise<void>;
}

/** code-server with the packaged extension, and Chromium next to it; stop() ends both. */
export async function openSession(options: StartOptions = {}): Promise<Session> {
  const server = await startCodeServer(options);
  let browser: Browser;
  try {
    browser = await launchBrowser(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    async stop() {
      // What the screen and VS Code's logs were at the end, for whoever reads a failure:
      // test/e2e/.artifacts/<test file>-at-stop-<n>.png and logs/<test file>/.
      const name = basename(process.argv[1] ?? 'e2e').replace(/\.test\.ts$/, '');
      try {
        for (const [i, page] of browser.context.pages().entries()) await screenshot(page, `${name}-at-stop-${i}`).catch(() => undefined);
        await cp(join(server.runDir, 'data', 'logs'), join(artifactsDir, 'logs', name), { recursive: true, force: true }).catch(() => undefined);
        await browser.close();
      } finally {
        await server.stop();
      }
    },
  };
}
