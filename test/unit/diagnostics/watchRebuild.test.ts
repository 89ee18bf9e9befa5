// watch-needs-build (rules/watchRebuild.ts): a rebuild rule on a service with no build, which
// `docker compose watch` refuses (held to Compose 2.26.1 in test/docker/engine-verdicts.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture } from '../../support/fixture';

const rules = (action: string) => `    develop:\n      watch:\n        - action: ${action}\n          path: ./src\n          target: /src\n`;

test('watch-needs-build: a rebuild rule on a service that runs a pulled image is a warning at the action', (t) => {
  const found = fixture(t, `services:\n  web:\n    image: nginx\n${rules('rebuild')}`).diagnostics('watch-needs-build');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[5, 18, DiagnosticSeverity.Warning]]);
  assert.match(String(found[0]!.message), /Service "web" has no build section.*can't watch service "web" with action rebuild without a build context/);
});

test('watch-needs-build: not for sync rules, nor where a build comes from the service, an override, a merge or may come from extends, nor in a file that may be one of several', (t) => {
  const none = (source: string | Record<string, string>) => assert.deepEqual(fixture(t, source).diagnostics('watch-needs-build'), [], JSON.stringify(source));
  none(`services:\n  web:\n    image: nginx\n${rules('sync')}`);
  none(`services:\n  web:\n    build: .\n${rules('rebuild')}`);
  none({ 'compose.yaml': `services:\n  web:\n    image: nginx\n${rules('rebuild')}`, 'compose.override.yaml': 'services:\n  web:\n    build: .\n' });
  none(`x-b: &b\n  build: .\nservices:\n  web:\n    <<: *b\n${rules('rebuild')}`);
  none(`services:\n  base:\n    build: .\n  web:\n    extends: base\n${rules('rebuild')}`);
  none({ 'web.yaml': `services:\n  web:\n    image: nginx\n${rules('rebuild')}` });
});

