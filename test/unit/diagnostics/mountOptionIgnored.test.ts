// mount-option-ignored (rules/mountOptionIgnored.ts): the options of another type on a long-syntax mount,
// which Compose ignores and warns about at `up`. Compose's own warnings are in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

const mounts = (entries: string) => `x-common: &bindopts
  bind:
    propagation: rshared
services:
  web:
    image: nginx
    volumes:
${entries}volumes:
  data:
`;

function found(t: Cleanup, source: string) {
  return fixture(t, source).diagnostics('mount-option-ignored').map((d) => ({ line: d.range.start.line, character: d.range.start.character, severity: d.severity, message: String(d.message) }));
}

test('each type\'s options on a mount of another type: a warning on the options key, saying what Compose does', (t) => {
  const list = found(t, mounts(`      - type: volume
        source: data
        target: /data
        bind:
          propagation: rprivate
      - type: tmpfs
        target: /cache
        volume:
          nocopy: true
        tmpfs:
          size: 1000
      - type: bind
        source: ./site
        target: /site
        tmpfs:
          size: 1000
        bind:
          create_host_path: true
`));
  assert.deepEqual(list.map((d) => [d.line, d.character, d.severity]), [
    [10, 8, DiagnosticSeverity.Warning],
    [14, 8, DiagnosticSeverity.Warning],
    [21, 8, DiagnosticSeverity.Warning],
  ]);
  assert.match(list[0]!.message, /`bind:` options are for `type: bind` mounts: Compose ignores them on this `type: volume` mount \(unless its volume is a local bind/);
  assert.match(list[1]!.message, /`volume:` options are for `type: volume` mounts: Compose ignores them on this `type: tmpfs` mount and warns at `up`\.$/);
  assert.match(list[2]!.message, /`tmpfs:` options .* this `type: bind` mount/);
});

test('a mount\'s own options, a type only the run decides, a type with no options of its own, and the short syntax say nothing', (t) => {
  assert.deepEqual(found(t, mounts(`      - type: volume
        source: data
        target: /data
        volume:
          nocopy: true
      - type: \${MOUNT_TYPE:-volume}
        source: data
        target: /other
        bind:
          propagation: rprivate
      - type: npipe
        source: \\\\.\\pipe\\docker_engine
        target: \\\\.\\pipe\\docker_engine
      - data:/short
`)), []);
});

test('options merged from an anchor are not reported at the mount that merges them; its own are', (t) => {
  const f = fixture(t, mounts(`      - <<: *bindopts
        type: volume
        source: data
        target: /data
      - <<: *bindopts
        type: bind
        source: ./site
        target: /site
        tmpfs:
          size: 1000
`));
  assert.deepEqual(f.diagnostics().filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code), [], 'the file reads');
  assert.deepEqual(f.diagnostics('mount-option-ignored').map((d) => d.range.start.line), [15]);
});
