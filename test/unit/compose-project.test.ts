import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fallbackProject } from '../../client/src/compose/session';

describe('project files without the language server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-fallback-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['compose.yaml', 'compose.override.yml', 'docker-compose.yml', 'extra.yaml']) writeFileSync(join(dir, name), 'services: {}\n');

  it('adds the override file that sits next to the main file', () => {
    assert.deepEqual(fallbackProject(join(dir, 'compose.yaml'), {}), {
      files: [join(dir, 'compose.yaml'), join(dir, 'compose.override.yml')],
      workingDirectory: dir,
    });
    assert.deepEqual(fallbackProject(join(dir, 'docker-compose.yml'), {}).files, [join(dir, 'docker-compose.yml')]);
    assert.deepEqual(fallbackProject(join(dir, 'extra.yaml'), {}).files, [join(dir, 'extra.yaml')]);
  });

  it('uses COMPOSE_FILE (relative to the folder, in its order) when it names the file', () => {
    const env = { COMPOSE_FILE: 'compose.yaml:extra.yaml' };
    assert.deepEqual(fallbackProject(join(dir, 'extra.yaml'), env).files, [join(dir, 'compose.yaml'), join(dir, 'extra.yaml')]);
    const other = { COMPOSE_FILE: 'a.yaml;b.yaml', COMPOSE_PATH_SEPARATOR: ';' };
    assert.deepEqual(fallbackProject(join(dir, 'extra.yaml'), other).files, [join(dir, 'extra.yaml')], 'COMPOSE_FILE without this file does not apply');
  });
});
