// tmpfs-conflict (rules/tmpfsMounts.ts): a service's tmpfs path that one of its volumes mounts too. The
// engine's verdicts on each shape are in test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

const service = (body: string) => `services:
  web:
    image: nginx
${body}`;

function found(t: Cleanup, source: string) {
  return fixture(t, source).diagnostics('tmpfs-conflict').map((d) => ({ line: d.range.start.line, severity: d.severity, message: String(d.message) }));
}

test('a tmpfs at a short-syntax bind\'s path is an error, on the tmpfs entry, naming the bind', (t) => {
  const [only, ...more] = found(t, service(`    tmpfs:
      - /run
      - /data:size=1m
    volumes:
      - ./cache:/cache
      - ./site:/data/:ro
`));
  assert.deepEqual(more, []);
  assert.equal(only!.line, 5);
  assert.equal(only!.severity, DiagnosticSeverity.Error);
  assert.match(only!.message, /\/data is a tmpfs and the bind mount of \.\/site \(volumes item 1\).*Duplicate mount point: \/data/);
});

test('a tmpfs over a volume, an anonymous volume or a long-syntax mount is a warning that names what it covers', (t) => {
  const list = found(t, service(`    tmpfs: [/a, /b, /c, /d/]
    volumes:
      - data:/a
      - /b
      - type: bind
        source: ./site
        target: /c
      - ./d:/d
volumes:
  data: {}
`));
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Warning && d.line === 3), JSON.stringify(list));
  assert.deepEqual(list.map((d) => /covers (.*) \(volumes item (\d)\)/.exec(d.message)?.slice(1)), [
    ["the volume 'data'", '0'],
    ['an anonymous volume', '1'],
    ['./site', '2'],
    // `/d/` is not the bind's `/d` to the engine: it starts, with the tmpfs over the bind.
    ['./d', '3'],
  ]);
});

test('nothing where the paths differ, a path holds a variable, or a key comes from a merge', (t) => {
  assert.deepEqual(found(t, service(`    tmpfs: /run
    volumes: ["./site:/data", "/run/extra"]
`)), []);
  assert.deepEqual(found(t, service(`    tmpfs: \${TMP_PATH}
    volumes: ["./site:\${TMP_PATH}"]
`)), []);
  assert.deepEqual(found(t, `x-tmp: &tmp
  tmpfs: /data
services:
  web:
    image: nginx
    <<: *tmp
    volumes: ["./site:/data"]
`), []);
});
