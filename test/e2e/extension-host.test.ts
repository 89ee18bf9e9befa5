// Mocha suites inside the real extension host of code-server, against the
// packaged extension. Each host test is reported as a subtest here, so a
// failure shows its own name and message.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession, repoRoot, runExtensionHostSuite, type Session } from './harness';

// test/e2e/host/<name>.host.ts
const suites = ['activation', 'language'];

let session: Session;

before(async () => {
  session = await openSession();
});

after(async () => {
  await session?.stop();
});

describe('extension host', () => {
  it(suites.map((name) => `${name}.host.ts`).join(' + '), async (t) => {
    const files = suites.map((name) => join(repoRoot, 'test', 'e2e', 'host', `${name}.host.ts`));
    const run = await runExtensionHostSuite(session.server, session.browser, files);
    assert.ok(run.results.length > 0, 'the suites ran no test');
    for (const result of run.results) {
      await t.test(result.title, () => {
        if (result.state === 'failed') assert.fail(result.error ?? 'failed');
      });
    }
    assert.equal(run.exitCode, 0, `the extension host exited with ${run.exitCode}`);
  });
});
