// Runs inside VS Code's extension host (bundled by extensionHost.ts): mocha
// with the BDD globals, one suite module, and the results written as JSON
// beside the bundle, where the harness reads them after the host exits.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface HostTestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export async function runMocha(loadSuite: () => void, resultsDir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Installs describe/it/before... on globalThis before the suite module runs.
  mocha.suite.emit('pre-require', globalThis, 'host-suite', mocha);
  const results: HostTestResult[] = [];
  const write = () => writeFileSync(join(resultsDir, 'results.json'), JSON.stringify(results, null, 2));
  try {
    loadSuite();
  } catch (error) {
    results.push({ title: '(loading the suite)', state: 'failed', error: (error as Error).stack ?? String(error) });
    write();
    throw error;
  }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) =>
      results.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) }),
    );
  });
  write();
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
