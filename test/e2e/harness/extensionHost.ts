// Mocha suites that run inside the real extension host of code-server, for
// what is easier to check through the API than through the screen
// (vscode.executeCompletionItemProvider, getDiagnostics...). The suite is
// bundled with mocha by esbuild; the workbench is opened with
// extensionDevelopmentPath (the packaged extension as code-server unpacked it)
// and extensionTestsPath (the bundle); the smoke-test driver reports the
// extension host's exit through window.codeAutomationExit.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser } from './browser';
import type { CodeServer } from './codeServer';
import type { HostTestResult } from './hostRunner';
import { repoRoot } from './paths';

export interface HostRun {
  exitCode: number;
  results: HostTestResult[];
}

/**
 * Runs the mocha suites in `suiteFiles` (.ts modules using describe/it and
 * `import * as vscode from 'vscode'`) inside one extension host; resolves
 * once the host exits. Throws when the suites did not run at all.
 */
export async function runExtensionHostSuite(
  server: CodeServer,
  browser: Browser,
  suiteFiles: string | string[],
  { timeoutMs = 300_000 } = {},
): Promise<HostRun> {
  // Several suites in one bundle share one extension host: each host start costs seconds.
  const files = Array.isArray(suiteFiles) ? suiteFiles : [suiteFiles];
  const suiteFile = files.join(', ');
  const outDir = join(server.runDir, 'host-tests', String(Date.now()));
  await mkdir(outDir, { recursive: true });
  const runner = join(repoRoot, 'test', 'e2e', 'harness', 'hostRunner.ts');
  await esbuild.build({
    stdin: {
      contents: `const { runMocha } = require(${JSON.stringify(runner)});
exports.run = () => runMocha(() => { ${files.map((file) => `require(${JSON.stringify(file)});`).join(' ')} }, __dirname);`,
      resolveDir: repoRoot,
      loader: 'js',
      sourcefile: 'host-suite-entry.js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(outDir, 'index.js'),
    external: ['vscode'],
    logLevel: 'error',
  });

  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(server.extensionDir)],
    ['extensionTestsPath', remote(join(outDir, 'index.js'))],
  ]);
  const page = await browser.context.newPage();
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', () => undefined);
  try {
    await page.goto(server.workbenchUrl({ payload }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`The extension-host suite ${suiteFile} did not finish in ${timeoutMs / 1000} s. code-server said:\n${server.logTail()}`)),
        timeoutMs,
      ).unref(),
    );
    const exitCode = await Promise.race([exited, timeout]);
    const resultsFile = join(outDir, 'results.json');
    if (!existsSync(resultsFile)) {
      throw new Error(`The extension host exited (${exitCode}) without running ${suiteFile}: no results were written.`);
    }
    return { exitCode, results: JSON.parse(readFileSync(resultsFile, 'utf8')) as HostTestResult[] };
  } finally {
    await page.close().catch(() => undefined);
  }
}
