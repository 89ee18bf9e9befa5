// `npm start FOLDER`: an absolute folder is opened as given, a relative one is
// taken from where the user ran npm (INIT_CWD). Checked through the script's
// own refusal of a folder that does not exist, which comes before any build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const script = resolve(__dirname, '..', '..', '..', 'scripts', 'start.mjs');

function start(folder: string, initCwd: string) {
  const r = spawnSync(process.execPath, [script, folder], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: initCwd, DOCKHAND_START_DIR: join(initCwd, 'state') },
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe('npm start FOLDER', () => {
  it('takes an absolute folder as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockhand-start-folder-'));
    try {
      const missing = join(dir, 'no such project');
      const r = start(missing, process.cwd());
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`\\[start\\] ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a relative folder from where npm was run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockhand-start-folder-'));
    try {
      const r = start('sub/project', dir);
      assert.equal(r.code, 1);
      assert.ok(r.stderr.includes(`${join(dir, 'sub', 'project')} does not exist`), r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
