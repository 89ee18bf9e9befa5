import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace, pathToUri } from '../../../server/src/model/workspace';

test('variableNames lists .env names first, then the environment, once each', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vars-'));
  try {
    fs.writeFileSync(path.join(dir, '.env'), 'TAG=1\nPORT=8080\n');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services: {}\n');
    const project = new Workspace({ HOME: '/root', PORT: '9090', UNSET: undefined }).project(pathToUri(path.join(dir, 'compose.yaml')));
    assert.deepEqual(project.variableNames(), ['TAG', 'PORT', 'HOME']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
