import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

test('variableNames lists .env names first, then the environment, once each', (t) => {
  const fx = fixture(t, `#- .env
TAG=1
PORT=8080

#- compose.yaml
services: {}
`, { env: { HOME: '/root', PORT: '9090', UNSET: undefined } });
  const project = fx.workspace.project(fx.uri('compose.yaml'));
  assert.deepEqual(project.variableNames(), ['TAG', 'PORT', 'HOME']);
});

test('a .env value reads the environment Compose runs in, name by name: a name it does not set, or one every object inherits, is empty', (t) => {
  const fx = fixture(t, `#- .env
DATA=\${HOME}/data
ODD=[\${toString}][\${UNSET}]

#- compose.yaml
services: {}
`, { env: { HOME: '/root', UNSET: undefined } });
  const project = fx.workspace.project(fx.uri('compose.yaml'));
  assert.equal(project.variable('DATA')?.value, '/root/data');
  assert.equal(project.variable('ODD')?.value, '[][]');
  // The same in the Compose file: `\${constructor}` names no variable.
  assert.equal(project.variable('constructor'), undefined);
  assert.equal(project.variable('HOME')?.value, '/root');
});
