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
